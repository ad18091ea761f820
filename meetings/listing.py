"""What every list-like output shows around its rows: facet controls, active filters, error messages.

The list pages, the search page and the downloads all describe their filters
the same way, so they build these pieces here from their validated form and
their facet counts; none of them re-implements it.
"""

from __future__ import annotations

import dataclasses
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
#: How many values a facet list shows before "show all" (the chosen ones are always shown).
FACET_TOP = 6


@dataclass(frozen=True)
class FacetOption:
    """One value of a facet: what goes in the query string, how it reads, how many records it gives."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class FacetLink:
    """A facet value as a link: the same results with this value added (or, when chosen, removed)."""

    option: FacetOption
    url: str
    selected: bool


@dataclass
class FacetControl:
    """One filter as the page shows it: a list of links with counts, and a select for the form.

    `options` are in the select's order (by name, or the choices' order);
    `top` holds the chosen values and the values with most records, `rest`
    the others, behind "show all".
    """

    field: forms.BoundField
    empty_label: str
    options: list[FacetOption]
    selected: list[str]
    help: str = ""
    multiple: bool = False
    top: list[FacetLink] = dataclasses.field(default_factory=list)
    rest: list[FacetLink] = dataclasses.field(default_factory=list)

    @property
    def name(self) -> str:
        return self.field.name


@dataclass
class ActiveFilter:
    """A filter in force, with the address of the same results without it."""

    label: str
    value: str
    remove_url: str


def is_multiple(field: forms.Field) -> bool:
    """Whether a field takes several values at once (a facet whose values combine with OR)."""
    return isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)


def values_of(value: Any) -> list[Any]:
    """A cleaned value as a list: several for a multi-valued facet, one or none otherwise."""
    if isinstance(value, list | tuple):
        return list(value)
    return [value] if is_set(value) else []


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
    if is_multiple(field):
        return ""  # a multiple select has no "any" option: choosing none is any
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
    return value not in (None, "", [], ())


def chosen(form: forms.Form, name: str) -> list[tuple[str, str]]:
    """The valid chosen values of one filter: [(as in the query string, as it reads)]."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    field = form.fields[name]
    return [(query_value(field, value), value_label(field, value)) for value in values_of(cleaned.get(name))]


def facet_controls(
    request: HttpRequest,
    form: forms.Form,
    counts: Mapping[str, list[FacetOption]],
    names: Iterable[str],
    help_texts: Mapping[str, str] | None = None,
) -> list[FacetControl]:
    """Each facet as links and as a select, the counts beside each value, chosen values kept even at 0.

    A count is how many records the value gives with the *other* filters
    kept; a value's link adds it to the chosen ones of its facet (any of them
    will do) or, when chosen, removes it.
    """
    controls = []
    for name in names:
        field = form.fields[name]
        options = list(counts.get(name, []))
        selected = chosen(form, name)
        known = {option.value for option in options}
        # Keep a chosen value visible even when the other filters leave it nothing.
        missing = [FacetOption(value, label, 0) for value, label in selected if value not in known]
        options = missing + options
        chosen_values = [value for value, _ in selected]
        links = [
            FacetLink(option, url_toggling(request, form, name, option.value), option.value in chosen_values)
            for option in options
        ]
        ranked = sorted(links, key=lambda link: (not link.selected, -link.option.count))
        if name.endswith("year"):
            ranked = sorted(links, key=lambda link: not link.selected)  # years read best in date order
        top = ranked[: max(FACET_TOP, len(chosen_values))]
        rest = [link for link in links if link not in top]
        controls.append(
            FacetControl(
                form[name],
                empty_label(field, name),
                options,
                chosen_values,
                (help_texts or {}).get(name, ""),
                multiple=is_multiple(field),
                top=top,
                rest=rest,
            )
        )
    return controls


def active_filters(request: HttpRequest, form: forms.Form, names: Iterable[str]) -> list[ActiveFilter]:
    """The filter values in force among `names`, each with a link to the same results without it (from page 1)."""
    active = []
    for name in names:
        field = form.fields[name]
        for value, label in chosen(form, name):
            active.append(ActiveFilter(str(field.label), label, url_toggling(request, form, name, value)))
    return active


def url_toggling(request: HttpRequest, form: forms.Form, name: str, value: str) -> str:
    """This page's address with `value` added to the filter `name` (removed if chosen), from page 1.

    The filter's other values are written as the form understood them (codes
    in capitals, repeats dropped), so adding then removing a value gives back
    the same address. A single-valued filter is replaced.
    """
    query = normalized_query(request, form)
    current = [code for code, _ in chosen(form, name)]
    if value in current:
        current.remove(value)
    elif is_multiple(form.fields[name]):
        current.append(value)
    else:
        current = [value]
    query.setlist(name, current)
    return f"?{query.urlencode()}" if query else request.path


def normalized_query(request: HttpRequest, form: forms.Form) -> QueryDict:
    """This page's query string as the form understood it: codes in capitals, no repeats, a long query cut.

    Parameters the form did not accept are kept as given; the page number and format are left out.
    """
    query: QueryDict = request.GET.copy()
    for view_parameter in VIEW_PARAMETERS:
        query.pop(view_parameter, None)
    cleaned = getattr(form, "cleaned_data", None) or {}
    for name in list(query):
        if name in cleaned and name in form.fields:
            values = [query_value(form.fields[name], value) for value in values_of(cleaned[name])]
            if values:
                query.setlist(name, values)
            else:
                query.pop(name)
    return query


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
