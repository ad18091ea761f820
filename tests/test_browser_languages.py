"""A delegate switches a filtered agreements list to Spanish and back, in a real headless Chromium.

Uses the browser fixture of tests/test_browser.py (Debian's chromium through playwright).
"""

import datetime
import os

import pytest

from tests import factories as make
from tests.test_browser import browser  # noqa: F401 - the fixture

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def archive(transactional_db):
    make.clear_content()
    mexico, guatemala = make.country("MEX", "Mexico"), make.country("GTM", "Guatemala")
    mexico.name_es = "México"
    mexico.save()
    trafficking = make.topic("trafficking-in-persons", "Trafficking in persons")
    trafficking.name_es = "Trata de personas"
    trafficking.save()
    meeting = make.meeting(
        "VII Regional Conference on Migration", start=datetime.date(2002, 5, 30), attendees=(mexico, guatemala)
    )
    document = make.document(meeting, "Joint communiqué")
    wanted = make.agreement(document, "To invite IOM to prepare a plan of action.", topics=(trafficking,))
    make.agreement(document, "To thank the host country.")
    return wanted


def test_a_filtered_agreements_list_switches_to_spanish_and_back_keeping_filters_and_results(
    live_server,
    browser,  # noqa: F811
    archive,
):
    page = browser.new_page(locale="en-US")
    page.goto(f"{live_server.url}/en/agreements/?topic=trafficking-in-persons&q=plan")
    english_rows = page.locator("ol.results > li").all_inner_texts()
    assert len(english_rows) == 1 and "To invite IOM" in english_rows[0]

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/agreements/?topic=trafficking-in-persons&q=plan")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").first.inner_text() == "Acuerdos"
    assert page.locator("ol.results > li").all_inner_texts()[0].startswith(english_rows[0].split("\n")[0])
    assert page.locator("input[name=q]").first.input_value() == "plan"
    assert "Trata de personas" in page.content()

    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/agreements/?topic=trafficking-in-persons&q=plan")
    assert page.locator("h1").first.inner_text() == "Agreements"
    assert page.locator("ol.results > li").all_inner_texts() == english_rows
