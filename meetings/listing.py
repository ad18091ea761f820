"""What every list-like output shows around its rows: facet controls, active filters, error messages.

The list pages, the search page and the downloads all describe their filters
the same way, so they build these pieces here from their validated form and
their facet counts; none of them re-implements it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model
from django.http import HttpRequest, QueryDict

from meetings.models import Process
from meetings.templatetags.archive import human_date

#: Query parameters that choose a view of the results rather than filter them.
VIEW_PARAMETERS = ("page", "format")


@dataclass(frozen=True)
class FacetOption:
    """One value of a facet: what goes in the query string, how it reads, how many records it gives."""

    value: str
    label: str
    count: int


@dataclass
class FacetControl:
    """One filter as the page shows it: a labelled select whose options carry their counts."""

    field: forms.BoundField
    empty_label: str
    options: list[FacetOption]
    selected: str
    help: str = ""


@dataclass
class ActiveFilter:
    """A filter in force, with the address of the same results without it."""

    label: str
    value: str
    remove_url: str


def display_value(value: Any) -> str | None:
    """How a chosen record or date reads on the page; None for plain choices, which the form's labels name."""
    if isinstance(value, Process):
        return value.acronym or value.name
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, datetime.date):
        return human_date(value)
    return None


def query_value(field: forms.Field, value: Any) -> str:
    """What a cleaned value looks like in the query string (and in the facet options): a code, a slug, a date."""
    if isinstance(value, Model):
        return str(getattr(value, getattr(field, "to_field_name", None) or "pk"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def value_label(field: forms.Field, value: Any) -> str:
    """How a chosen value reads: a record's name, a date as people write it, or the choice's label."""
    if (label := display_value(value)) is not None:
        return label
    choices = dict(getattr(field, "choices", None) or ())
    return str(choices.get(value, value))


def empty_label(field: forms.Field, name: str) -> str:
    """The "any value" option of a facet's select: the field's own, else the blank choice's label."""
    label = getattr(field, "empty_label", None)
    if label:
        return str(label)
    for value, choice_label in getattr(field, "choices", None) or ():
        if value == "":
            return str(choice_label)
    return f"Any {name.replace('_', ' ')}"


def form_errors(*forms_: forms.Form) -> list[str]:
    """Every error of the given forms, each prefixed with the label of the parameter it is about."""
    messages = []
    for form in forms_:
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else None
            messages.extend(f"{label or name}: {error}" for error in errors)
    return messages


def is_set(value: Any) -> bool:
    return value not in (None, "")


def facet_controls(
    form: forms.Form,
    counts: Mapping[str, list[FacetOption]],
    names: Iterable[str],
    help_texts: Mapping[str, str] | None = None,
) -> list[FacetControl]:
    """A select per facet, its options carrying their counts, the chosen value kept even when it gives nothing."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    controls = []
    for name in names:
        field = form.fields[name]
        options = counts.get(name, [])
        value = cleaned.get(name)
        selected = query_value(field, value) if is_set(value) else ""
        if selected and selected not in {option.value for option in options}:
            # Keep the chosen value visible even when the other filters leave it nothing.
            options = [FacetOption(selected, value_label(field, value), 0), *options]
        help_text = (help_texts or {}).get(name, "")
        controls.append(FacetControl(form[name], empty_label(field, name), options, selected, help_text))
    return controls


def active_filters(request: HttpRequest, form: forms.Form, names: Iterable[str]) -> list[ActiveFilter]:
    """The filters in force among `names`, each with a link to the same results without it (and from page 1)."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    active = []
    for name in names:
        value = cleaned.get(name)
        if not is_set(value):
            continue
        field = form.fields[name]
        active.append(ActiveFilter(str(field.label), value_label(field, value), url_without(request, name)))
    return active


def url_without(request: HttpRequest, *names: str) -> str:
    """This page's address without the parameters `names` (nor the page number or format)."""
    query: QueryDict = request.GET.copy()
    for name in (*names, *VIEW_PARAMETERS):
        query.pop(name, None)
    return f"?{query.urlencode()}" if query else request.path


def url_with(request: HttpRequest, **values: str) -> str:
    """This page's query string with `values` set (and no page number)."""
    query: QueryDict = request.GET.copy()
    query.pop("page", None)
    for name, value in values.items():
        query[name] = value
    return f"?{query.urlencode()}"
