"""A record's state as JSON: what a revision keeps of each record before and after a change.

A state holds every concrete field (foreign keys as ids) and every
many-to-many field (as a sorted list of ids), except the automatic
timestamps (`auto_now`, `auto_now_add`), which say when a row was written,
not what it says: saving a form unchanged must not count as a change.
"""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

State = dict[str, Any]
#: (model label, pk): how a change names a record.
Key = tuple[str, int]


def key_of(obj: models.Model) -> Key:
    return (obj._meta.label_lower, obj.pk)


def model_of(label: str) -> type[models.Model]:
    return apps.get_model(label)


def is_automatic(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def state_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key and not is_automatic(f)]


def m2m_fields(model: type[models.Model]) -> list[models.ManyToManyField]:
    return list(model._meta.many_to_many)


def _jsonable(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def state_of(obj: models.Model) -> State:
    state: State = {}
    for field in state_fields(type(obj)):
        value = field.value_from_object(obj)
        if isinstance(field, models.FileField):
            value = value.name or ""
        state[field.attname] = _jsonable(value)
    for field in m2m_fields(type(obj)):
        state[field.name] = sorted(related.pk for related in field.value_from_object(obj))
    return state


def live_state(label: str, pk: int) -> State | None:
    """The record's state as it is in the database now; None if there is no such record."""
    model = model_of(label)
    obj = model._base_manager.filter(pk=pk).prefetch_related(*(f.name for f in m2m_fields(model))).first()
    return None if obj is None else state_of(obj)


def differences(model: type[models.Model], before: State | None, after: State | None) -> list[str]:
    """The names (attnames) of the fields whose values differ between two states of a record."""
    before, after = before or {}, after or {}
    names = [f.attname for f in state_fields(model)] + [f.name for f in m2m_fields(model)]
    return [name for name in names if before.get(name) != after.get(name)]


def python_value(field: models.Field, value):
    """A state's JSON value as the field's Python value."""
    if value is None or isinstance(field, models.FileField):
        return value
    if isinstance(field, models.JSONField):
        return value
    return field.to_python(value)
