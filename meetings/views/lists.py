"""The filtered, faceted lists: meetings, documents, agreements and the commitments tracker."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import InvalidPage
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from django_filters.views import FilterView

from meetings import exports, listing, selectors
from meetings.filters import (
    COMMITMENT_SORT_CHOICES,
    AgreementFilter,
    CommitmentFilter,
    DocumentFilter,
    FacetedFilterSet,
    MeetingFilter,
    SingleValueForm,
)


class ListOptionsForm(SingleValueForm):
    """What to show of the filtered results: which page, or a download of all of them."""

    format = forms.ChoiceField(
        required=False,
        choices=[("", "Web page"), ("csv", "CSV"), ("json", "JSON")],
        error_messages={"invalid_choice": _("Downloads come as format=csv or format=json.")},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10**9,
        error_messages={
            "invalid": _("The page must be a whole number, such as page=2."),
            "min_value": _("Pages are numbered from 1."),
            "max_value": _("There are not that many pages."),
        },
    )


def page_error(number: int, pages: int) -> str:
    return ngettext(
        "There is no page %(number)s: these results fill %(pages)s page.",
        "There is no page %(number)s: these results fill %(pages)s pages.",
        pages,
    ) % {"number": number, "pages": pages}


class ArchiveListView(FilterView):
    """A filtered, faceted, paginated list that can also be downloaded whole."""

    paginate_by = 20
    filterset_class: type[FacetedFilterSet]
    dataset: exports.Dataset
    noun = "records"  # the section, for the main navigation
    noun_label = _("records")
    title = _("Records")
    filter_heading = _("Filter records")
    no_match = _("No records match these filters.")
    #: The results heading, without filters and with them ("%(count)s" is the number of rows).
    count_label = ngettext_lazy("%(count)s record", "%(count)s records", "count")
    match_label = ngettext_lazy("%(count)s record matches", "%(count)s records match", "count")
    #: What "country" (took part) and "concerned" mean on this list, shown beside the two facets.
    country_note = ""
    concerned_note = ""

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        # Always bound (an empty query is valid), so cleaned_data always exists.
        kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.options = ListOptionsForm(request.GET)
        self.page_error = ""
        filters_ok = self.filterset.is_valid()
        options_ok = self.options.is_valid()
        if not (filters_ok and options_ok):
            self.object_list = self.filterset.queryset.none()
            context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
            return self.render_to_response(context, status=400)
        self.object_list = self.filterset.qs
        fmt = self.options.cleaned_data["format"]
        if fmt:
            return exports.download(request, self.dataset, self.object_list, fmt, self.dataset.name)
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context, status=404 if self.page_error else 200)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        number = (getattr(self.options, "cleaned_data", None) or {}).get("page") or 1
        try:
            page = paginator.page(number)
        except InvalidPage:
            self.page_error = page_error(number, paginator.num_pages)
            return paginator, None, [], False
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        total = context["paginator"].count if context.get("paginator") else 0
        active = listing.active_filters(self.request, self.filterset.form, self.filterset.filter_names)
        context.update(
            section=self.noun,
            noun=self.noun_label,
            title=self.title,
            filter_heading=self.filter_heading,
            no_match=self.no_match,
            country_note=self.country_note,
            facets=self.facet_controls(),
            active_filters=active,
            errors=listing.form_errors(self.filterset.form, self.options),
            page_error=self.page_error,
            csv_url=listing.url_with(self.request, format="csv"),
            json_url=listing.url_with(self.request, format="json"),
            sort_field=self.filterset.form["sort"],
            date_fields=self.date_fields(),
            total=total,
            results_heading=(self.match_label if active else self.count_label) % {"count": total},
        )
        return context

    def date_fields(self) -> list[forms.BoundField]:
        """The date inputs the filter form shows (the meeting dates, on the archive's lists)."""
        return [self.filterset.form["date_after"], self.filterset.form["date_before"]]

    def facet_controls(self) -> list[listing.FacetControl]:
        # Counted within the valid filters even on a 400 page, so the form shows where the records are.
        return listing.facet_controls(
            self.request,
            self.filterset.form,
            self.filterset.facet_counts(),
            self.filterset.facet_names,
            {"country": self.country_note, "concerned": self.concerned_note},
        )


class MeetingListView(ArchiveListView):
    filterset_class = MeetingFilter
    template_name = "meetings/meeting_list.html"
    dataset = exports.MEETINGS
    noun = "meetings"
    noun_label = _("meetings")
    title = _("Meetings")
    filter_heading = _("Filter meetings")
    no_match = _("No meetings match these filters.")
    count_label = ngettext_lazy("%(count)s meeting", "%(count)s meetings", "count")
    match_label = ngettext_lazy("%(count)s meeting matches", "%(count)s meetings match", "count")
    country_note = _("Meetings the country took part in, in any role.")
    concerned_note = _("Meetings with an agreement that concerns the country.")

    def get_queryset(self):
        return selectors.meeting_list()


class DocumentListView(ArchiveListView):
    filterset_class = DocumentFilter
    template_name = "meetings/document_list.html"
    dataset = exports.DOCUMENTS
    noun = "documents"
    noun_label = _("documents")
    title = _("Documents")
    filter_heading = _("Filter documents")
    no_match = _("No documents match these filters.")
    count_label = ngettext_lazy("%(count)s document", "%(count)s documents", "count")
    match_label = ngettext_lazy("%(count)s document matches", "%(count)s documents match", "count")
    country_note = _("Documents of meetings the country took part in, in any role.")
    concerned_note = _("Documents with an agreement that concerns the country.")

    def get_queryset(self):
        return selectors.document_list()


class AgreementListView(ArchiveListView):
    filterset_class = AgreementFilter
    template_name = "meetings/agreement_list.html"
    dataset = exports.AGREEMENTS
    noun = "agreements"
    noun_label = _("agreements")
    title = _("Agreements")
    filter_heading = _("Filter agreements")
    no_match = _("No agreements match these filters.")
    count_label = ngettext_lazy("%(count)s agreement", "%(count)s agreements", "count")
    match_label = ngettext_lazy("%(count)s agreement matches", "%(count)s agreements match", "count")
    country_note = _("Agreements of meetings the country took part in, in any role.")
    concerned_note = _("Agreements that name the country as concerned by them.")

    def get_queryset(self):
        return selectors.agreement_list()


class CommitmentListView(ArchiveListView):
    """Every public commitment, soonest due first, with "overdue" judged on a date (`on`, else today)."""

    filterset_class = CommitmentFilter
    template_name = "meetings/commitment_list.html"
    dataset = exports.COMMITMENT_TRACKER
    noun = "commitments"
    noun_label = _("commitments")
    title = _("Commitments")
    filter_heading = _("Filter commitments")
    no_match = _("No commitments match these filters.")
    count_label = ngettext_lazy("%(count)s commitment", "%(count)s commitments", "count")
    match_label = ngettext_lazy("%(count)s commitment matches", "%(count)s commitments match", "count")
    country_note = _("Commitments the country is responsible for.")

    def get_queryset(self):
        return selectors.commitment_list()

    def date_fields(self) -> list[forms.BoundField]:
        return [self.filterset.form["on"]]

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            as_of=self.filterset.as_of(),
            as_of_given=bool(self.filterset.cleaned.get("on")),
            sort_options=COMMITMENT_SORT_CHOICES,
        )
        return context
