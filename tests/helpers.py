"""Helpers shared by the test modules (fixtures live in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from django.db.models.fields.files import FieldFile
from django.urls import reverse


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def change_form_data(response) -> dict:
    """What a browser sends back when staff submit a rendered admin form (with its inlines) unchanged."""
    forms = [response.context["adminform"].form]

    def add(formset):
        nonlocal forms
        forms += [formset.management_form]
        for form in formset.forms:
            forms.append(form)
            for nested in getattr(form, "nested_formsets", []):  # django-nested-admin: a document's agreements
                add(nested)

    for inline in response.context.get("inline_admin_formsets", []):  # the revert form has none
        add(inline.formset)
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or isinstance(value, FieldFile):
                continue  # an empty field, an unticked box or a file input sends nothing
            if value is True:
                value = "on"
            elif isinstance(value, list | tuple):
                value = [str(v) for v in value]
            else:
                value = str(value)
            data[form.add_prefix(name)] = value
    return data


class Page(HTMLParser):
    """A rendered page read as HTML, so tests state structure (links, ids, elements) rather than substrings.

    `Page(response)` or `Page(html)`; `page.links` are the hrefs, `page.ids` the
    element ids, `page.has("a", href="/x/", class_="permalink-link")` asks for
    an element with those attributes (a trailing underscore escapes a keyword),
    `page.elements("option", selected=None)` lists them, and `page.text_of(el)`
    gives the text inside one.
    """

    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        html = source.content.decode() if hasattr(source, "content") else str(source)
        self.html = html
        self.elements_: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: "" if value is None else value for name, value in attrs})
        self.elements_.append(element)
        if tag not in VOID_ELEMENTS:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    @property
    def links(self) -> set[str]:
        return {element.attrs["href"] for element in self.elements_ if "href" in element.attrs}

    @property
    def ids(self) -> set[str]:
        return {element.attrs["id"] for element in self.elements_ if "id" in element.attrs}

    def elements(self, tag: str, **attrs) -> list[Element]:
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        found = []
        for element in self.elements_:
            if element.tag != tag:
                continue
            if all(_attr_matches(element, name, value) for name, value in wanted.items()):
                found.append(element)
        return found

    def has(self, tag: str, **attrs) -> bool:
        return bool(self.elements(tag, **attrs))


def _attr_matches(element: Element, name: str, value) -> bool:
    if name not in element.attrs:
        return False
    if value is None:  # present, whatever its value
        return True
    if name == "class":
        return set(str(value).split()) <= set(element.attrs["class"].split())
    return element.attrs[name] == str(value)


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
