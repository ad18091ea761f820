"""The record pages: a meeting, a document, an agreement, a commitment."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from meetings import selectors, versions
from meetings.filters import AsOfForm
from meetings.models import ActionItemStatus, Agreement
from meetings.templatetags.archive import date_range
from meetings.views.errors import bad_input, public_or_404


@require_safe
def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = public_or_404(selectors.public_meeting, slug)
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
            "participants": selectors.meeting_participants(meeting),
            "documents": by_document,
            "agreement_count": len(agreements),
            "action_items": selectors.action_items_for(meeting=meeting),
        },
    )


@require_safe
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = public_or_404(selectors.public_document, slug)
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
            "document_versions": versions.language_versions(document),
        },
    )


@require_safe
def document_side_by_side(request: HttpRequest, slug: str, other: str) -> HttpResponse:
    """Two language versions of a document, their agreements paired by printed label."""
    document = public_or_404(selectors.public_document, slug)
    partner = next((v for v in versions.language_versions(document) if v.slug == other), None)
    if partner is None:
        raise Http404("These two documents are not language versions of each other.")
    return render(
        request,
        "meetings/document_side_by_side.html",
        {
            "section": "documents",
            "document": document,
            "other": partner,
            "meeting": document.meeting,
            "pairs": versions.paired_agreements(
                selectors.document_agreements(document), selectors.document_agreements(partner)
            ),
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
    agreement = public_or_404(selectors.public_agreement, pk)
    url = request.build_absolute_uri(agreement.get_absolute_url())
    return render(
        request,
        "meetings/agreement_detail.html",
        {
            "section": "agreements",
            "agreement": agreement,
            "document": agreement.document,
            "meeting": agreement.document.meeting,
            # The selector says whether the parent item is public too (no query of its own).
            "parent": agreement.parent if agreement.parent_is_public else None,
            "children": selectors.public_children(agreement),
            "relations": selectors.agreement_relations(agreement),
            "action_items": selectors.action_items_for(agreement=agreement),
            "citation": citation(agreement, url),
            "permalink": url,
        },
    )


@require_safe
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    as_of = AsOfForm(request.GET)
    if not as_of.is_valid():
        return bad_input(request, as_of)
    on = as_of.as_of()
    item = public_or_404(selectors.public_commitment, pk, on)
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
