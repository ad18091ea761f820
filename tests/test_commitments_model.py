"""Commitments' follow-up: due dates (exact and relative), "overdue" on a given date, and dated status steps.

Every "overdue" check passes its date explicitly: no test depends on today's date.
Staff here is `staff_client` (a superuser); records are built in each test.
"""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    ActionItem,
    ActionItemStatus,
    ActionItemStatusChange,
    Meeting,
    MeetingKind,
    Process,
    PublicationStatus,
)
from tests.helpers import admin_url, change_form_data

pytestmark = pytest.mark.django_db

D = datetime.date
OPEN, IN_PROGRESS, DONE, DROPPED = (
    ActionItemStatus.OPEN,
    ActionItemStatus.IN_PROGRESS,
    ActionItemStatus.DONE,
    ActionItemStatus.DROPPED,
)
VICE_MINISTERIAL = MeetingKind.VICE_MINISTERIAL


def make_process(slug: str) -> Process:
    return Process.objects.create(name=f"Process {slug}", slug=f"cm-{slug}", acronym=slug.upper())


def make_meeting(slug: str, start: datetime.date, *processes: Process, kind=VICE_MINISTERIAL, **fields) -> Meeting:
    meeting = Meeting.objects.create(
        title=f"Meeting {slug}", slug=f"cm-{slug}", start_date=start, end_date=start, kind=kind, **fields
    )
    meeting.processes.set(processes)
    return meeting


def make_item(meeting: Meeting, description: str = "To exchange information", **fields) -> ActionItem:
    order = meeting.action_items.count() + 1
    return ActionItem.objects.create(meeting=meeting, description=description, order=order, **fields)


def ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


@pytest.fixture
def rcm():
    return make_process("rcm")


@pytest.fixture
def vii_rcm(rcm):
    """The VII RCM (Antigua, 30 May 2002), which set the commitments."""
    return make_meeting("vii-rcm", D(2002, 5, 30), rcm)


class TestOverdueOnAFixedDate:
    def test_a_commitment_past_its_due_date_and_still_open_is_overdue(self, vii_rcm):
        item = make_item(vii_rcm, due_date=D(2002, 12, 31))
        assert ids(ActionItem.objects.overdue(on=D(2003, 1, 1))) == {item.pk}

    def test_it_is_not_overdue_on_its_due_date_nor_before(self, vii_rcm):
        make_item(vii_rcm, due_date=D(2002, 12, 31))
        assert not ActionItem.objects.overdue(on=D(2002, 12, 31)).exists()
        assert not ActionItem.objects.overdue(on=D(2002, 6, 1)).exists()

    def test_in_progress_is_still_open_so_it_can_be_overdue(self, vii_rcm):
        item = make_item(vii_rcm, due_date=D(2002, 12, 31), progress=IN_PROGRESS)
        assert ids(ActionItem.objects.overdue(on=D(2003, 1, 1))) == {item.pk}

    @pytest.mark.parametrize("progress", [DONE, DROPPED])
    def test_a_closed_commitment_is_never_overdue(self, vii_rcm, progress):
        make_item(vii_rcm, due_date=D(2002, 12, 31), progress=progress)
        assert not ActionItem.objects.overdue(on=D(2010, 1, 1)).exists()

    def test_a_commitment_without_a_date_is_never_overdue(self, vii_rcm):
        make_item(vii_rcm, due_text="as soon as possible")
        assert not ActionItem.objects.overdue(on=D(2030, 1, 1)).exists()

    def test_open_lists_open_and_in_progress_commitments(self, vii_rcm):
        kept = {make_item(vii_rcm, progress=OPEN).pk, make_item(vii_rcm, progress=IN_PROGRESS).pk}
        make_item(vii_rcm, progress=DONE)
        make_item(vii_rcm, progress=DROPPED)
        assert ids(ActionItem.objects.filter(meeting=vii_rcm).open()) == kept


class TestRelativeDeadlines:
    """ "Before the next vice-ministerial meeting": dated by that meeting once it is recorded."""

    def due_date_of(self, item, meetings=None):
        return ActionItem.objects.with_effective_due_date(meetings).get(pk=item.pk).effective_due_date

    def test_until_the_next_meeting_is_recorded_it_has_no_date_and_is_not_overdue(self, vii_rcm):
        item = make_item(vii_rcm, due_next_meeting_kind=VICE_MINISTERIAL, due_text="before the VIII RCM")
        assert self.due_date_of(item) is None
        assert not ActionItem.objects.overdue(on=D(2030, 1, 1)).exists()

    def test_it_takes_the_date_of_the_next_meeting_of_that_kind_of_the_same_process(self, rcm, vii_rcm):
        item = make_item(vii_rcm, due_next_meeting_kind=VICE_MINISTERIAL)
        make_meeting("other-process-vm", D(2002, 11, 1), make_process("sacm"))  # another process
        make_meeting("rcgm", D(2002, 12, 1), rcm, kind=MeetingKind.TECHNICAL)  # another kind
        make_meeting("vi-rcm", D(2001, 6, 1), rcm)  # an earlier one
        make_meeting("ix-rcm", D(2004, 5, 1), rcm)  # not the next one
        make_meeting("viii-rcm", D(2003, 5, 21), rcm)
        assert self.due_date_of(item) == D(2003, 5, 21)

    def test_it_becomes_overdue_only_after_that_meeting(self, rcm, vii_rcm):
        item = make_item(vii_rcm, due_next_meeting_kind=VICE_MINISTERIAL)
        make_meeting("viii-rcm", D(2003, 5, 21), rcm)
        assert not ActionItem.objects.overdue(on=D(2003, 5, 21)).exists()
        assert ids(ActionItem.objects.overdue(on=D(2003, 5, 22))) == {item.pk}

    def test_a_joint_meeting_counts_for_each_of_its_processes(self, rcm, vii_rcm):
        item = make_item(vii_rcm, due_next_meeting_kind=MeetingKind.PLENARY)
        make_meeting("joint-plenary", D(2018, 5, 8), rcm, make_process("sacm"), kind=MeetingKind.PLENARY)
        assert self.due_date_of(item) == D(2018, 5, 8)

    def test_an_exact_due_date_wins_over_the_relative_deadline(self, rcm, vii_rcm):
        item = make_item(vii_rcm, due_date=D(2002, 9, 30), due_next_meeting_kind=VICE_MINISTERIAL)
        make_meeting("viii-rcm", D(2003, 5, 21), rcm)
        assert self.due_date_of(item) == D(2002, 9, 30)

    def test_the_public_tracker_can_count_only_published_meetings(self, rcm, vii_rcm):
        item = make_item(vii_rcm, due_next_meeting_kind=VICE_MINISTERIAL)
        make_meeting("viii-rcm-draft", D(2003, 5, 21), rcm, status=PublicationStatus.DRAFT)
        assert self.due_date_of(item, Meeting.objects.public()) is None
        assert not ActionItem.objects.overdue(on=D(2030, 1, 1), meetings=Meeting.objects.public()).exists()
        assert self.due_date_of(item) == D(2003, 5, 21)


class TestEarlierCommitments:
    def test_set_before_lists_commitments_of_earlier_meetings_of_the_same_processes(self, rcm, vii_rcm):
        earlier = make_item(vii_rcm)
        make_item(make_meeting("sacm", D(2002, 1, 1), make_process("sacm")))
        viii = make_meeting("viii-rcm", D(2003, 5, 21), rcm)
        make_item(viii, "Set by the VIII RCM itself")
        make_item(make_meeting("ix-rcm", D(2004, 5, 1), rcm), "Set later")
        assert ids(ActionItem.objects.set_before(viii)) == {earlier.pk}


class TestDatedSteps:
    def test_a_step_reported_at_a_meeting_takes_its_date_and_marks_where_it_was_reported_done(self, rcm, vii_rcm):
        item = make_item(vii_rcm)
        viii = make_meeting("viii-rcm", D(2003, 5, 21), rcm)
        step = services.mark_done_at(item, viii, note="The plan was presented.")
        item.refresh_from_db()
        assert (step.date, step.meeting, step.progress) == (D(2003, 5, 21), viii, DONE)
        assert (item.progress, item.reported_done_at) == (DONE, viii)

    def test_a_step_without_a_meeting_is_dated_today(self, vii_rcm, monkeypatch):
        monkeypatch.setattr(services.timezone, "localdate", lambda: D(2002, 8, 1))
        step = services.record_progress(make_item(vii_rcm), IN_PROGRESS)
        assert step.date == D(2002, 8, 1)

    def test_the_status_is_that_of_the_latest_step_even_when_an_earlier_one_is_entered_later(self, vii_rcm):
        item = make_item(vii_rcm)
        services.record_progress(item, DONE, date=D(2003, 5, 21))
        services.record_progress(item, IN_PROGRESS, date=D(2002, 9, 1))  # back-filled
        item.refresh_from_db()
        assert item.progress == DONE
        assert list(item.status_changes.values_list("progress", flat=True)) == [IN_PROGRESS, DONE]

    def test_reopening_a_commitment_clears_where_it_was_reported_done(self, rcm, vii_rcm):
        item = make_item(vii_rcm)
        services.mark_done_at(item, make_meeting("viii-rcm", D(2003, 5, 21), rcm))
        services.record_progress(item, OPEN, date=D(2003, 9, 1), note="Reopened: the plan was not adopted.")
        item.refresh_from_db()
        assert (item.progress, item.reported_done_at) == (OPEN, None)


class TestFollowUpInTheAdmin:
    def test_changing_the_status_in_the_form_records_a_step_dated_by_the_reporting_meeting(
        self, staff_client, staff_user, rcm, vii_rcm
    ):
        item = make_item(vii_rcm)
        viii = make_meeting("viii-rcm", D(2003, 5, 21), rcm)
        url = admin_url(ActionItem, "change", item.pk)
        data = change_form_data(staff_client.get(url))
        data.update(progress=DONE, reported_done_at=viii.pk)
        response = staff_client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        step = item.status_changes.get()
        assert (step.progress, step.date, step.meeting) == (DONE, D(2003, 5, 21), viii)
        assert step.history.get().history_user == staff_user

    def test_a_step_entered_inline_is_not_doubled_and_sets_the_status(self, staff_client, vii_rcm):
        item = make_item(vii_rcm)
        url = admin_url(ActionItem, "change", item.pk)
        data = change_form_data(staff_client.get(url))
        data.update(progress=IN_PROGRESS)
        data.update(
            {
                "status_changes-TOTAL_FORMS": "1",
                "status_changes-0-date": "2002-10-15",
                "status_changes-0-progress": DONE,
                "status_changes-0-note": "Reported by the Technical Secretariat.",
            }
        )
        response = staff_client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        item.refresh_from_db()
        assert list(item.status_changes.values_list("progress", "date")) == [(DONE, D(2002, 10, 15))]
        assert item.progress == DONE

    def test_an_unchanged_status_records_nothing(self, staff_client, vii_rcm):
        item = make_item(vii_rcm)
        url = admin_url(ActionItem, "change", item.pk)
        data = change_form_data(staff_client.get(url))
        data.update(notes="Checked against the communiqué.")
        assert staff_client.post(url, data).status_code == 302
        assert not item.status_changes.exists()

    def test_changing_the_status_in_the_meetings_inline_records_a_step(self, staff_client, vii_rcm, monkeypatch):
        monkeypatch.setattr(services.timezone, "localdate", lambda: D(2002, 7, 1))
        item = make_item(vii_rcm)
        url = admin_url(Meeting, "change", vii_rcm.pk)
        data = change_form_data(staff_client.get(url))
        data["action_items-0-progress"] = IN_PROGRESS
        response = staff_client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        assert list(item.status_changes.values_list("progress", "date")) == [(IN_PROGRESS, D(2002, 7, 1))]


class TestMarkingDoneAtALaterMeeting:
    """From the later meeting's own page, staff pick an open commitment of an earlier meeting and mark it done."""

    @pytest.fixture
    def viii_rcm(self, rcm):
        return make_meeting("viii-rcm", D(2003, 5, 21), rcm)

    def test_the_meeting_page_offers_the_open_commitments_of_earlier_meetings_of_its_processes(
        self, staff_client, rcm, vii_rcm, viii_rcm
    ):
        offered = make_item(vii_rcm, "To request that IOM prepare a plan of action")
        make_item(vii_rcm, "Already done", progress=DONE)
        make_item(make_meeting("sacm", D(2002, 1, 1), make_process("sacm")), "Of another process")
        make_item(make_meeting("ix-rcm", D(2004, 5, 1), rcm), "Set later")
        response = staff_client.get(admin_url(Meeting, "change", viii_rcm.pk))
        formset = next(
            f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is ActionItemStatusChange
        )
        assert list(formset.forms[0].fields["action_item"].queryset) == [offered]
        assert "To request that IOM prepare a plan of action" in response.content.decode()

    def test_marking_one_done_dates_it_by_this_meeting_and_records_where_it_was_reported(
        self, staff_client, vii_rcm, viii_rcm
    ):
        item = make_item(vii_rcm, "To request that IOM prepare a plan of action")
        url = admin_url(Meeting, "change", viii_rcm.pk)
        data = change_form_data(staff_client.get(url))
        prefix = "action_item_status_changes-0-"
        assert (data[prefix + "progress"], data[prefix + "date"]) == (DONE, "2003-05-21")  # filled in
        data[prefix + "action_item"] = item.pk
        data[prefix + "note"] = "IOM presented the plan of action."
        response = staff_client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        item.refresh_from_db()
        assert (item.progress, item.reported_done_at) == (DONE, viii_rcm)
        step = item.status_changes.get()
        assert (step.meeting, step.date, step.note) == (viii_rcm, D(2003, 5, 21), "IOM presented the plan of action.")

    def test_a_commitment_of_a_later_meeting_is_refused(self, staff_client, rcm, viii_rcm):
        later = make_item(make_meeting("ix-rcm", D(2004, 5, 1), rcm))
        url = admin_url(Meeting, "change", viii_rcm.pk)
        data = change_form_data(staff_client.get(url))
        data["action_item_status_changes-0-action_item"] = later.pk
        response = staff_client.post(url, data)
        assert response.status_code == 200
        assert not later.status_changes.exists()

    def test_the_add_page_has_no_follow_up_rows_yet(self, staff_client):
        content = staff_client.get(reverse("admin:meetings_meeting_add")).content.decode()
        assert "action_item_status_changes" not in content
