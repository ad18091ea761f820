"""Writes of the secretariat's workflow: publishing, withdrawing, and following up commitments.

Each write is one transaction, checks on the server who may make it, and is
saved record by record so that the edit history keeps every step with its
author (a bulk `QuerySet.update()` would leave no trace there).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from meetings.models import (
    ActionItem,
    ActionItemStatus,
    ActionItemStatusChange,
    Agreement,
    Document,
    Meeting,
    PublicationStatus,
)

PUBLISHED = PublicationStatus.PUBLISHED
WITHDRAWN = PublicationStatus.WITHDRAWN

#: The records that carry a publication status.
Record = Meeting | Document | Agreement | ActionItem


def publish_permission(model: type[models.Model]) -> str:
    """The permission that lets a user publish and withdraw records of `model` ("meetings.publish_meeting")."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model: type[models.Model]) -> bool:
    return bool(user and user.is_active and user.has_perm(publish_permission(model)))


def _check_can_publish(user, obj: Record) -> None:
    if not can_publish(user, type(obj)):
        raise PermissionDenied(f"You may not publish or withdraw {obj._meta.verbose_name_plural}.")


# --------------------------------------------------------------------------
# What publishing a record takes public with it
# --------------------------------------------------------------------------


@dataclass
class PublicationPlan:
    """What publishing `root` sets to published, and what it leaves out and why."""

    root: Record
    documents: list[Document] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    #: Records under the root that stay as they are: (record, reason).
    left_out: list[tuple[Record, str]] = field(default_factory=list)
    #: Records above the root that are not published, so that the root stays hidden until they are.
    hidden_by: list[Record] = field(default_factory=list)

    def __iter__(self) -> Iterator[Record]:
        yield self.root
        yield from self.documents
        yield from self.agreements
        yield from self.action_items

    def __len__(self) -> int:
        return 1 + len(self.documents) + len(self.agreements) + len(self.action_items)


def _split(plan: PublicationPlan, queryset: models.QuerySet) -> tuple[list, set[int]]:
    """The ready records of `queryset`, and the pks of those that are or will be published.

    The records neither ready nor published are noted in `plan.left_out`.
    """
    ready_pks = set(queryset.ready().values_list("pk", flat=True))
    ready, public = [], set(ready_pks)
    for record in queryset:
        if record.pk in ready_pks:
            ready.append(record)
        elif record.status == PUBLISHED:
            public.add(record.pk)
        elif record.status == WITHDRAWN:
            plan.left_out.append((record, "withdrawn: stays withdrawn"))
        else:
            plan.left_out.append((record, "held back for review: stays a draft"))
    return ready, public


def publication_plan(root: Record) -> PublicationPlan:
    """Work out what `publish(root)` would publish, without changing anything.

    The record itself goes public, with the *ready* records under it (drafts not
    held back for review, see `ReadyQuerySetMixin.ready`): for a meeting its
    documents, their agreements and its action items; for a document its
    agreements and their action items; for an agreement its action items. A
    record under one that stays hidden (held back, withdrawn) is left as it is:
    it could not be seen anyway, and what it belongs to has not been checked.
    """
    plan = PublicationPlan(root=root)
    if isinstance(root, ActionItem):
        parents = [root.meeting] + ([root.agreement.document, root.agreement] if root.agreement_id else [])
        plan.hidden_by = [p for p in parents if p.status != PUBLISHED]
        return plan
    if isinstance(root, Meeting):
        plan.documents, documents_public = _split(plan, root.documents.all())
        agreements = Agreement.objects.filter(document__in=documents_public)
        items = root.action_items.all()
    elif isinstance(root, Document):
        plan.hidden_by = [root.meeting] if root.meeting.status != PUBLISHED else []
        agreements = root.agreements.all()
        items = ActionItem.objects.filter(agreement__document=root)
    elif isinstance(root, Agreement):
        plan.hidden_by = [p for p in (root.document.meeting, root.document) if p.status != PUBLISHED]
        agreements = Agreement.objects.none()
        items = root.action_items.all()
    else:
        raise TypeError(f"{type(root).__name__} records are not published.")

    plan.agreements, agreements_public = _split(plan, agreements)
    if isinstance(root, Agreement):
        agreements_public.add(root.pk)
    # An item tied to an agreement that stays hidden stays hidden too, as it is.
    items = items.filter(models.Q(agreement__isnull=True) | models.Q(agreement__in=agreements_public))
    plan.action_items, _ = _split(plan, items)
    return plan


# --------------------------------------------------------------------------
# Publishing and withdrawing
# --------------------------------------------------------------------------


def _locked(obj: Record) -> Record:
    """The record as it is now in the database, locked until the transaction ends."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _save(record, user, fields: list[str], reason: str | None = None) -> None:
    record._history_user = user  # the author of this step in the edit history
    if reason:
        record._change_reason = reason
    record.save(update_fields=[*fields, "updated_at"])


def publish(obj: Record, user) -> PublicationPlan:
    """Publish `obj` and, with it, the ready records under it, all or nothing.

    Raises PermissionDenied unless `user` holds the publish permission of the
    record's model (for a meeting, `publish_meeting` covers what it produced).
    Publishing a record is also the publisher's check of it: its "held back for
    review" flag is cleared.
    """
    _check_can_publish(user, obj)
    with transaction.atomic():
        plan = publication_plan(_locked(obj))
        now = timezone.now()
        for record in plan:
            if record.status == PUBLISHED:
                continue  # already public (a meeting that gains new documents): keep its date
            record.status = PUBLISHED
            record.published_at = now
            fields = ["status", "published_at"]
            if getattr(record, "needs_review", False):
                record.needs_review = False
                fields.append("needs_review")
            _save(record, user, fields)
    obj.status, obj.published_at = plan.root.status, plan.root.published_at
    return plan


def withdraw(obj: Record, user, reason: str | None = None) -> bool:
    """Take `obj` out of public view; return False if it already was withdrawn.

    Nothing is deleted and nothing under it changes: `public()` hides the records
    under a withdrawn one, and publishing it again brings them back as they were.
    `reason` goes into the edit history (an approved proposal names its author).
    """
    _check_can_publish(user, obj)
    with transaction.atomic():
        record = _locked(obj)
        if record.status == WITHDRAWN:
            return False
        record.status = WITHDRAWN
        _save(record, user, ["status"], reason)
    obj.status = WITHDRAWN
    return True


# --------------------------------------------------------------------------
# Commitments' follow-up
# --------------------------------------------------------------------------


def record_progress(
    item: ActionItem,
    progress: str,
    *,
    user=None,
    date: datetime.date | None = None,
    meeting: Meeting | None = None,
    note: str = "",
) -> ActionItemStatusChange:
    """Record a dated step in a commitment's follow-up and bring the commitment up to date.

    The step is dated `date`, else the date of the meeting where it was
    reported, else today. A commitment reported done at a meeting is marked
    reported done there.
    """
    if date is None:
        date = meeting.start_date if meeting else timezone.localdate()
    with transaction.atomic():
        change = ActionItemStatusChange(action_item=item, progress=progress, date=date, meeting=meeting, note=note)
        change._history_user = user
        change.save()
        sync_progress(item, user=user)
    return change


def mark_done_at(item: ActionItem, meeting: Meeting, *, user=None, note: str = "") -> ActionItemStatusChange:
    """Record that `meeting` reported the commitment done."""
    return record_progress(item, ActionItemStatus.DONE, user=user, meeting=meeting, note=note)


def sync_progress(item: ActionItem, *, user=None) -> bool:
    """Make a commitment's follow-up status that of its latest dated step; return whether it changed.

    The latest step is the one with the latest date (the last entered among
    steps of the same date). A commitment that is not done is reported done
    nowhere; one whose latest step is "done" at a meeting is reported done at
    that meeting unless staff named another one. A commitment without steps
    keeps the status it was entered with.
    """
    latest = item.status_changes.order_by("-date", "-id").first()
    if latest is None:
        return False
    progress, reported_done_at = latest.progress, item.reported_done_at_id
    if progress != ActionItemStatus.DONE:
        reported_done_at = None
    elif reported_done_at is None:
        reported_done_at = latest.meeting_id
    if (item.progress, item.reported_done_at_id) == (progress, reported_done_at):
        return False
    item.progress, item.reported_done_at_id = progress, reported_done_at
    _save(item, user, ["progress", "reported_done_at"])
    return True
