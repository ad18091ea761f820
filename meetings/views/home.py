"""The home page: what the archive holds, and ways in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meetings import selectors


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
