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

from meetings.seeds import REFERENCE_FIXTURES, SEED_FIXTURES


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
