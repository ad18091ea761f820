"""The meeting page's form renderer writes exactly the HTML Django's widget templates write, faster.

meetings/admin/rendering.py renders a few of Django's widget templates in
Python; these tests hold it to Django's own output, widget by widget and for
the whole meeting page.
"""

import datetime
import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from meetings.admin import rendering
from meetings.models import Meeting
from tests import factories as make
from tests.helpers import admin_url

CASES = {
    "text": (forms.TextInput(attrs={"size": 4, "class": "vTextField", "required": True}), 'Tom & "Jerry" <b>'),
    "text-empty": (forms.TextInput(attrs={"disabled": False, "maxlength": 20}), None),
    "text-safe": (forms.TextInput(), mark_safe("<b>already safe</b>")),
    "number": (forms.NumberInput(attrs={"min": 0}), 12),
    "decimal": (forms.NumberInput(), 1234.5),
    "hidden": (forms.HiddenInput(), "7"),
    "date": (forms.DateInput(attrs={"class": "vDateField"}), datetime.date(2002, 5, 30)),
    "checkbox-on": (forms.CheckboxInput(), True),
    "checkbox-off": (forms.CheckboxInput(attrs={"aria-describedby": "x_helptext"}), False),
    "textarea": (forms.Textarea(attrs={"rows": 2, "cols": 30}), "1. To request\n\nthat <IOM> & the \u201cTS\u201d"),
    "textarea-empty": (forms.Textarea(), ""),
    "select": (forms.Select(choices=[("a", "Á & B"), ("b", "<b>")]), "b"),
    "select-groups": (forms.Select(choices=[("", "---"), ("Group <1>", [("1", "One"), ("2", "Two")])]), "2"),
    "select-multiple": (forms.SelectMultiple(choices=[(1, "One"), (2, "Two"), (3, "Three")]), [1, 3]),
    "select-none": (forms.Select(choices=[]), None),
    "radio": (forms.RadioSelect(choices=[("a", "A")]), "a"),  # not done in Python: Django renders it
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_widget_is_written_as_django_writes_it(case):
    widget, value = CASES[case]
    attrs = {"id": f"id_{case}"}
    django_html = widget.render(case, value, attrs, renderer=DjangoTemplates())
    assert widget.render(case, value, attrs, renderer=rendering.RowsRenderer()) == django_html


def test_a_widget_template_an_app_overrides_is_left_to_django(monkeypatch):
    renderer = rendering.RowsRenderer()
    real = renderer.get_template

    class Overridden:
        def __init__(self, template):
            self.template, self.origin = template, type("Origin", (), {"name": "/srv/app/templates/text.html"})

        def render(self, context, request=None):
            return "<input data-overridden>"

    monkeypatch.setattr(renderer, "get_template", lambda name: Overridden(real(name)))
    assert forms.TextInput().render("title", "x", renderer=renderer) == "<input data-overridden>"


@pytest.mark.django_db
def test_the_meeting_page_is_the_same_with_and_without_the_python_templates(staff_client, monkeypatch):
    meeting = make.meeting("VII RCM", status=make.DRAFT, host_country=make.country("GTM", "Guatemala"))
    make.participation(meeting, make.country("MEX", "Mexico"))
    document = make.document(meeting, "Joint communiqué", status=make.DRAFT)
    first = make.agreement(document, "To acknowledge <the> “work” & more.\n\nSecond paragraph.", label="1")
    make.agreement(document, "9.1 To invite IOM.", label="9.1", parent=first, topics=(make.topic("migrant-smuggling"),))
    make.action_item(meeting, "Prepare a plan", agreement=first, due_date=datetime.date(2003, 1, 31))
    url = admin_url(Meeting, "change", meeting.pk)
    fast = staff_client.get(url).content.decode()
    monkeypatch.setattr(rendering, "PYTHON_TEMPLATES", {})
    slow = staff_client.get(url).content.decode()
    tokens = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert tokens.sub("", fast) == tokens.sub("", slow)
    assert "Second paragraph." in fast
