"""Shared test setup.

Loading the archive's fixtures takes seconds, too long to repeat for every
test. `reference_db` and `seeded_db` load them once per test module inside a
transaction that is rolled back when the module ends (the pattern of Django's
`setUpTestData`): each test still runs in its own savepoint, and no module
finds another module's records.
"""

from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import is_valid_path
from django.utils import translation

from meetings.seeds import REFERENCE_FIXTURES, SEED_FIXTURES
from meetings.translations import compile_catalogues


def pytest_sessionstart(session):
    """The Spanish pages need the compiled catalogue, which git does not keep (meetings/translations.py)."""
    from django.conf import settings

    compile_catalogues(list(settings.LOCALE_PATHS))


@contextmanager
def _loaded_for_the_module(django_db_blocker, fixtures: list[str]):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("loaddata", *fixtures, verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def reference_db(django_db_setup, django_db_blocker):
    """Countries, processes, organisations and topics, without any meeting."""
    with _loaded_for_the_module(django_db_blocker, REFERENCE_FIXTURES):
        yield


@pytest.fixture(scope="module")
def seeded_db(django_db_setup, django_db_blocker):
    """What a fresh installation holds: the reference data and the five seed meetings."""
    with _loaded_for_the_module(django_db_blocker, SEED_FIXTURES):
        yield


class EnglishClient(Client):
    """The test client, reading the English pages when a test names a public page by its old unprefixed address.

    Public pages live under /en/ and /es/, and an unprefixed address is a
    redirect (tests/test_languages.py tests that). Most tests are about
    something else and name pages as they were named before the archive had
    two languages; this client sends those straight to the English page, as
    the redirect would. Addresses that are not pages under a prefix (the
    admin, /healthz, anything already prefixed, anything missing) go as given.
    New tests use reverse().
    """

    def generic(self, method, path, *args, **kwargs):
        return super().generic(method, english_address(path), *args, **kwargs)


def english_address(path: str) -> str:
    """ "/agreements/?q=x" -> "/en/agreements/?q=x" when only the prefixed address is a page."""
    if not isinstance(path, str) or not path.startswith("/"):
        return path
    bare = path.split("?", 1)[0].split("#", 1)[0]
    # A prefix matches only while its language is active, and the last request leaves its own active.
    with translation.override("en"):
        if is_valid_path(bare) or not is_valid_path("/en" + bare):
            return path
    return "/en" + path


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Each test starts in English: a request leaves its page's language active in the thread after it."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def client():
    """The test client; unprefixed public addresses read the English page (see EnglishClient)."""
    return EnglishClient()


@pytest.fixture
def staff_user(django_user_model):
    """A superuser: the secretariat staff who enter records through the admin."""
    return django_user_model.objects.create_superuser("staff", "staff@example.org", "correct horse battery")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# Editors and publishers: staff in the groups the data migration 0004_publishing_roles
# creates, as on a fresh installation. Editors prepare drafts; publishers also publish.
def staff_in_group(django_user_model, group: str):
    user = django_user_model.objects.create_user(group.lower(), f"{group.lower()}@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return staff_in_group(django_user_model, "Editor")


@pytest.fixture
def publisher(django_user_model):
    return staff_in_group(django_user_model, "Publisher")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


@pytest.fixture(scope="session", autouse=True)
def _close_live_server_connections(django_db_setup, django_db_blocker):
    """End database sessions the live server's threads leave open, so the test database can be dropped.

    PostgreSQL refuses to drop a database another session is connected to;
    without this, the browser tests leave "test_migconf" behind with a warning.
    """
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
