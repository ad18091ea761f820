"""The public pages. No login; only published records (through the selectors, which start from `.public()`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import InvalidPage
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from django_filters.views import FilterView

from meetings import exports, selectors
from meetings.filters import (
    COMMITMENT_SORT_CHOICES,
    AgreementFilter,
    ArchiveFilterSet,
    AsOfForm,
    CommitmentFilter,
    DocumentFilter,
    MeetingFilter,
    SingleValueForm,
)
from meetings.models import (
    ActionItem,
    ActionItemStatus,
    Agreement,
    Country,
    Document,
    Meeting,
    Organisation,
    Process,
    Topic,
)
from meetings.selectors import FacetOption
from meetings.templatetags.archive import date_range, human_date


class ListOptionsForm(SingleValueForm):
    """What to show of the filtered results: which page, or a download of all of them."""

    format = forms.ChoiceField(
        required=False,
        choices=[("", "Web page"), ("csv", "CSV"), ("json", "JSON")],
        error_messages={"invalid_choice": "Downloads come as format=csv or format=json."},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10**9,
        error_messages={
            "invalid": "The page must be a whole number, such as page=2.",
            "min_value": "Pages are numbered from 1.",
            "max_value": "There are not that many pages.",
        },
    )


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
    label: str
    value: str
    remove_url: str


def display_value(value: Any) -> str | None:
    """How a chosen filter value reads on the page; None for plain choices, which the form's labels name."""
    if isinstance(value, Process):
        return value.acronym or value.name
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, datetime.date):
        return human_date(value)
    return None


class ArchiveListView(FilterView):
    """A filtered, faceted, paginated list that can also be downloaded whole."""

    paginate_by = 20
    filterset_class: type[ArchiveFilterSet]
    dataset: exports.Dataset
    noun = "records"
    country_note = ""

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
        number = (getattr(self.options, "cleaned_data", {}) or {}).get("page") or 1
        try:
            page = paginator.page(number)
        except InvalidPage:
            pages = paginator.num_pages
            self.page_error = f"There is no page {number}: these results fill {pages} page{'s' if pages != 1 else ''}."
            return paginator, None, [], False
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        for name in ("page", "format"):
            query.pop(name, None)
        context.update(
            section=self.noun,
            noun=self.noun,
            country_note=self.country_note,
            facets=self.facet_controls(),
            active_filters=self.active_filters(),
            errors=self.error_messages(),
            page_error=self.page_error,
            csv_url=f"?{urlencode({**query.dict(), 'format': 'csv'})}",
            json_url=f"?{urlencode({**query.dict(), 'format': 'json'})}",
            sort_field=self.filterset.form["sort"],
            date_fields=self.date_fields(),
            total=context["paginator"].count if context.get("paginator") else 0,
        )
        return context

    def date_fields(self) -> list[forms.BoundField]:
        """The date inputs the filter form shows (the meeting dates, on the archive's lists)."""
        return [self.filterset.form["date_after"], self.filterset.form["date_before"]]

    def _cleaned(self) -> dict[str, Any]:
        return getattr(self.filterset.form, "cleaned_data", {})

    def _key(self, name: str, value: Any) -> str:
        if isinstance(value, Model):
            return getattr(value, self.filterset.filters[name].extra["to_field_name"])
        return "" if value is None else str(value)

    def facet_controls(self) -> list[FacetControl]:
        counts = self.filterset.facet_counts()
        cleaned = self._cleaned()
        controls = []
        for name in self.filterset.facet_names:
            options = counts[name]
            value = cleaned.get(name)
            selected = self._key(name, value) if value not in (None, "") else ""
            if selected and selected not in {option.value for option in options}:
                # Keep the chosen value visible even when the other filters leave it nothing.
                options = [FacetOption(selected, self._display(name, value), 0), *options]
            empty_label = self.filterset.filters[name].extra.get("empty_label") or f"Any {name}"
            help_text = self.country_note if name == "country" else ""
            controls.append(FacetControl(self.filterset.form[name], empty_label, options, selected, help_text))
        return controls

    def _display(self, name: str, value: Any) -> str:
        if (label := display_value(value)) is not None:
            return label
        choices = (
            dict(self.filterset.form.fields[name].choices)
            if hasattr(self.filterset.form.fields[name], "choices")
            else {}
        )
        return str(choices.get(value, value))

    def active_filters(self) -> list[ActiveFilter]:
        active = []
        for name, value in self._cleaned().items():
            if name == "sort" or value in (None, ""):
                continue
            query = self.request.GET.copy()
            for dropped in (name, "page", "format"):
                query.pop(dropped, None)
            active.append(
                ActiveFilter(
                    str(self.filterset.form.fields[name].label),
                    self._display(name, value),
                    f"?{query.urlencode()}" if query else self.request.path,
                )
            )
        return active

    def error_messages(self) -> list[str]:
        messages = []
        for form in (self.filterset.form, self.options):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else None
                for error in errors:
                    messages.append(f"{label or name}: {error}")
        return messages


class MeetingListView(ArchiveListView):
    filterset_class = MeetingFilter
    template_name = "meetings/meeting_list.html"
    dataset = exports.MEETINGS
    noun = "meetings"
    country_note = "Country: meetings the country took part in, in any role."

    def get_queryset(self):
        return selectors.meeting_list()


class DocumentListView(ArchiveListView):
    filterset_class = DocumentFilter
    template_name = "meetings/document_list.html"
    dataset = exports.DOCUMENTS
    noun = "documents"
    country_note = "Country: documents of meetings the country took part in. Dates are the meeting's dates."

    def get_queryset(self):
        return selectors.document_list()


class AgreementListView(ArchiveListView):
    filterset_class = AgreementFilter
    template_name = "meetings/agreement_list.html"
    dataset = exports.AGREEMENTS
    noun = "agreements"
    country_note = (
        "Country: agreements of meetings the country took part in, and agreements that concern it. "
        "Dates are the meeting's dates."
    )

    def get_queryset(self):
        return selectors.agreement_list()


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "meetings/home.html",
        {
            "counts": selectors.archive_counts(),
            "latest_meetings": selectors.latest_meetings(),
            "processes": selectors.processes_with_meeting_counts(),
            "countries": selectors.countries_that_took_part(),
            "topics": selectors.topics_with_agreement_counts(),
        },
    )


def _public_or_404(getter, *args):
    try:
        return getter(*args)
    except (Meeting.DoesNotExist, Agreement.DoesNotExist):
        raise Http404("No published record has this address.") from None


@require_safe
def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _public_or_404(selectors.public_meeting, slug)
    agreements = selectors.meeting_agreements(meeting)
    documents = selectors.meeting_documents(meeting)
    by_document = []
    for document in documents:
        items = [a for a in agreements if a.document_id == document.pk]
        by_document.append((document, selectors.agreement_sections(items)))
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "section": "meetings",
            "meeting": meeting,
            "participants": selectors.participations_by_role(meeting.participations.public()),
            "documents": by_document,
            "agreement_count": len(agreements),
            "action_items": selectors.action_items_for(meeting=meeting),
        },
    )


@require_safe
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(Document.objects.public().select_related("meeting__host_country"), slug=slug)
    agreements = selectors.document_agreements(document)
    return render(
        request,
        "meetings/document_detail.html",
        {
            "section": "documents",
            "document": document,
            "meeting": document.meeting,
            "sections": selectors.agreement_sections(agreements),
            "agreement_count": len(agreements),
        },
    )


def citation(agreement: Agreement, url: str) -> str:
    """A ready citation: body, meeting, place, dates, document, item, permanent address."""
    meeting = agreement.document.meeting
    bodies = " and ".join(str(process) for process in meeting.processes.all())
    parts = [bodies] if bodies else []
    parts.append(meeting.title)
    if meeting.place:
        parts.append(meeting.place)
    parts.append(date_range(meeting.start_date, meeting.end_date))
    document = agreement.document.title
    if agreement.document.symbol:
        document += f" ({agreement.document.symbol})"
    parts.append(f"“{document}”")
    item = f"item {agreement.label}" if agreement.label else f"item {agreement.order} (unnumbered)"
    parts.append(item)
    return ". ".join(part.rstrip(".") for part in parts) + f". {url}"


@require_safe
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _public_or_404(selectors.public_agreement, pk)
    url = request.build_absolute_uri(agreement.get_absolute_url())
    return render(
        request,
        "meetings/agreement_detail.html",
        {
            "section": "agreements",
            "agreement": agreement,
            "document": agreement.document,
            "meeting": agreement.document.meeting,
            "parent": agreement.parent if agreement.parent_id and _is_public(agreement.parent) else None,
            "children": selectors.public_children(agreement),
            "relations": selectors.agreement_relations(agreement),
            "action_items": selectors.action_items_for(agreement=agreement),
            "citation": citation(agreement, url),
            "permalink": url,
        },
    )


def _is_public(agreement: Agreement) -> bool:
    return Agreement.objects.public().filter(pk=agreement.pk).exists()


@require_safe
def country_detail(request: HttpRequest, alpha3: str) -> HttpResponse:
    country = get_object_or_404(Country, alpha3=alpha3.upper())
    if alpha3 != country.alpha3:
        return redirect(country, permanent=True)
    meetings = list(selectors.country_meetings(country))
    return render(
        request,
        "meetings/country_detail.html",
        {
            "country": country,
            "participations": selectors.country_participations(country),
            "meeting_count": len(meetings),
            "hosted": [m for m in meetings if m.host_country_id == country.pk],
            "presidencies": list(selectors.meeting_list().filter(presidency=country)),
            "memberships": country.process_memberships.select_related("process").order_by("process__name"),
            "agreements": list(selectors.agreements_concerning_country(country)),
            "action_items": list(selectors.commitments_of_country(country)),
            "downloads": [
                (dataset, fmt) for dataset in ("meetings", "agreements", "commitments") for fmt in exports.FORMATS
            ],
        },
    )


@require_safe
def country_download(request: HttpRequest, alpha3: str, dataset: str, fmt: str) -> HttpResponse:
    """A country's dossier: its meetings, the agreements that concern it, its commitments."""
    country = get_object_or_404(Country, alpha3=alpha3.upper())
    if dataset == "meetings":
        queryset, columns = selectors.country_meetings(country), exports.MEETINGS
    elif dataset == "agreements":
        queryset, columns = selectors.agreements_concerning_country(country), exports.AGREEMENTS
    else:
        queryset, columns = selectors.commitments_of_country(country), exports.COMMITMENTS
    return exports.download(request, columns, queryset, fmt, f"{country.alpha3.lower()}-{dataset}")


@require_safe
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("process"), slug=slug)
    return render(
        request,
        "meetings/organisation_detail.html",
        {
            "organisation": organisation,
            "participations": selectors.organisation_participations(organisation),
            "agreements": list(selectors.agreements_concerning_organisation(organisation)),
            "action_items": list(selectors.commitments_of_organisation(organisation)),
            "people": organisation.people.order_by("name"),
        },
    )


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    return render(
        request,
        "meetings/topic_detail.html",
        {
            "topic": topic,
            "subtopics": topic.children.order_by("name"),
            "agreements": selectors.topic_agreements(topic),
            "per_year": selectors.meetings_per_year(selectors.topic_meetings(topic)),
        },
    )


@require_safe
def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process, slug=slug)
    as_of = AsOfForm(request.GET)
    if not as_of.is_valid():
        return _bad_input(request, as_of)
    on = as_of.as_of()
    # The meetings carry their commitment counts (one query for the whole summary),
    # and the chart is drawn from them rather than counted again.
    meetings = selectors.process_meetings_with_commitment_counts(process, on)
    commitments: dict[int, list] = {}
    for item in selectors.process_commitments(process, on):
        commitments.setdefault(item.meeting_id, []).append(item)
    return render(
        request,
        "meetings/process_detail.html",
        {
            "process": process,
            "other_names": [name.strip() for name in process.other_names.split(";") if name.strip()],
            "meetings": meetings,
            "per_year": selectors.meetings_per_year_of(meetings),
            "grid": selectors.participation_grid(process, meetings),
            "role_legend": selectors.ROLE_LEGEND,
            "bodies": process.bodies.order_by("name"),
            "commitments_by_meeting": [(m, commitments[m.pk]) for m in meetings if m.pk in commitments],
            "as_of": on,
            "as_of_given": bool(as_of.cleaned_data.get("on")),
        },
    )


# -- the commitments tracker -------------------------------------------------


class CommitmentListView(ArchiveListView):
    """Every public commitment, soonest due first, with "overdue" judged on a date (`on`, else today)."""

    filterset_class = CommitmentFilter
    template_name = "meetings/commitment_list.html"
    dataset = exports.COMMITMENT_TRACKER
    noun = "commitments"
    country_note = "Country: commitments the country is responsible for."

    def get_queryset(self):
        return selectors.commitment_list()

    def date_fields(self) -> list[forms.BoundField]:
        return [self.filterset.form["on"]]

    def facet_controls(self) -> list[FacetControl]:
        controls = super().facet_controls()
        for control in controls:
            if control.field.name == "due_year":
                control.empty_label = "Any year"  # an IntegerField takes no empty_label of its own
        return controls

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            as_of=self.filterset.as_of(),
            as_of_given=bool(self._cleaned().get("on")),
            sort_options=COMMITMENT_SORT_CHOICES,
        )
        return context


def _bad_input(request: HttpRequest, form: forms.Form) -> HttpResponse:
    """A 400 page that says which parameter could not be used and why."""
    messages = [
        f"{form.fields[name].label if name in form.fields else name}: {error}"
        for name, errors in form.errors.items()
        for error in errors
    ]
    return render(request, "meetings/bad_input.html", {"errors": messages}, status=400)


@require_safe
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    as_of = AsOfForm(request.GET)
    if not as_of.is_valid():
        return _bad_input(request, as_of)
    on = as_of.as_of()
    try:
        item = selectors.public_commitment(pk, on)
    except ActionItem.DoesNotExist:
        raise Http404("No published commitment has this address.") from None
    history = selectors.commitment_history(item)
    # A commitment closed at a later meeting without a dated step still shows where it was reported done.
    reported_done_only = (
        item.progress == ActionItemStatus.DONE
        and item.reported_done_public
        and not any(change.progress == ActionItemStatus.DONE for change in history)
    )
    return render(
        request,
        "meetings/commitment_detail.html",
        {
            "section": "commitments",
            "item": item,
            "meeting": item.meeting,
            "agreement": item.agreement,
            "deadline_meeting": selectors.deadline_meeting(item),
            "history": history,
            "reported_done_only": reported_done_only,
            "as_of": on,
            "as_of_given": bool(as_of.cleaned_data.get("on")),
        },
    )


# -- error pages in the site's style (DEBUG off) ---------------------------


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", {"request_path": request.path}, status=404)
