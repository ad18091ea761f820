"""Commitments (action items) that meetings set, and the dated steps of their follow-up."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.documents import Agreement
from meetings.models.meetings import Meeting, MeetingKind
from meetings.models.publishing import (
    PublicationStatus,
    Publishable,
    PublishableQuerySet,
    ReadyQuerySetMixin,
    review_flag,
)
from meetings.models.vocabulary import Country, Organisation


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


#: Follow-up statuses of a commitment that is still to be done.
OPEN_PROGRESS = (ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS)


class ActionItemQuerySet(ReadyQuerySetMixin, PublishableQuerySet):
    public_via = ("meeting",)

    def public(self):
        # An item set by the meeting as a whole has no agreement; one tied to
        # an agreement follows that agreement's visibility too.
        agreement_public = Q(agreement__isnull=True) | Q(
            agreement__status=PublicationStatus.PUBLISHED,
            agreement__document__status=PublicationStatus.PUBLISHED,
        )
        return super().public().filter(agreement_public)

    def open(self):
        """Commitments still to be done: open or in progress (done and dropped ones are closed)."""
        return self.filter(progress__in=OPEN_PROGRESS)

    def set_before(self, meeting: Meeting):
        """Commitments set by meetings of the same process(es) as `meeting` that took place before it."""
        return self.filter(
            meeting__start_date__lt=meeting.start_date,
            meeting__in=Meeting.objects.filter(processes__in=meeting.processes.all()),
        )

    def with_effective_due_date(self, meetings: models.QuerySet | None = None):
        """Annotate `effective_due_date`: the date by which each commitment is due, when there is one.

        That is the due date when known; otherwise, for a relative deadline
        ("before the next vice-ministerial meeting"), the start date of the next
        meeting of that kind of the same process, once it is recorded. Until then
        it is None and the commitment cannot be overdue. `meetings` are those that
        count as recorded: the public tracker passes `Meeting.objects.public()`
        so that a draft meeting's date stays unpublished.
        """
        if "effective_due_date" in self.query.annotations:
            return self
        meetings = Meeting.objects.all() if meetings is None else meetings
        next_meeting = (
            meetings.filter(
                kind=OuterRef("due_next_meeting_kind"),
                start_date__gt=OuterRef("meeting__start_date"),
                processes__meetings=OuterRef("meeting"),
            )
            .order_by("start_date")
            .values("start_date")[:1]
        )
        return self.annotate(effective_due_date=Coalesce("due_date", Subquery(next_meeting)))

    def overdue(self, on: datetime.date, meetings: models.QuerySet | None = None):
        """Commitments past due on the date `on` and still open (taking an explicit date keeps tests off today)."""
        return self.open().with_effective_due_date(meetings).filter(effective_due_date__lt=on)


class ActionItemManager(models.Manager.from_queryset(ActionItemQuerySet)):
    def get_by_natural_key(self, meeting_slug, order):
        return self.get(meeting__slug=meeting_slug, order=order)


class ActionItem(Publishable):
    """A follow-up commitment set by a meeting, usually by one of its agreements."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", help_text="The meeting that set it."
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    order = models.PositiveSmallIntegerField(default=1, help_text="Position among the meeting's action items.")
    description = models.TextField(help_text="What is to be done.")
    responsible_countries = models.ManyToManyField(Country, related_name="action_items", blank=True)
    responsible_organisations = models.ManyToManyField(
        Organisation,
        related_name="action_items",
        blank=True,
        help_text="Organisations, or bodies of a process (Presidency Pro-Tempore, Technical Secretariat, networks).",
    )
    due_date = models.DateField(null=True, blank=True, db_index=True, help_text="The exact or latest date, when known.")
    due_text = models.CharField(
        "due as written", max_length=200, blank=True, help_text='"within a period of 30 days", "during 2013".'
    )
    due_next_meeting_kind = models.CharField(
        "due before the next meeting of kind",
        max_length=20,
        choices=MeetingKind.choices,
        blank=True,
        help_text='For a relative deadline ("before the next vice-ministerial meeting"): it takes its date '
        "from the next meeting of this kind of the same process, once that meeting is recorded.",
    )
    progress = models.CharField(
        "follow-up status",
        max_length=12,
        choices=ActionItemStatus.choices,
        default=ActionItemStatus.OPEN,
        db_index=True,
    )
    notes = models.TextField(blank=True)
    needs_review = review_flag()
    reported_done_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items_reported_done",
        help_text="The later meeting at which it was reported done.",
    )

    objects = ActionItemManager()
    history = HistoricalRecords(m2m_fields=[responsible_countries, responsible_organisations])

    class Meta:
        ordering = ["meeting", "order"]
        permissions = [("publish_actionitem", "Can publish and withdraw an action item")]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="action_item_unique_order"),
        ]

    def __str__(self):
        return self.description[:100]

    def get_absolute_url(self):
        return reverse("meetings:commitment-detail", args=[self.pk])

    def natural_key(self):
        return (self.meeting.slug, self.order)

    natural_key.dependencies = ["meetings.meeting", "meetings.agreement", "meetings.organisation"]


class ActionItemStatusChangeQuerySet(PublishableQuerySet):
    own_status = False

    def public(self):
        return self.filter(action_item__in=ActionItem.objects.public())


class ActionItemStatusChange(models.Model):
    """A dated step in a commitment's follow-up (open → in progress → done), as reported."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="status_changes")
    progress = models.CharField("new status", max_length=12, choices=ActionItemStatus.choices)
    date = models.DateField(help_text="When the change happened or was reported.")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_item_status_changes",
        help_text="The meeting at which it was reported, if any.",
    )
    note = models.TextField(blank=True)

    objects = ActionItemStatusChangeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_item", "date", "id"]
        indexes = [models.Index(fields=["action_item", "date"], name="status_change_item_date_idx")]

    def __str__(self):
        return f"{self.get_progress_display()} on {self.date:%Y-%m-%d}"
