"""Language versions of one document: offered from each other's page and read side by side, paired by label.

(The importer attaching a second language version to its meeting is tested in test_import_duplicates.py.)
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from meetings.versions import paired_agreements
from tests import factories as make
from tests.helpers import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions():
    make.clear_content()
    meeting = make.meeting("VII Regional Conference on Migration", start=datetime.date(2002, 5, 30))
    english = make.document(meeting, "Joint communiqué", language="en", slug="vii-en")
    spanish = make.document(meeting, "Comunicado conjunto", language="es", slug="vii-es", version_of=english)
    for label, text in (("9", "They agreed:"), ("9.1", "To invite IOM."), ("10", "To thank Guatemala.")):
        make.agreement(english, text, label=label)
    for label, text in (("9.", "Acordaron:"), ("9.1", "Invitar a la OIM."), ("11", "Agradecer a México.")):
        make.agreement(spanish, text, label=label)
    draft = make.document(meeting, "Communiqué (draft French)", language="fr", slug="vii-fr", version_of=english)
    draft.status = "draft"
    draft.save()
    return english, spanish


def test_each_version_offers_the_other_and_the_side_by_side_reading(versions):
    english, spanish = versions
    page = Page(Client().get(english.get_absolute_url()))
    assert spanish.get_absolute_url() in page.links
    side_by_side = reverse("meetings:document-side-by-side", args=[english.slug, spanish.slug])
    assert side_by_side in page.links
    assert english.get_absolute_url() in Page(Client().get(spanish.get_absolute_url())).links
    assert "vii-fr" not in page.html  # a draft version is not offered


def test_the_side_by_side_page_pairs_agreements_by_printed_label(versions):
    english, spanish = versions
    response = Client().get(reverse("meetings:document-side-by-side", args=[english.slug, spanish.slug]))
    assert response.status_code == 200
    rows = [
        (pair.label, pair.left and pair.left.text, pair.right and pair.right.text) for pair in response.context["pairs"]
    ]
    assert rows == [
        ("9", "They agreed:", "Acordaron:"),  # "9" and "9." are the same printed label
        ("9.1", "To invite IOM.", "Invitar a la OIM."),
        ("10", "To thank Guatemala.", None),
        ("11", None, "Agradecer a México."),
    ]
    page = Page(response)
    assert page.has("td", lang="en") and page.has("td", lang="es")


def test_documents_that_are_not_versions_of_each_other_have_no_side_by_side_page(versions):
    english, _ = versions
    other = make.document(english.meeting, "Report", language="es", slug="report")
    assert Client().get(reverse("meetings:document-side-by-side", args=[english.slug, other.slug])).status_code == 404
    assert Client().get(reverse("meetings:document-side-by-side", args=[english.slug, "vii-fr"])).status_code == 404


def test_unlabelled_agreements_pair_by_their_order():
    class A:
        def __init__(self, pk, label):
            self.pk, self.label = pk, label

    left, right = [A(1, ""), A(2, ""), A(3, "a)")], [A(4, ""), A(5, "a.")]
    assert [(p.left and p.left.pk, p.right and p.right.pk) for p in paired_agreements(left, right)] == [
        (1, 4),
        (2, None),
        (3, 5),
    ]
