"""The same page in the other language: the switch in the header and the hreflang alternates."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils import translation

register = template.Library()

#: A query string longer than this is not repeated in the switch's links (the page's own
#: address is kept, without it): no browser or proxy keeps such addresses reliably, and
#: a page must not echo kilobytes of whatever a request carried.
MAX_KEPT_QUERY = 2048


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language: a reader looks for the language they read
    url: str  # path and query string
    absolute_url: str  # for the hreflang alternates, which search engines want absolute
    current: bool
    default: bool  # the version for readers of neither language (hreflang="x-default")


def _version_path(request: HttpRequest, code: str) -> str:
    """This page's address in language `code`, query string kept.

    Public addresses differ between languages only by their prefix, so the
    prefix is swapped; a page without one (an error page of an unprefixed
    address) offers the home page in that language.
    """
    path = request.path_info
    current = translation.get_language_from_path(path)
    if current is None:
        with translation.override(code):
            return reverse("meetings:home")
    rest = path[len(current) + 1 :]  # "/es/agreements/" -> "/agreements/"
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_KEPT_QUERY:
        query = ""
    return f"{get_script_prefix()}{code}{rest}" + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[LanguageVersion]:
    """Every language's version of the page being shown, the current one marked."""
    request = context.get("request")
    active = translation.get_language()
    if request is None:  # a page rendered outside a request (an e-mail, a test of a partial)
        return []
    versions = []
    for code, name in settings.LANGUAGES:
        url = _version_path(request, code)
        versions.append(
            LanguageVersion(
                code=code,
                name=name,
                url=url,
                absolute_url=request.build_absolute_uri(url),
                current=code == active,
                default=code == settings.LANGUAGE_CODE,
            )
        )
    return versions
