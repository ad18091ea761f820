"""Loading saved rows (fixtures, `loaddata`, a restore) writes no history of its own.

A fixture or a dump is data to put back as it was, history rows included: the
history of a record is part of what is loaded, not something the load makes.
Django marks these saves `raw`. simple-history already skips raw saves, but
the many-to-many rows a loaded record carries are set afterwards through the
related manager, and that wrote a history row per record. Loading a dump then
failed on `meetings_historicalmeeting_pkey`: the new rows took ids the dump's
own history rows were about to use.

`skip_history_of_raw_saves` marks each raw-saved instance so that simple-history
leaves its many-to-many changes alone too (the marker is simple-history's own).
Code that adds records from fixtures and wants them in the history (the seed
loader) removes the marker and writes the history itself.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save

#: simple-history's own "do not record this instance" marker.
SKIP_MARKER = "skip_history_when_saving"


def tracked(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def skip_history_of_raw_saves(sender, instance, raw=False, **kwargs):
    if raw and tracked(sender):
        setattr(instance, SKIP_MARKER, True)


def connect() -> None:
    pre_save.connect(skip_history_of_raw_saves, dispatch_uid="meetings.skip_history_of_raw_saves")


def record_creation(instance, reason: str, using: str = "default") -> None:
    """Write the "created" history row of a record that was saved raw (with its many-to-many values)."""
    if not tracked(type(instance)):
        return
    if hasattr(instance, SKIP_MARKER):
        delattr(instance, SKIP_MARKER)
    instance._change_reason = reason
    # simple-history records a creation from post_save; raw=False because the
    # row, many-to-many values included, now exists as a normal creation would leave it.
    post_save.send(sender=type(instance), instance=instance, created=True, raw=False, using=using, update_fields=None)


def record_creations(instances: list, reason: str, using: str = "default") -> None:
    """`record_creation` for many records: in bulk for models whose history keeps no many-to-many values."""
    by_model: dict[type, list] = {}
    for instance in instances:
        by_model.setdefault(type(instance), []).append(instance)
    for model, records in by_model.items():
        if not tracked(model):
            continue
        history = getattr(model, model._meta.simple_history_manager_attribute)
        if getattr(history.model, "_history_m2m_fields", None):
            for instance in records:
                record_creation(instance, reason, using)
        else:
            history.bulk_history_create(records, default_change_reason=reason, batch_size=500)
