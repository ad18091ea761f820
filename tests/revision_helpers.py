"""A published archive with a record of every kind of live content, and what the public sees of it.

Shared by the revision tests: `published_archive()` builds it, `public_view()`
reads every public page, download and search result, and the `*_through_admin`
functions make an editor's add, change or delete the way a browser would,
whatever the model (so that a model added later is exercised the same way).
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django import forms
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from meetings.models import (
    ActionItem,
    ActionItemStatus,
    Agreement,
    AgreementRelation,
    Document,
    Meeting,
    ParticipationRole,
    RelationKind,
)
from meetings.revisions import graph
from tests import factories as make
from tests.helpers import admin_url, change_form_data

MARK = "REVISED"
SEARCH_TERMS = ["seminar", "migrants", MARK]


def published_archive() -> SimpleNamespace:
    """Two published meetings: the later one follows up the earlier one's agreement and reports on its commitment."""
    make.clear_content()
    mex, gtm = make.country("MEX", "Mexico"), make.country("GTM", "Guatemala")
    iom = make.organisation("iom", "International Organization for Migration", "IOM")
    rcm = make.process("rcm", acronym="RCM")
    rights = make.topic("human-rights-of-migrants", "Human rights of migrants")
    earlier = make.meeting("VII Regional Conference on Migration", processes=(rcm,), attendees=(mex,))
    attendance = make.participation(earlier, iom, ParticipationRole.INVITED)
    communique = make.document(earlier, "Joint communiqué of the VII RCM", text="The seminar on migrants was held.")
    communique.file.save("communique.txt", ContentFile(b"The seminar on migrants was held.\n"), save=True)
    first = make.agreement(
        communique, "To organise a seminar on the human rights of migrants.", label="1", topics=(rights,)
    )
    first.countries.set([mex])
    seminar = make.action_item(earlier, "Organise a seminar in San Salvador", agreement=first, countries=(gtm,))
    later = make.meeting(
        "VIII Regional Conference on Migration", start=datetime.date(2003, 5, 20), processes=(rcm,), attendees=(gtm,)
    )
    report = make.document(later, "Joint communiqué of the VIII RCM")
    second = make.agreement(report, "To welcome the seminar on migrants held in San Salvador.", label="1")
    relation = AgreementRelation.objects.create(source=second, target=first, kind=RelationKind.FOLLOWS_UP)
    step = make_step(seminar, later)
    return SimpleNamespace(**locals())


def make_step(item: ActionItem, meeting: Meeting):
    from meetings import services

    return services.record_progress(item, ActionItemStatus.IN_PROGRESS, meeting=meeting, note="Seminar planned")


def public_urls() -> list[str]:
    urls = [reverse(f"meetings:{name}") for name in ("home", "meeting-list", "document-list", "agreement-list")]
    urls += [reverse("meetings:commitment-list")]
    urls += [f"{url}?format={fmt}" for url in urls[1:4] for fmt in ("csv", "json")]
    urls += [reverse("meetings:search") + f"?q={term}" for term in SEARCH_TERMS]
    for alpha3 in ("MEX", "GTM"):
        urls.append(reverse("meetings:country-detail", kwargs={"alpha3": alpha3}))
        for dataset in ("meetings", "agreements", "commitments"):
            urls.append(
                reverse("meetings:country-download", kwargs={"alpha3": alpha3, "dataset": dataset, "fmt": "csv"})
            )
    urls += [reverse("meetings:organisation-detail", args=["iom"]), reverse("meetings:process-detail", args=["rcm"])]
    urls.append(reverse("meetings:topic-detail", args=["human-rights-of-migrants"]))
    for model in (Meeting, Document, Agreement, ActionItem):
        urls += [record.get_absolute_url() for record in model.objects.public()]
    urls += [reverse("meetings:document-file", args=[d.slug]) for d in Document.objects.public() if d.file]
    return sorted(set(urls))


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def public_view() -> dict[str, tuple[int, bytes]]:
    """Every public page, download and search result of the archive, as an anonymous visitor receives it."""
    visitor = Client()
    return {url: (response.status_code, _body(response)) for url in public_urls() for response in [visitor.get(url)]}


def changed_pages(before: dict, after: dict) -> list[str]:
    return sorted(url for url in before.keys() | after.keys() if before.get(url) != after.get(url))


# --- an editor's writes through the admin, for any model --------------------------


def vary(form: forms.BaseForm, data: dict, model) -> dict:
    """The form's values changed the way staff would correct a record: texts amended, a choice changed.

    Slugs and orders get new values too, so that a copy saved as a new record
    does not clash with the one it was copied from.
    """
    data = dict(data)
    varied = False
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = data.get(key)
        if isinstance(field, forms.ModelChoiceField | forms.FileField | forms.BooleanField):
            continue
        if isinstance(field, forms.SlugField) and value:
            data[key] = f"{value}-{MARK.lower()}"
        elif isinstance(field, forms.IntegerField) and value and name == "order":
            data[key] = str(int(value) + 100)
        elif isinstance(field, forms.ChoiceField) and graph.is_dependant(model):
            others = [str(v) for v, _label in field.choices if v not in ("", None) and str(v) != value]
            if others:
                data[key] = others[0]
                varied = True
        elif type(field) is forms.CharField and value:
            data[key] = f"{value} {MARK}"
            varied = True
    assert varied, f"Nothing to vary on the {model.__name__} form: teach tests.revision_helpers.vary about it."
    return data


def change_through_admin(client, record):
    url = admin_url(type(record), "change", record.pk)
    page = client.get(url)
    data = vary(page.context["adminform"].form, change_form_data(page), type(record))
    return client.post(url, data)


def add_through_admin(client, like):
    """A new record like `like` (varied), from the model's add page."""
    model = type(like)
    original = client.get(admin_url(model, "change", like.pk))
    main = original.context["adminform"].form
    data = change_form_data(client.get(admin_url(model, "add")))  # the add page's inlines, empty
    data.update(vary(main, {k: v for k, v in change_form_data(original).items() if _in_form(main, k)}, model))
    return client.post(admin_url(model, "add"), data)


def _in_form(form, key: str) -> bool:
    return any(key == form.add_prefix(name) for name in form.fields)


def delete_through_admin(client, record):
    return client.post(admin_url(type(record), "delete", record.pk), {"post": "yes"})


def example_of(archive: SimpleNamespace, model):
    """The archive's live record of `model` (for a new kind of content, add one to `published_archive`)."""
    found = [value for value in vars(archive).values() if type(value) is model and value.pk]
    assert found, f"published_archive() has no {model.__name__}: add one, so that its revisions are tested."
    return found[0]
