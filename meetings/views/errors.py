"""How the public pages answer what they cannot serve: a missing record, a bad parameter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from meetings.listing import form_errors

T = TypeVar("T")


def public_or_404(getter: Callable[..., T], *args) -> T:
    """The record a selector finds, or a 404: a draft, a withdrawn record and a missing one all read the same."""
    try:
        return getter(*args)
    except ObjectDoesNotExist:
        raise Http404("No published record has this address.") from None


def bad_input(request: HttpRequest, form: forms.Form) -> HttpResponse:
    """A 400 page that says which parameter could not be used and why."""
    return render(request, "meetings/bad_input.html", {"errors": form_errors(form)}, status=400)


# Error pages in the site's style (used when DEBUG is off).


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", {"request_path": request.path}, status=404)
