"""No 500 anywhere in the admin on malformed form data.

Every model registered in the admin, its add and its change form (with every
inline), is posted by a staff superuser with malformed values: ids that are
not ids, numbers too big for the database, strings far over their limit, NUL
bytes, lists where one value belongs, a tampered inline management form. Each
answer must be a page (a form with its errors, a redirect, a 400), never a
server error. A model registered later is covered without a new test.
"""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from meetings.models import ActionItemStatusChange, AgreementRelation, Country, Organisation, Person, Process, Topic
from meetings.revisions import review
from tests import factories
from tests.helpers import admin_url, change_form_data

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)

HUGE_NUMBER = "9" * 30  # beyond any integer column
HUGE_TEXT = "x" * 20_000  # beyond every CharField's max_length, not over the request size limit


def garble(mode: str, field: forms.Field, value):
    """The malformed value `mode` sends for `field` in place of `value` (None: leave it as it is).

    Each mode malforms every field at once, each in a way its type invites; all
    fields of a form are cleaned (and shown again with their errors) independently.
    """
    relation = isinstance(field, forms.ModelChoiceField)
    many = isinstance(field, forms.ModelMultipleChoiceField)
    number = isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField)
    if mode == "bad ids, huge strings, wrong types":
        if relation:
            return ["abc", "-1"] if many else "abc"
        if number:
            return HUGE_NUMBER
        if isinstance(field, forms.BooleanField):
            return "maybe"
        if isinstance(field, forms.DateField | forms.DateTimeField | forms.SplitDateTimeField):
            return "2002-13-45"
        if isinstance(field, forms.ChoiceField):
            return "no-such-choice"
        if isinstance(field, forms.FileField):
            return "not-a-file"
        if isinstance(field, forms.CharField):
            return HUGE_TEXT
        return "abc"
    if mode == "huge ids, NUL bytes":
        if relation:
            return [HUGE_NUMBER, "1\x00"] if many else HUGE_NUMBER
        if isinstance(value, list):
            return [f"{v}\x00" for v in value] or ["\x00"]
        return f"{value or ''}\x00"
    if mode == "lists for single values, tampered inline counts":
        return "not-a-list" if isinstance(value, list) or many else ["one", "two"]
    raise ValueError(mode)


MODES = ["bad ids, huge strings, wrong types", "huge ids, NUL bytes", "lists for single values, tampered inline counts"]


def form_fields(response) -> dict[str, forms.Field]:
    """Every field of the page's forms, by the name it is posted under (inlines' extra rows included)."""
    found = {}
    main = response.context["adminform"].form
    for name, field in main.fields.items():
        found[main.add_prefix(name)] = field
    for inline in response.context.get("inline_admin_formsets", []):
        for form in inline.formset.forms:
            for name, field in form.fields.items():
                found[form.add_prefix(name)] = field
    return found


def malformed(response, mode: str) -> dict:
    data = change_form_data(response)
    if mode.endswith("tampered inline counts"):
        for key in list(data):
            if key.endswith("-TOTAL_FORMS"):
                data[key] = "abc"
            elif key.endswith("-INITIAL_FORMS"):
                data[key] = HUGE_NUMBER
    for name, field in form_fields(response).items():
        if isinstance(field, forms.SplitDateTimeField) or isinstance(field.widget, forms.MultiWidget):
            names = [f"{name}_{i}" for i in range(len(getattr(field.widget, "widgets", [])))]
        else:
            names = [name]
        for key in names:
            if key.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")):
                continue
            value = garble(mode, field, data.get(key))
            if value is not None:
                data[key] = value
    return data


def _login_record(model, **extra):
    fields = {"user_agent": "fuzz", "ip_address": "203.0.113.9", "username": "staff", "http_accept": "*/*", **extra}
    return model.objects.create(path_info="/admin/login/", attempt_time=timezone.now(), **fields)


#: Records of the models the archive's data has none of.
MAKE_ONE = {
    AccessAttempt: lambda: _login_record(AccessAttempt, failures_since_start=1, get_data="", post_data=""),
    AccessFailureLog: lambda: _login_record(AccessFailureLog),
    AccessLog: lambda: _login_record(AccessLog),
}


def a_record_of(model):
    record = model._default_manager.order_by("pk").first()
    if record is None and model in MAKE_ONE:
        record = MAKE_ONE[model]()
    assert record is not None, f"no {model._meta.verbose_name} to change: add a builder to MAKE_ONE"
    return record


@pytest.fixture(scope="module")
def small_archive(reference_db, django_db_blocker):
    """The reference data and one small record of each kind of content (change pages stay quick to render)."""
    with django_db_blocker.unblock():
        country, organisation = Country.objects.get(alpha3="GTM"), Organisation.objects.order_by("pk").first()
        meeting = factories.meeting("VII Regional Conference on Migration", processes=(Process.objects.first(),))
        factories.participation(meeting, country)
        Person.objects.create(name="A Speaker", slug="a-speaker", organisation=organisation)
        document = factories.document(meeting)
        first = factories.agreement(document, label="1", topics=(Topic.objects.first(),), countries=(country,))
        second = factories.agreement(document, "To follow up agreement 1.", label="2")
        AgreementRelation.objects.create(source=second, kind="follows_up", target=first)
        item = factories.action_item(meeting, "To prepare a plan of action.", agreement=first, countries=(country,))
        ActionItemStatusChange.objects.create(action_item=item, progress="in_progress", date=datetime.date(2003, 1, 1))
        author = get_user_model().objects.create_user("fuzz-editor", is_staff=True)
        review.propose(author, [], [("meetings.meeting", meeting.pk)])
    yield


@pytest.fixture
def superuser_client(staff_user):
    # As a real server answers: an error becomes a 500 page instead of an exception in the test.
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("action", ["add", "change"])
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_malformed_admin_form_data_never_answers_500(small_archive, superuser_client, model, action, mode):
    url = admin_url(model, "add") if action == "add" else admin_url(model, "change", a_record_of(model).pk)
    page = superuser_client.get(url)
    if page.status_code == 403:  # this admin allows no additions (django-axes' logs): a POST is refused too
        assert superuser_client.post(url, {"username": "abc\x00"}).status_code == 403
        return
    assert page.status_code == 200
    if "adminform" not in page.context:  # a page without a model form (a proposal's review) refuses a POST
        assert superuser_client.post(url, {"reason": HUGE_TEXT, "x": "\x00"}).status_code == 405
        return
    response = superuser_client.post(url, malformed(page, mode))
    assert response.status_code < 500, f"{mode} → {response.status_code} at {url}"


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_malformed_ids_in_admin_addresses_never_answer_500(small_archive, superuser_client, model):
    for url in [
        admin_url(model, "changelist") + "?q=%00&o=abc&p=abc&e=1&status__exact=%00&id__in=abc,xyz",
        admin_url(model, "changelist") + "x/change/",  # not an id
        admin_url(model, "changelist") + f"{HUGE_NUMBER}/change/",
        admin_url(model, "changelist") + f"{HUGE_NUMBER}/history/",
        admin_url(model, "changelist") + f"{HUGE_NUMBER}/delete/",
    ]:
        response = superuser_client.get(url)
        assert response.status_code < 500, f"{response.status_code} at {url}"
