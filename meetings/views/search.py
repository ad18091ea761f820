"""The search page, /search/?q=...: ranked results of every type, with the lists' filters and facet counts.

The searching itself is `meetings.search`; this view validates the query
string with `SearchForm`, asks for one page of hits and the facet counts, and
renders them with the same listing pieces as the list pages.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from meetings import listing, search
from meetings.filters import SEARCH_PER_PAGE, SearchForm
from meetings.views.lists import page_error

SEARCH_FACET_NOTES = {
    "country": _("Countries that took part in the meeting, in any role."),
    "concerned": _(
        "Countries an agreement concerns, or responsible for a commitment; meetings and documents "
        "holding such an agreement."
    ),
}


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context: dict[str, Any] = {"section": "search", "search_form": form, "query": None, "results": None}
    if not form.is_valid():
        context["errors"] = listing.form_errors(form)
        return render(request, "meetings/search.html", context, status=400)

    data = form.cleaned_data
    query = form.query
    context.update(
        active_filters=listing.active_filters(request, form, form.filter_names),
        kept_filters=[(name, value) for name in form.filter_names for value, _ in listing.chosen(form, name)],
        max_length=search.MAX_QUERY_LENGTH,
        max_terms=search.MAX_TERMS,
    )
    if query is None:
        # No words yet: the page explains how to search (and keeps any filters for the first search).
        return render(request, "meetings/search.html", context)

    number = data["page"] or 1
    results = search.search(
        query,
        types=form.types,
        filters=form.search_filters,
        limit=SEARCH_PER_PAGE,
        offset=(number - 1) * SEARCH_PER_PAGE,
    )
    paginator = Paginator(range(results.total), SEARCH_PER_PAGE)  # a range is sized without holding anything
    page: Page | None
    try:
        page = paginator.page(number if query.is_searchable else 1)
    except InvalidPage:
        page = None
    facets = []
    if query.is_searchable:
        facets = listing.facet_controls(request, form, form.facet_counts(), form.facet_names, SEARCH_FACET_NOTES)
    context.update(
        query=query,
        results=results,
        facets=facets,
        date_fields=[form["date_after"], form["date_before"]],
        paginator=paginator,
        page_obj=page,
        is_paginated=page is not None and page.has_other_pages(),
        # (An empty Page is falsy: compare with None.)
        page_error="" if page is not None else page_error(number, paginator.num_pages),
        unfiltered_url=reverse("meetings:search") + "?" + urlencode({"q": query.text}),
    )
    return render(request, "meetings/search.html", context, status=404 if page is None else 200)
