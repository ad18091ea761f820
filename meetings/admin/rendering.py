"""A form renderer for pages of many rows: Django's plainest widget templates, done in Python.

Each widget of a form is rendered through a template, and a select's every
option through one more: on the meeting's page, with hundreds of agreements of
a dozen fields each, that was most of the time the page took. These few
templates (an input, a textarea, a select and its options, their attributes,
a field's label)
are written out here exactly as Django's own produce them
(tests/test_meeting_admin_rendering.py compares the two); any other template,
or one that an app overrides, is rendered by Django as usual.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"

#: Django's templates that only include input.html.
INPUT_TEMPLATES = [
    f"{WIDGETS}{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "input",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
]
DJANGO_TEMPLATES = Path(django.forms.__file__).parent / "templates"


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless already safe."""
    if type(value) is str:  # most values: Django's escape() is html.escape()
        return html.escape(value)
    return conditional_escape(value if isinstance(value, SafeData) else str(value))


def _output(value) -> str:
    """`{{ value }}`: localized, then escaped unless safe."""
    if type(value) is str:  # localize() leaves text as it is
        return html.escape(value)
    return conditional_escape(localize(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_output(name)}" if value is True else f' {_output(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(context: dict) -> str:
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return f'<input type="{_output(widget["type"])}" name="{_output(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea(context: dict) -> str:
    widget = context["widget"]
    value = _output(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_output(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _option(option: dict) -> str:
    return f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>{_output(option["label"])}</option>'


def _select(context: dict) -> str | None:
    widget = context["widget"]
    parts = [f'<select name="{_output(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_output(group_name)}">')
        for option in group_choices:
            if option["template_name"] != f"{WIDGETS}select_option.html":
                return None  # a widget with options of its own: Django renders it
            parts.append(f"\n  {_option(option)}\n")  # the option's template ends with a newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _label(context: dict) -> str:
    """django/forms/label.html: a field's label."""
    if not context["use_tag"]:
        return _output(context["label"])
    tag = _output(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_output(context['label'])}</{tag}>"


PYTHON_TEMPLATES: dict[str, Callable[[dict], str | None]] = {
    **dict.fromkeys(INPUT_TEMPLATES, _input),
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}select.html": _select,
    "django/forms/label.html": _label,
}

#: The templates each of those stands for (the one named and those it includes).
STANDS_FOR = {
    **{name: [name, f"{WIDGETS}input.html", f"{WIDGETS}attrs.html"] for name in INPUT_TEMPLATES},
    f"{WIDGETS}textarea.html": [f"{WIDGETS}textarea.html", f"{WIDGETS}attrs.html"],
    f"{WIDGETS}select.html": [f"{WIDGETS}select.html", f"{WIDGETS}select_option.html", f"{WIDGETS}attrs.html"],
    "django/forms/label.html": ["django/forms/label.html", "django/forms/attrs.html"],
}


class RowsRenderer(DjangoTemplates):
    """Django's default form renderer, with the templates above rendered in Python."""

    def __init__(self):
        super().__init__()
        self._own: dict[str, bool] = {}

    def _is_djangos(self, template_name: str) -> bool:
        """Whether the templates found are Django's own (an app may override a widget's templates)."""
        if template_name not in self._own:
            self._own[template_name] = all(
                Path(self.get_template(name).origin.name).is_relative_to(DJANGO_TEMPLATES)
                for name in STANDS_FOR[template_name]
            )
        return self._own[template_name]

    def render(self, template_name, context, request=None):
        python = PYTHON_TEMPLATES.get(template_name)
        if python is not None and request is None and self._is_djangos(template_name):
            html = python(context)
            if html is not None:
                return html
        return super().render(template_name, context, request)


#: One renderer for the page's forms (it keeps its templates' origins once looked up).
rows_renderer = RowsRenderer()
