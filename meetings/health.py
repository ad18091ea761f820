"""Surviving the database: a health endpoint, and a 503 page instead of a 500 while the database is away.

Connections are health-checked before reuse (CONN_HEALTH_CHECKS, on by
default), so once PostgreSQL is back after a restart each worker reconnects
on its next request instead of failing it. While the database cannot be
reached, every page answers 503 with the site's own page and a Retry-After
header; load balancers ask `/healthz`.
"""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

#: Seconds a client is told to wait before trying again while the database is away.
RETRY_AFTER = 30

#: Errors that mean the database is out of reach (down, restarting, refusing
#: connections, a connection cut), as opposed to a bug in a query.
UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 page in the site's style, rendered without touching the database."""
    try:
        body = loader.render_to_string("503.html", {"retry_after": RETRY_AFTER}, request=request)
    except Exception:  # the page must come out even if something in its rendering needs the database
        logger.exception("Could not render 503.html")
        body = "The archive's database is unavailable for a moment. Please try again in a minute.\n"
        response = HttpResponse(body, status=503, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: a database that cannot be reached is a 503 (try again), not a 500 (our bug)."""
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE):
        logger.warning("Database unavailable while serving %s: %s", request.path, error)
        return database_unavailable(request)
    return django_server_error(request, template_name)


class DatabaseUnavailableMiddleware:
    """Turns a database outage during a view into the 503 page (before Django logs it as a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE):
            logger.warning("Database unavailable while serving %s: %s", request.path, exception)
            return database_unavailable(request)
        return None


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 otherwise (for load balancers and monitoring)."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: database unavailable: %s", error)
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})
