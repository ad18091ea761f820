"""Request-level guards that must run before anything reads the request."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


class RequestBodyLimitMiddleware:
    """Refuses a request whose body is larger than MAX_REQUEST_BODY_SIZE, from its Content-Length alone.

    Django reads (and spools to disk) a whole multipart upload before any form
    or view can look at its size; this answers 413 before the first byte of
    the body is read. (Django reads no body without a Content-Length.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.MAX_REQUEST_BODY_SIZE
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            length = 0  # Django reads no body when the length is not a number
        if length > limit:
            body = loader.render_to_string(
                "413.html",
                {
                    "limit": _megabytes(limit),
                    "size": _megabytes(length),
                    "document_limit": _megabytes(settings.DOCUMENT_FILE_MAX_SIZE),
                },
                request=request,
            )
            response = HttpResponse(body, status=413)
            response["Connection"] = "close"  # the unread body is not worth keeping the connection for
            return response
        return self.get_response(request)
