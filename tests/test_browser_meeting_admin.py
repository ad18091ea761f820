"""The meeting's admin page in a real headless Chromium at 1366 px, under the site's Content-Security-Policy.

Debian's chromium driven by playwright, as in tests/test_browser.py (whose
fixtures this module shares).
"""

import datetime

import pytest

from meetings.models import ParticipationRole
from tests import factories as make
from tests.test_browser import ARTIFACTS, browser  # noqa: F401 - the shared fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery"

#: The elements that reach furthest right, with their widths.
WIDEST = """
[...document.querySelectorAll("body *")]
  .map((e) => [e.getBoundingClientRect().right, e.tagName + "#" + e.id + "." + e.className, e.offsetWidth])
  .sort((a, b) => b[0] - a[0]).slice(0, 25).map(String).join("\\n")
"""


@pytest.fixture
def meeting_outcome(transactional_db, django_user_model):
    """A meeting as imported from a long communiqué: two documents, 60 agreements, 20 commitments."""
    make.clear_content()
    django_user_model.objects.create_superuser("staff", "staff@example.org", PASSWORD)
    guatemala, mexico = make.country("GTM", "Guatemala"), make.country("MEX", "Mexico")
    iom = make.organisation("iom", "International Organization for Migration", "IOM")
    trafficking = make.topic("trafficking-in-persons")
    meeting = make.meeting(
        "VII Regional Conference on Migration",
        start=datetime.date(2002, 5, 30),
        end=datetime.date(2002, 5, 31),
        city="Antigua",
        host_country=guatemala,
        processes=(make.process("rcm", "Regional Conference on Migration", "RCM"),),
        attendees=(guatemala, mexico),
        slug="vii-rcm",
    )
    make.participation(meeting, iom, ParticipationRole.INVITED)
    documents = [make.document(meeting, "Joint communiqué of the VII RCM"), make.document(meeting, "Report", order=2)]
    for number in range(60):
        agreement = make.agreement(
            documents[number % 2],
            "To request that the Technical Secretariat, with the support of IOM, prepare a regional plan of "
            f"action against trafficking in persons and migrant smuggling, item {number}.",
            label=f"{number // 10 + 1}.{number % 10 + 1}",
            section_heading="SUBSTANTIVE MATTERS",
            topics=(trafficking,),
            countries=(mexico,),
        )
        if number % 3 == 0:
            make.action_item(
                meeting,
                f"Prepare and circulate the regional plan of action, part {number}, within 30 days.",
                agreement=agreement,
                countries=(mexico, guatemala),
                due_text="within a period of 30 days",
            )
    return meeting


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_the_meeting_page_fits_1366_px_and_its_commitments_start_collapsed(live_server, browser, meeting_outcome):  # noqa: F811
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/meetings/meeting/{meeting_outcome.pk}/change/")
    page.wait_for_load_state("networkidle")

    # Every agreement of both documents is on the page, and nothing makes it scroll sideways.
    assert page.locator("#documents-group textarea[name$='-text']:visible").count() == 60
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "meeting-admin-1366.png"), full_page=False)
    page.locator("#documents-0").screenshot(path=str(ARTIFACTS / "meeting-admin-agreements-1366.png"))
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width > viewport:  # name the widest elements, for the failure message
        print(page.evaluate(WIDEST))
    assert width <= viewport

    # Commitments show their description; their fields wait behind a closed disclosure.
    commitments = page.locator("#action_items-group .djn-inline-form:not(.djn-empty-form)")
    assert commitments.count() == 20
    first = commitments.first
    assert "Prepare and circulate the regional plan of action, part 0" in first.inner_text()
    assert not first.locator("textarea[name$='-description']").is_visible()
    first.locator("summary").click()
    assert first.locator("textarea[name$='-description']").is_visible()
    first.screenshot(path=str(ARTIFACTS / "meeting-admin-commitment-1366.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport

    # A commitment added on the page opens ready to fill in.
    page.locator("#action_items-group .djn-add-handler").last.click()
    added = page.locator("#action_items-group .djn-inline-form:not(.djn-empty-form)").nth(20)
    assert added.locator("textarea[name$='-description']").is_visible()
    assert refused == []
