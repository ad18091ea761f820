"""A researcher's path through the archive in a real headless Chromium.

Debian's chromium is driven by the playwright package (no browser download).
Without chromium the test fails under CI (CI=true) and is skipped elsewhere.
"""

import datetime
import os
import shutil
from pathlib import Path

import pytest

from meetings.models import ParticipationRole
from tests import factories as make

# playwright's sync API runs an event loop in this thread; the ORM calls made
# here (building the records) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

# live_server needs a transactional database, emptied after the test; the
# serialized rollback puts back what the migrations created (groups, ...).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _require_browser():
    missing = []
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        missing.append(f"chromium ({CHROMIUM})")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if missing:
        message = "Browser test needs " + " and ".join(missing)
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def archive(transactional_db):
    make.clear_content()
    guatemala, mexico = make.country("GTM", "Guatemala"), make.country("MEX", "Mexico")
    rcm = make.process("rcm", "Regional Conference on Migration", "RCM")
    trafficking, consular = make.topic("trafficking-in-persons"), make.topic("consular-protection")
    antigua = make.meeting(
        "VII Regional Conference on Migration",
        start=datetime.date(2002, 5, 30),
        end=datetime.date(2002, 5, 31),
        city="Antigua",
        host_country=guatemala,
        processes=(rcm,),
        attendees=(guatemala, mexico),
        slug="vii-rcm",
    )
    make.participation(antigua, guatemala, ParticipationRole.HOST)
    communique = make.document(antigua, "Joint communiqué of the VII RCM")
    make.agreement(
        communique,
        "To invite IOM to prepare a plan of action against migrant trafficking.",
        label="9.1",
        topics=(trafficking,),
    )
    make.agreement(communique, "To strengthen consular protection networks.", label="10", topics=(consular,))
    cancun = make.meeting(
        "VIII Regional Conference on Migration",
        start=datetime.date(2003, 5, 8),
        city="Cancún",
        host_country=mexico,
        processes=(rcm,),
        attendees=(mexico,),
    )
    make.agreement(
        make.document(cancun, "Joint communiqué of the VIII RCM"),
        "To continue the fight against trafficking in persons.",
        label="3",
        topics=(trafficking,),
    )


def test_a_researcher_narrows_agreements_by_country_and_topic_and_opens_the_meeting(live_server, browser, archive):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Records of intergovernmental meetings on migration"

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Agreements").click()
    page.wait_for_url("**/agreements/")
    assert "3 agreements" in page.locator("#results-heading").inner_text()

    # Narrow with the page's own labelled controls, as a keyboard or mouse user would.
    page.locator("form.filters").get_by_label("Country that took part", exact=True).select_option("GTM")
    page.locator("form.filters").get_by_label("Topic", exact=True).select_option("trafficking-in-persons")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/agreements/?country=GTM*")
    assert "topic=trafficking-in-persons" in page.url
    assert "process=" not in page.url  # empty choices stay out of the permalink
    assert page.locator("#results-heading").inner_text() == "1 agreement matches"
    results = page.locator("ol.results > li")
    assert results.count() == 1
    assert "To invite IOM to prepare a plan of action against migrant trafficking." in results.first.inner_text()
    assert page.locator("form.filters").get_by_label("Country that took part", exact=True).input_value() == "GTM"
    page.screenshot(path=str(ARTIFACTS / "agreements-filtered.png"), full_page=True)

    results.first.get_by_role("link", name="VII Regional Conference on Migration").click()
    page.wait_for_url("**/meetings/vii-rcm/")
    assert page.locator("h1").inner_text() == "VII Regional Conference on Migration"
    assert "30–31 May 2002" in page.locator("main").inner_text()
    page.screenshot(path=str(ARTIFACTS / "meeting-page.png"), full_page=True)
    assert (ARTIFACTS / "meeting-page.png").stat().st_size > 0


def test_a_delegate_searches_from_the_header_and_lands_on_the_agreement(live_server, browser, archive):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/meetings/")
    page.get_by_role("search", name="Search the archive").first.get_by_role("searchbox").fill("consular protection")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=consular+protection")
    assert page.locator("#results-heading").inner_text().startswith("1 result for")
    first = page.locator("ol.search-results > li").first
    assert first.locator(".type-label").inner_text().lower() == "agreement"
    assert first.locator("mark").first.inner_text().lower() == "consular"
    page.screenshot(path=str(ARTIFACTS / "search-results.png"), full_page=True)

    first.locator(".result__title a").click()
    page.wait_for_url("**/documents/**#agreement-*")
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()
    assert "To strengthen consular protection networks." in page.locator(f"#{anchor}").inner_text()
