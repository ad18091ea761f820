"""Shared test setup.

`seeded_db` loads the archive's real fixtures (countries, reference data and the
five seed meetings) once per test session, so tests about the seeds read what a
fresh installation holds.
"""

import pytest
from django.core.management import call_command

from meetings.seeds import SEED_FIXTURES


@pytest.fixture(scope="session")
def seeded_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("loaddata", *SEED_FIXTURES, verbosity=0)


@pytest.fixture
def staff_user(django_user_model):
    """A superuser: the secretariat staff who enter records through the admin."""
    return django_user_model.objects.create_superuser("staff", "staff@example.org", "correct horse battery")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
