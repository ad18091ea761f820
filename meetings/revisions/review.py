"""Writes of the revision workflow: run a change or propose it, approve or reject a proposal.

`save_or_propose(user, write)` is the one door: it runs `write` for real
inside a savepoint, and if what it changed touches live content (a published
record, or a record hanging off one, see `graph`) that the user may not
change without a publisher, it rolls the write back and keeps it as a
pending `Revision` instead. A publisher's `approve` writes the proposed states
to the live records in one transaction, refusing if the live records changed
since the proposal; `reject` keeps them as they are, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import services
from meetings.models import PublicationStatus, Revision, RevisionKind, RevisionStatus
from meetings.revisions import graph
from meetings.revisions.capture import Change, recording
from meetings.revisions.states import Key, State, live_state, m2m_fields, model_of, python_value, state_fields


class RevisionError(Exception):
    """A revision that cannot be approved as it is; the message says why, for the publisher."""


# --- what is live --------------------------------------------------------------


def is_live(label: str, pk: int | None, state: State | None, _seen: frozenset = frozenset()) -> Key | None:
    """The published record that makes this state of a record live content, if any.

    A published record of a publishable model is its own root; a dependant's
    root is the first published record it hangs off (through its owner keys).
    """
    if state is None or (label, pk) in _seen:
        return None
    model = model_of(label)
    if graph.is_publishable(model):
        return (label, pk) if state.get("status") == PublicationStatus.PUBLISHED else None
    if graph.is_dependant(model):
        for fk in graph.owner_keys(model):
            target_pk = state.get(fk.attname)
            if target_pk is None:
                continue
            target = graph.label(fk.related_model)
            root = is_live(target, target_pk, live_state(target, target_pk), _seen | {(label, pk)})
            if root is not None:
                return root
    return None


def live_root(change: Change) -> Key | None:
    """The published record a change belongs to, before or after it (a participation moved off a published meeting)."""
    return is_live(change.model, change.pk, change.before) or is_live(change.model, change.pk, change.after)


def may_change_live(user, roots: list[Key]) -> bool:
    return all(services.can_publish(user, model_of(label)) for label, _pk in roots)


def may_skip_review(user) -> bool:
    """Whoever may publish every publishable model changes live content directly (nothing to record)."""
    return all(services.can_publish(user, model) for model in graph.publishable_models())


# --- proposing -------------------------------------------------------------------


@dataclass
class Outcome:
    result: Any
    revision: Revision | None = None


class _Propose(Exception):
    def __init__(self, changes: list[Change], roots: list[Key]):
        self.changes, self.roots = changes, roots


def save_or_propose(user, write: Callable[[], Any]) -> Outcome:
    """Run `write`; if it changed live content the user may not change directly, keep it as a proposal instead.

    Returns the write's result and, when it was turned into a proposal, the
    pending revision (the write itself was then rolled back).
    """
    if may_skip_review(user):
        return Outcome(write())
    with recording() as recorded:
        try:
            with transaction.atomic():
                result = write()
                changes = recorded.changes()
                roots = [root for root in map(live_root, changes) if root is not None]
                if roots and not may_change_live(user, roots):
                    raise _Propose(changes, roots)
        except _Propose as proposal:
            return Outcome(None, propose(user, proposal.changes, proposal.roots))
    return Outcome(result)


def _ct(label: str) -> ContentType:
    return ContentType.objects.get_for_model(model_of(label))


def summary_of(changes: list[Change]) -> str:
    def line(change: Change) -> str:
        kind = model_of(change.model)._meta.verbose_name
        if change.before is None:
            return _("added %(kind)s “%(name)s”") % {"kind": kind, "name": change.name}
        if change.after is None:
            return _("deleted %(kind)s “%(name)s”") % {"kind": kind, "name": change.name}
        return _("changed %(kind)s “%(name)s”") % {"kind": kind, "name": change.name}

    text = "; ".join(line(change) for change in changes)
    text = text[:1].upper() + text[1:]
    return text if len(text) <= 300 else text[:299] + "…"


def propose(user, changes: list[Change], roots: list[Key]) -> Revision:
    label, pk = roots[0]
    return Revision.objects.create(
        content_type=_ct(label),
        object_id=pk,
        kind=RevisionKind.CHANGE,
        summary=summary_of(changes),
        changes=[change.as_json() for change in changes],
        author=user,
    )


def propose_withdrawal(user, record: models.Model, note: str = "") -> Revision:
    if record.status != PublicationStatus.PUBLISHED:
        raise RevisionError(_("“%(record)s” is not published: there is nothing to withdraw.") % {"record": record})
    summary = _("Withdraw %(kind)s “%(record)s” from public view") % {
        "kind": record._meta.verbose_name,
        "record": record,
    }
    if note:
        summary = f"{summary}: {note}"
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        kind=RevisionKind.WITHDRAW,
        summary=summary[:300],
        author=user,
    )


# --- reviewing -------------------------------------------------------------------


def can_review(user, revision: Revision) -> bool:
    return services.can_publish(user, revision.content_type.model_class())


def _check_reviewable(user, revision: Revision) -> Revision:
    if not can_review(user, revision):
        raise PermissionDenied(_("Only a publisher may approve or reject a proposed revision."))
    locked = Revision.objects.select_for_update().get(pk=revision.pk)
    if not locked.is_pending:
        raise RevisionError(
            _("This proposal was already %(status)s.") % {"status": locked.get_status_display().lower()}
        )
    return locked


def changes_of(revision: Revision) -> list[Change]:
    return [Change.from_json(data) for data in revision.changes]


def stale_changes(revision: Revision) -> list[Change]:
    """The records that changed (or went) since the proposal was made: approving would overwrite someone's work."""
    return [
        change
        for change in changes_of(revision)
        if change.before is not None and live_state(change.model, change.pk) != change.before
    ]


def history_reason(revision: Revision, reviewer) -> str:
    return _("Revision #%(id)s proposed by %(author)s, approved by %(reviewer)s") % {
        "id": revision.pk,
        "author": revision.author.get_username(),
        "reviewer": reviewer.get_username(),
    }


def approve(revision: Revision, user) -> Revision:
    """Make the proposal live, all or nothing; refuse if the live records changed since it was made."""
    with transaction.atomic():
        locked = _check_reviewable(user, revision)
        reason = history_reason(locked, user)
        if locked.kind == RevisionKind.WITHDRAW:
            services.withdraw(locked.root, user, reason=reason)
        else:
            stale = stale_changes(locked)
            if stale:
                names = "; ".join(f"“{change.name}”" for change in stale)
                raise RevisionError(
                    _(
                        "This proposal cannot be approved: the live version changed since it was made (%(names)s). "
                        "Reject it, and propose the change again on the current version."
                    )
                    % {"names": names}
                )
            try:
                with transaction.atomic():
                    _apply(changes_of(locked), user, reason)
            except IntegrityError as error:
                raise RevisionError(
                    _("This proposal cannot be approved as it is: %(error)s") % {"error": error}
                ) from error
        locked.status, locked.reviewer, locked.reviewed_at = RevisionStatus.APPROVED, user, timezone.now()
        locked.save(update_fields=["status", "reviewer", "reviewed_at"])
    return locked


def reject(revision: Revision, user, reason: str) -> Revision:
    reason = reason.strip()
    if not reason:
        raise RevisionError(_("Say why the proposal is rejected: its author reads the reason."))
    with transaction.atomic():
        locked = _check_reviewable(user, revision)
        locked.status, locked.reviewer, locked.reviewed_at = RevisionStatus.REJECTED, user, timezone.now()
        locked.reason = reason
        locked.save(update_fields=["status", "reviewer", "reviewed_at", "reason"])
        transaction.on_commit(lambda: _discard_uploads(locked))
    return locked


# --- writing the proposed states -------------------------------------------------


def _apply(changes: list[Change], user, reason: str) -> None:
    """Write each proposed state in the order the proposal's write made them (parents before children).

    Records the proposal added get new ids; references to them within the
    proposal follow.
    """
    new_ids: dict[Key, int] = {}

    def mapped(model: type[models.Model], pk):
        return new_ids.get((graph.label(model), pk), pk)

    for change in changes:
        model = model_of(change.model)
        if change.after is None:
            obj = model._base_manager.filter(pk=change.pk).first()
            if obj is not None:  # gone already with a record it depended on
                obj._history_user, obj._change_reason = user, reason
                obj.delete()
            continue
        obj = model() if change.before is None else model._base_manager.get(pk=change.pk)
        for field in state_fields(model):
            value = change.after.get(field.attname)
            if field.is_relation and value is not None:
                value = mapped(field.related_model, value)
            setattr(obj, field.attname, python_value(field, value))
        obj._history_user, obj._change_reason = user, reason
        obj.save()
        if change.before is None:
            new_ids[change.key] = obj.pk
        for field in m2m_fields(model):
            wanted = [mapped(field.related_model, pk) for pk in change.after.get(field.name, [])]
            if change.before is None or sorted(wanted) != sorted(change.before.get(field.name, [])):
                getattr(obj, field.name).set(wanted)


def _discard_uploads(revision: Revision) -> None:
    """Files uploaded for a rejected proposal that no live record uses."""
    for change in changes_of(revision):
        if change.after is None:
            continue
        model = model_of(change.model)
        for field in state_fields(model):
            if not isinstance(field, models.FileField):
                continue
            name = change.after.get(field.attname) or ""
            if name and name != (change.before or {}).get(field.attname) and not _in_use(field, name):
                field.storage.delete(name)


def _in_use(field: models.FileField, name: str) -> bool:
    return field.model._base_manager.filter(**{field.attname: name}).exists()
