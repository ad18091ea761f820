"""The vocabulary pages: a country's dossier, an organisation, a topic, a process."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from meetings import exports, selectors
from meetings.filters import AsOfForm
from meetings.views.errors import bad_input, public_or_404


@require_safe
def country_detail(request: HttpRequest, alpha3: str) -> HttpResponse:
    country = public_or_404(selectors.country_by_code, alpha3)
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
            "presidencies": selectors.country_presidencies(country),
            "memberships": selectors.country_memberships(country),
            "agreements": list(selectors.agreements_concerning_country(country)),
            "action_items": list(selectors.commitments_of_country(country)),
            "downloads": [
                (dataset, fmt) for dataset in ("meetings", "agreements", "commitments") for fmt in exports.FORMATS
            ],
        },
    )


#: A country's dossier downloads: the rows of each, and their columns.
COUNTRY_DATASETS = {
    "meetings": (selectors.country_meetings, exports.MEETINGS),
    "agreements": (selectors.agreements_concerning_country, exports.AGREEMENTS),
    "commitments": (selectors.commitments_of_country, exports.COMMITMENTS),
}


@require_safe
def country_download(request: HttpRequest, alpha3: str, dataset: str, fmt: str) -> HttpResponse:
    """A country's dossier: its meetings, the agreements that concern it, its commitments."""
    country = public_or_404(selectors.country_by_code, alpha3)
    rows, columns = COUNTRY_DATASETS[dataset]
    return exports.download(request, columns, rows(country), fmt, f"{country.alpha3.lower()}-{dataset}")


@require_safe
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = public_or_404(selectors.organisation_by_slug, slug)
    return render(
        request,
        "meetings/organisation_detail.html",
        {
            "organisation": organisation,
            "participations": selectors.organisation_participations(organisation),
            "agreements": list(selectors.agreements_concerning_organisation(organisation)),
            "action_items": list(selectors.commitments_of_organisation(organisation)),
            "people": selectors.organisation_people(organisation),
        },
    )


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = public_or_404(selectors.topic_by_slug, slug)
    return render(
        request,
        "meetings/topic_detail.html",
        {
            "topic": topic,
            "subtopics": selectors.subtopics(topic),
            "agreements": selectors.topic_agreements(topic),
            "per_year": selectors.meetings_per_year(selectors.topic_meetings(topic)),
        },
    )


@require_safe
def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_or_404(selectors.process_by_slug, slug)
    as_of = AsOfForm(request.GET)
    if not as_of.is_valid():
        return bad_input(request, as_of)
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
            "bodies": selectors.process_bodies(process),
            "commitments_by_meeting": [(m, commitments[m.pk]) for m in meetings if m.pk in commitments],
            "as_of": on,
            "as_of_given": bool(as_of.cleaned_data.get("on")),
        },
    )
