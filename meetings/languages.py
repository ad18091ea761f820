"""The public site's two languages: addresses with a language prefix, and the visitor's choice remembered.

Public pages live under /en/ and /es/ (i18n_patterns in migconf/urls.py);
the admin, the API, /healthz, the sitemap, robots.txt, static and media files
stay unprefixed. Django's LocaleMiddleware does the work; this subclass only
changes how it redirects and what it remembers:

* ``/`` sends a visitor to the language they prefer (the language cookie,
  else the browser's Accept-Language) with a temporary redirect: the answer
  depends on who asks.
* Any other unprefixed public address (the addresses the archive gave before
  it had two languages, still printed in citations) is answered with a
  permanent redirect to the same page, query string included.
* A page read under a language prefix remembers that language in the
  language cookie, so ``/`` and the admin (which has no prefix) follow the
  visitor's last choice rather than only the browser's setting.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware with permanent redirects for old addresses and the choice kept in a cookie."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        language_from_path = translation.get_language_from_path(request.path_info)
        # LocaleMiddleware turns only a 404 into its redirect to the prefixed address.
        was_not_found = response.status_code == 404
        response = super().process_response(request, response)
        if not language_from_path:
            if was_not_found and response.status_code == 302 and request.path_info != "/":
                permanent = HttpResponsePermanentRedirect(response["Location"])
                permanent["Vary"] = response["Vary"]
                return permanent
            return response
        if response.status_code < 400 and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language_from_path:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language_from_path,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response
