"""What a publisher reads before approving: each record a proposal changes, field by field, against the live version."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from meetings.models import Revision
from meetings.revisions.capture import Change
from meetings.revisions.review import changes_of
from meetings.revisions.states import differences, live_state, m2m_fields, model_of, state_fields

#: Values longer than this (and every TextField's) are compared word by word.
LONG_TEXT = 80
EMPTY = "—"


@dataclass
class FieldDiff:
    name: str
    label: str
    live: str
    proposed: str
    #: For long texts: [("same" | "removed" | "added", words), ...].
    words: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class RecordDiff:
    kind: str
    name: str
    action: str  # "added", "changed", "deleted"
    fields: list[FieldDiff]
    url: str = ""
    #: The live record changed since the proposal was made.
    stale: bool = False


def revision_diff(revision: Revision) -> list[RecordDiff]:
    return [record_diff(change) for change in changes_of(revision)]


def record_diff(change: Change) -> RecordDiff:
    model = model_of(change.model)
    live = live_state(change.model, change.pk) if change.before is not None else None
    if change.before is None:
        action = "added"
    elif change.after is None:
        action = "deleted"
    else:
        action = "changed"
    fields = []
    for name in differences(model, live, change.after):
        model_field = _field(model, name)
        before = display(model_field, (live or {}).get(name))
        after = display(model_field, (change.after or {}).get(name))
        if before == after == EMPTY:
            continue
        diff = FieldDiff(name, str(model_field.verbose_name).capitalize(), before, after)
        long = isinstance(model_field, models.TextField) or max(len(before), len(after)) > LONG_TEXT
        if long and not model_field.is_relation and not model_field.choices:
            diff.words = word_diff("" if before == EMPTY else before, "" if after == EMPTY else after)
        fields.append(diff)
    return RecordDiff(
        kind=str(model._meta.verbose_name),
        name=change.name,
        action=action,
        fields=fields,
        url=_admin_url(model, change.pk) if live is not None else "",
        stale=change.before is not None and live != change.before,
    )


def _field(model: type[models.Model], name: str) -> models.Field:
    for candidate in [*state_fields(model), *m2m_fields(model)]:
        if name in (candidate.attname, candidate.name):
            return candidate
    raise LookupError(name)


def display(model_field: models.Field, value) -> str:
    """A state's value as staff read it: names for related records, labels for choices."""
    if value in (None, "", []):
        return EMPTY
    if model_field.many_to_many:
        return ", ".join(_names(model_field.related_model, value)) or EMPTY
    if model_field.is_relation:
        return _names(model_field.related_model, [value])[0]
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def _names(model: type[models.Model], pks: list) -> list[str]:
    found = {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=pks)}
    return [found.get(pk, _("a new %(kind)s") % {"kind": model._meta.verbose_name}) for pk in pks]


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The two texts as runs of words kept, removed and added (whitespace kept with its word)."""
    old, new = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)
    runs = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("added", "".join(new[j1:j2])))
    return runs


def _admin_url(model: type[models.Model], pk) -> str:
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""
