"""The original file of a published document, as an attachment.

The same rule as the pages (`Document.objects.public()`): a draft's or a
withdrawn document's file is a 404, like its page. Files are sent as
attachments with `nosniff` and a sandboxing policy, so that a browser never
renders one as part of the site.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from meetings.models import Document
from meetings.uploads import FORMATS


@require_safe
def document_file(request: HttpRequest, slug: str) -> FileResponse:
    document = get_object_or_404(Document.objects.public().only("slug", "file"), slug=slug)
    if not document.file:
        raise Http404("This document has no original file.")
    try:
        stream = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("The original file of this document is missing.") from None
    name = PurePosixPath(document.file.name).name
    kept = FORMATS.get(PurePosixPath(name).suffix.lstrip(".").lower())
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=name,
        content_type=kept.content_type if kept else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=3600"
    return response
