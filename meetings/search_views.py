"""The search page, /search/?q=...: ranked results of every type, with the public pages' filters and facet counts.

The searching itself is meetings.search; this module validates the query
string with a form, asks for one page of hits and the facet counts, and
renders them.
"""

from __future__ import annotations

import copy
import datetime
from typing import Any

from django import forms
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from meetings import search
from meetings.filters import DATE_FORMAT, ArchiveFilterSet, FilterForm, SearchQueryField
from meetings.views import ActiveFilter, FacetControl, display_value

PER_PAGE = 20
#: search() serves offsets up to MAX_OFFSET; a page beyond that would silently repeat the last one.
LAST_PAGE = search.MAX_OFFSET // PER_PAGE + 1
FILTER_NAMES = ("type", "process", "country", "topic", "date_after", "date_before", "year")
FACET_NAMES = ("type", "process", "country", "topic")


def _list_field(name: str) -> forms.Field:
    """The list pages' own form field for `name`, so that /search/ accepts and refuses exactly what they do."""
    return copy.deepcopy(ArchiveFilterSet.base_filters[name]).field


class SearchForm(FilterForm):
    """The search page's parameters. Like the list filters: a repeated parameter or a bad value is an error."""

    q = SearchQueryField(
        label="Search the archive for",
        required=False,
        # An unsearchable query ("the of") is not a bad request: the page answers it with the parser's message.
        allow_unsearchable=True,
        help_text='All words must match. Use "quoted phrases", OR between two words, and -word to leave a word out.',
    )
    type = forms.ChoiceField(
        label="Type of record",
        required=False,
        choices=[("", "Any type"), *search.ResultType.choices],
        error_messages={
            "invalid_choice": "Search for type=meeting, document, agreement or action_item, or leave the type out."
        },
    )
    process = _list_field("process")
    country = _list_field("country")
    topic = _list_field("topic")
    date_after = _list_field("date_after")
    date_before = _list_field("date_before")
    year = _list_field("year")
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=LAST_PAGE,
        error_messages={
            "invalid": "The page must be a whole number, such as page=2.",
            "min_value": "Pages are numbered from 1.",
            "max_value": f"Results stop at page {LAST_PAGE}: add a word or a filter to narrow the search.",
        },
    )


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context: dict[str, Any] = {"section": "search", "search_form": form, "query": None, "results": None}
    if not form.is_valid():
        context["errors"] = _error_messages(form)
        return render(request, "meetings/search.html", context, status=400)

    data = form.cleaned_data
    query: search.ParsedQuery | None = data["q"]
    context.update(
        active_filters=_active_filters(request, form),
        kept_filters=[(name, _key(data[name])) for name in FILTER_NAMES if data.get(name) not in (None, "")],
        max_length=search.MAX_QUERY_LENGTH,
        max_terms=search.MAX_TERMS,
    )
    if query is None:
        # No words yet: the page explains how to search (and keeps any filters for the first search).
        return render(request, "meetings/search.html", context)

    number = data["page"] or 1
    types = data["type"] or None
    filters = search.SearchFilters.from_cleaned_data(data)
    results = search.search(query, types=types, filters=filters, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
    facets = search.facet_counts(query, types=types, filters=filters)
    paginator = Paginator(range(results.total), PER_PAGE)  # a range is sized without holding anything
    page: Page | None
    try:
        page = paginator.page(number if query.is_searchable else 1)
    except InvalidPage:
        page = None
    context.update(
        query=query,
        results=results,
        facets=_facet_controls(form, facets) if query.is_searchable else [],
        date_fields=[form["date_after"], form["date_before"]],
        paginator=paginator,
        page_obj=page,
        is_paginated=page is not None and page.has_other_pages(),
        # (An empty Page is falsy: compare with None.)
        page_error="" if page is not None else _page_error(number, paginator.num_pages),
        unfiltered_url=reverse("meetings:search") + "?" + urlencode({"q": query.text}),
    )
    return render(request, "meetings/search.html", context, status=404 if page is None else 200)


def _page_error(number: int, pages: int) -> str:
    return f"There is no page {number}: these results fill {pages} page{'s' if pages != 1 else ''}."


def _error_messages(form: forms.Form) -> list[str]:
    return [
        f"{form.fields[name].label if name in form.fields else name}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    ]


def _key(value: Any) -> str:
    """What a cleaned value looks like in the query string (and in the facet options)."""
    if isinstance(value, Model):
        return str(getattr(value, "alpha3", None) or getattr(value, "slug", None) or value.pk)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return "" if value is None else str(value)


def _display(form: SearchForm, name: str, value: Any) -> str:
    if (label := display_value(value)) is not None:
        return label
    if name == "type":
        return search.ResultType(value).label
    return str(value)


def _facet_controls(form: SearchForm, facets: dict[str, list[search.FacetCount]]) -> list[FacetControl]:
    controls = []
    for name in FACET_NAMES:
        options = facets[name]
        value = form.cleaned_data.get(name)
        selected = _key(value) if value not in (None, "") else ""
        if selected and selected not in {option.value for option in options}:
            # Keep the chosen value visible even when the other filters leave it nothing.
            options = [search.FacetCount(selected, _display(form, name, value), 0), *options]
        field = form.fields[name]
        empty_label = getattr(field, "empty_label", None) or "Any type"
        controls.append(FacetControl(form[name], empty_label, options, selected))
    return controls


def _active_filters(request: HttpRequest, form: SearchForm) -> list[ActiveFilter]:
    active = []
    for name in FILTER_NAMES:
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        query = request.GET.copy()
        for dropped in (name, "page"):
            query.pop(dropped, None)
        active.append(
            ActiveFilter(
                str(form.fields[name].label),
                _display(form, name, value),
                f"?{query.urlencode()}" if query else request.path,
            )
        )
    return active
