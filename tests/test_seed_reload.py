"""Loading the seed records again (bin/serve does it at every start) never reverts staff work."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from meetings import services
from meetings.models import Agreement, Meeting, Participation, PublicationStatus, Topic
from meetings.seeds import SEED_FIXTURES, load_missing

pytestmark = pytest.mark.django_db


def census() -> dict[str, int]:
    """Rows of every table of the archive, history and many-to-many tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_app_config("meetings").get_models()}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """A fresh installation: the seed records loaded the way bin/serve loads them (once for the module)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seed_records", verbosity=0)
        yield
        transaction.set_rollback(True)


def history_of(record) -> list[tuple]:
    return list(record.history.order_by("history_id").values_list("history_id", "history_type", "title", "status"))


def test_a_fresh_archive_gets_every_seed_record_each_with_a_creation_in_its_history(seeded):
    assert Meeting.objects.count() == 5
    assert Meeting.objects.public().count() == 5
    for meeting in Meeting.objects.all():
        (created,) = meeting.history.all()
        assert created.history_type == "+"
        assert "seed records" in created.history_change_reason
        assert {p.process_id for p in created.processes.all()} == set(meeting.processes.values_list("pk", flat=True))


def test_a_corrected_title_and_a_withdrawn_meeting_stay_as_staff_left_them(seeded, publisher):
    corrected, withdrawn = Meeting.objects.order_by("start_date")[:2]
    corrected.title = "VII Regional Conference on Migration (corrected by the secretariat)"
    corrected.save()
    services.withdraw(withdrawn, publisher)
    corrected_history, withdrawn_history = history_of(corrected), history_of(withdrawn)
    before = census()

    call_command("load_seed_records", verbosity=0)

    corrected.refresh_from_db()
    withdrawn.refresh_from_db()
    assert corrected.title == "VII Regional Conference on Migration (corrected by the secretariat)"
    assert withdrawn.status == PublicationStatus.WITHDRAWN
    assert not Meeting.objects.public().filter(pk=withdrawn.pk).exists()
    assert history_of(corrected) == corrected_history
    assert history_of(withdrawn) == withdrawn_history
    assert census() == before  # no duplicate row, no new history row anywhere


def test_a_renamed_or_deleted_record_is_not_brought_back(seeded):
    topic = Topic.objects.get(slug="trafficking-in-persons")
    topic.slug, topic.name = "trafficking", "Trafficking in human beings"
    topic.save()
    meeting = Meeting.objects.get(slug="vii-rcm-2002")
    meeting.slug = "vii-rcm-antigua-2002"
    meeting.save()
    participation = Participation.objects.filter(meeting__slug="celac-first-meeting-on-migration-2012").first()
    participation.delete()
    agreement = Agreement.objects.filter(document__meeting__slug="oas-ceam-2009-02-13").order_by("order").last()
    agreement.order += 100  # renumbered: its natural key changes
    agreement.save()
    before = census()

    report = load_missing(SEED_FIXTURES)

    assert sum(report.added.values()) == 0
    assert census() == before
    assert not Topic.objects.filter(slug="trafficking-in-persons").exists()
    assert not Meeting.objects.filter(slug="vii-rcm-2002").exists()


def test_records_missing_from_the_archive_are_added(seeded):
    Topic.objects.filter(slug="remittances-and-development").delete()
    Topic.history.filter(slug="remittances-and-development").delete()  # as if the vocabulary had just gained it
    report = load_missing(SEED_FIXTURES)
    assert dict(report.added) == {"topics": 1}
    assert Topic.objects.get(slug="remittances-and-development").history.get().history_type == "+"
