"""Malformed ids in admin forms get a form error, never a 500.

Two places in Django's admin and forms put the ids a browser sent into a
query before checking that they can be ids at all:

- the autocomplete widgets, when a form with errors is shown again, look up
  the submitted values to label them (`meeting=abc` raised "Field 'id'
  expected a number" and answered 500);
- `ModelMultipleChoiceField` checks each value on its own but then runs one
  `__in` query with all of them, which overflows on numbers too big for the
  column (SQLite raises OverflowError, PostgreSQL "out of range").

Both are made to drop or refuse a value that is not a valid key of the
related field (wrong type, NUL byte, out of the column's range) before
querying. The fix is installed once (`install()`, from the app's ready()), so
that every admin page — ours, Django's users and groups, django-axes',
and any registered later — is covered, not only those that remember a mixin.
tests/test_admin_fuzz.py posts malformed values to every registered admin form.
"""

from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms.models import ModelMultipleChoiceField


def is_valid_key(model_field, value) -> bool:
    """Whether `value` (as posted) can be a value of `model_field` in a query, without running one."""
    if isinstance(value, str) and "\x00" in value:
        return False
    try:
        python = model_field.to_python(value)
        model_field.get_prep_value(python)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    if isinstance(python, int):
        low, high = connection.ops.integer_field_range(model_field.get_internal_type())
        if (low is not None and python < low) or (high is not None and python > high):
            return False
    return True


def _safe_optgroups(original):
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        to_field = remote.model._meta.get_field(getattr(remote, "field_name", None) or remote.model._meta.pk.name)
        value = [v for v in value if v in ("", None) or is_valid_key(to_field, v)]
        return original(self, name, value, attr)

    optgroups.__wrapped__ = original
    return optgroups


def _safe_check_values(original):
    def _check_values(self, value):
        key = self.to_field_name or "pk"
        model_field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        try:
            values = frozenset(value)
        except TypeError:
            values = frozenset()  # the original refuses an unhashable list with its own message
        for pk in values:
            if not is_valid_key(model_field, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return original(self, value)

    _check_values.__wrapped__ = original
    return _check_values


def install() -> None:
    if not hasattr(AutocompleteMixin.optgroups, "__wrapped__"):
        AutocompleteMixin.optgroups = _safe_optgroups(AutocompleteMixin.optgroups)
    if not hasattr(ModelMultipleChoiceField._check_values, "__wrapped__"):
        ModelMultipleChoiceField._check_values = _safe_check_values(ModelMultipleChoiceField._check_values)
