"""What a write would change: run it for real inside a savepoint, note every record it touches.

An editor's change goes through the same code as a publisher's (the admin's
forms, inlines, `save_model`, the follow-up services), so nothing has to be
taught twice what a change means. While a `Recording` is active, the signals
of the app's models note each record a write touches, with its state before
the first touch (pre_save, pre_delete, many-to-many changes, rows of the
many-to-many tables). After the write, each noted record's state is read
back; the pairs that differ are the change.

The receivers are connected once, for the app's models only, and do nothing
unless the current context (thread, task) has a recording active.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from meetings.models import Revision
from meetings.revisions.states import Key, State, key_of, live_state, model_of

_active: contextvars.ContextVar[Recording | None] = contextvars.ContextVar("meetings_revision_recording", default=None)


@dataclass
class Change:
    """One record's state before and after a write (None: the record did not exist / no longer exists)."""

    model: str
    pk: int
    before: State | None
    after: State | None
    #: What the record is called (its `str()`), after the change or, once deleted, before it.
    name: str = ""

    @property
    def key(self) -> Key:
        return (self.model, self.pk)

    def as_json(self) -> dict:
        return {"model": self.model, "pk": self.pk, "name": self.name, "before": self.before, "after": self.after}

    @classmethod
    def from_json(cls, data: dict) -> Change:
        return cls(data["model"], data["pk"], data["before"], data["after"], data.get("name", ""))


@dataclass
class Recording:
    #: Each touched record's state before its first touch, in the order of first touch.
    before: dict[Key, State | None] = field(default_factory=dict)
    #: What each record was called when first touched (a deleted record's name).
    names: dict[Key, str] = field(default_factory=dict)

    def touch(self, key: Key, *, new: bool = False, instance=None) -> None:
        if key[1] is None or key in self.before:
            return
        self.before[key] = None if new else live_state(*key)
        if instance is not None:
            self.names[key] = str(instance)

    def changes(self) -> list[Change]:
        """The touched records whose state differs now from before (read from the database)."""
        found = []
        for (label, pk), before in self.before.items():
            after = live_state(label, pk)
            if after != before:
                obj = model_of(label)._base_manager.filter(pk=pk).first()
                name = str(obj) if obj is not None else self.names.get((label, pk), "")
                found.append(Change(label, pk, before, after, name))
        return found


@contextmanager
def recording() -> Iterator[Recording]:
    current = Recording()
    token = _active.set(current)
    try:
        yield current
    finally:
        _active.reset(token)


# --- the receivers -----------------------------------------------------------


def _content_model(model) -> bool:
    return not model._meta.auto_created and not hasattr(model, "instance_type") and model is not Revision


def _before_save(sender, instance, raw=False, **kwargs):
    current = _active.get()
    if current is not None and not raw and instance.pk is not None:
        current.touch(key_of(instance), instance=instance)


def _after_save(sender, instance, created=False, raw=False, **kwargs):
    current = _active.get()
    if current is not None and not raw:
        current.touch(key_of(instance), new=created, instance=instance)


def _before_delete(sender, instance, **kwargs):
    current = _active.get()
    if current is not None:
        current.touch(key_of(instance), instance=instance)


def _through_row(sender, instance, **kwargs):
    """A row of a many-to-many table written or deleted directly: both records it joins change."""
    current = _active.get()
    if current is None:
        return
    for fk in sender._meta.concrete_fields:
        if fk.many_to_one and _content_model(fk.related_model):
            current.touch((fk.related_model._meta.label_lower, getattr(instance, fk.attname)))


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    current = _active.get()
    if current is None or not action.startswith("pre_"):
        return
    current.touch(key_of(instance))
    if action == "pre_clear":
        # The records on the other side are not named; they are those joined now.
        source = next(f for f in sender._meta.concrete_fields if f.many_to_one and f.related_model is type(instance))
        target = next(
            f for f in sender._meta.concrete_fields if f.many_to_one and f.related_model is model and f is not source
        )
        pk_set = set(sender.objects.filter(**{source.attname: instance.pk}).values_list(target.attname, flat=True))
    if _content_model(model):
        for pk in pk_set or ():
            current.touch((model._meta.label_lower, pk))


def connect() -> None:
    """Connect the receivers to the app's models and their many-to-many tables (from the app's ready())."""
    for model in apps.get_app_config("meetings").get_models():
        if not _content_model(model):
            continue
        uid = f"meetings.revisions.{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}.pre_save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}.post_save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}.pre_delete")
        for m2m in model._meta.many_to_many:
            through = m2m.remote_field.through
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}.{m2m.name}.m2m")
            pre_save.connect(_through_row, sender=through, dispatch_uid=f"{uid}.{m2m.name}.pre_save")
            pre_delete.connect(_through_row, sender=through, dispatch_uid=f"{uid}.{m2m.name}.pre_delete")
