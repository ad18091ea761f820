"""Search on the site: the /search/ page, `q` on the lists and their downloads, and the box on every page.

Visitors are anonymous. The `archive` fixture builds published records around
the made-up word "zorblax" (found nowhere else, so results do not depend on
the seeds or on stemming) and drafts that contain it too: no draft may show
in a result, a count or a download. What search finds in the seed records is
tested in test_search.py; here the pages are.
"""

import datetime
import json
import re
from types import SimpleNamespace

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from meetings import search
from meetings.models import ParticipationRole
from tests import factories as make
from tests.helpers import Page

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000

# What a person may type that leaves nothing to search, and the page's answer.
UNSEARCHABLE = [
    ("the of", "only very common words"),
    ("...!?", "punctuation alone cannot be searched"),
    ("-", "Type at least one word"),
    ('""', "Type at least one word"),
    ("%00", "Type at least one word"),
    ("%00%01%1b%7f", "Type at least one word"),
    ("-zorblax", "cannot consist only of excluded words"),
]


@pytest.fixture
def archive():
    make.clear_content()
    mexico, guatemala = make.country("MEX", "Mexico"), make.country("GTM", "Guatemala")
    rcm, sacm = make.process("rcm", acronym="RCM"), make.process("sacm", acronym="SACM")
    trafficking, consular = make.topic("trafficking-in-persons"), make.topic("consular-protection")
    antigua = make.meeting(
        "VII Regional Conference on Migration",
        start=datetime.date(2002, 5, 30),
        processes=(rcm,),
        attendees=(mexico,),
        slug="vii-rcm",
    )
    communique = make.document(
        antigua, "Joint communiqué of the VII RCM", slug="vii-communique", text="Preamble. " * 300 + "zorblax once."
    )
    strong = make.agreement(
        communique, "To fight zorblax, zorblax trafficking and zorblax networks.", label="9.1", topics=(trafficking,)
    )
    plain = make.agreement(communique, "To study zorblax & report if a < b.", label="10", topics=(consular,))
    make.agreement(communique, "To acknowledge the work of the Presidency.", label="11")  # no match
    follow_up = make.action_item(antigua, "The Presidency to report on zorblax", agreement=strong)
    montevideo = make.meeting(
        "Zorblax plenary",
        start=datetime.date(2018, 5, 8),
        processes=(sacm,),
        attendees=(guatemala,),
        slug="zorblax-plenary",
    )
    make.participation(montevideo, mexico, ParticipationRole.OBSERVER)
    summary = make.document(montevideo, "Summary of the plenary", slug="plenary-summary", text="On zorblax.")
    south = make.agreement(summary, "Zorblax in the south.", label="1", topics=(consular,), countries=(guatemala,))

    # Drafts, each containing the word: a draft meeting (with a published document), a draft
    # document (with a published agreement), a draft agreement and a draft action item.
    draft_meeting = make.meeting("Zorblax draft meeting", status=make.DRAFT, slug="draft-meeting", attendees=(mexico,))
    make.document(draft_meeting, "Zorblax paper of a draft meeting", slug="draft-meetings-paper")
    draft_document = make.document(antigua, "Zorblax draft document", slug="draft-document", status=make.DRAFT)
    make.agreement(draft_document, "Zorblax agreement in a draft document.", topics=(trafficking,))
    draft_agreement = make.agreement(communique, "Zorblax draft agreement.", status=make.DRAFT, topics=(consular,))
    make.action_item(antigua, "Zorblax draft follow-up", status=make.DRAFT)
    return SimpleNamespace(
        antigua=antigua,
        montevideo=montevideo,
        communique=communique,
        summary=summary,
        strong=strong,
        plain=plain,
        south=south,
        follow_up=follow_up,
        draft_agreement=draft_agreement,
    )


def html_of(response) -> str:
    return response.content.decode()


def result_links(html: str) -> list[str]:
    """The result titles' links, in the order shown."""
    return re.findall(r'<p class="result__title"><a href="([^"]+)"', html)


def facet(html: str, name: str) -> dict[str, int]:
    """A facet select's options: value → count."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.DOTALL)
    assert select, f"no {name} select"
    return {value: int(count) for value, count in re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)', select[0])}


# --------------------------------------------------------------------------
# The search page
# --------------------------------------------------------------------------


def test_the_search_page_lives_at_its_permanent_address():
    for language in ("en", "es"):
        with translation.override(language):
            assert reverse("meetings:search") == f"/{language}/search/"
            assert resolve(f"/{language}/search/").view_name == "meetings:search"


def test_results_are_ranked_labelled_by_type_highlighted_and_link_to_the_exact_place(client, archive):
    response = client.get("/search/?q=zorblax")
    assert response.status_code == 200
    html = html_of(response)
    expected = search.search("zorblax")
    assert expected.total == 7  # one meeting, two documents, three agreements, one action item; no draft
    # The page shows the hits in the search module's order (best first).
    assert result_links(html) == [hit.url for hit in expected.hits]
    assert "7 results for “zorblax”" in html
    # The agreement that is about the word outranks the long document that mentions it once.
    links = result_links(html)
    strong_url = f"{archive.communique.get_absolute_url()}#{archive.strong.anchor}"
    assert links.index(strong_url) < links.index(archive.communique.get_absolute_url())
    for label in ("Meeting", "Document", "Agreement", "Commitment"):
        assert f">{label}</span>" in html
    assert "<mark>zorblax</mark>" in html
    assert "<mark>Zorblax</mark>" in html
    # The snippet is the source text escaped, only <mark> is markup.
    assert "<mark>zorblax</mark> &amp; report" in html
    # An agreement: its anchor in the document, and its permanent address beside it.
    assert strong_url in Page(html).links
    assert Page(html).has("a", href=f"/en/agreements/{archive.strong.pk}/", class_="permalink-link")
    # An action item: its anchor on the meeting's page.
    assert f"/en/meetings/vii-rcm/#action-item-{archive.follow_up.pk}" in Page(html).links


def test_the_anchors_the_results_link_to_exist_on_the_target_pages(client, archive):
    document_page = html_of(client.get(archive.communique.get_absolute_url()))
    assert archive.strong.anchor in Page(document_page).ids
    assert archive.plain.anchor in Page(document_page).ids
    meeting_page = html_of(client.get(archive.antigua.get_absolute_url()))
    assert f"action-item-{archive.follow_up.pk}" in Page(meeting_page).ids


def test_query_syntax_reaches_the_page(client, archive):
    assert result_links(html_of(client.get('/search/?q="zorblax+networks"'))) == [
        f"{archive.communique.get_absolute_url()}#{archive.strong.anchor}"
    ]
    excluded = result_links(html_of(client.get("/search/?q=zorblax+-south+-plenary")))
    assert excluded and not any("plenary" in link for link in excluded)
    either = html_of(client.get("/search/?q=quuxify+OR+networks"))
    assert "1 result for" in either


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=agreement", {"strong", "plain", "south"}),
        ("country=gtm", {"south", "montevideo", "summary"}),
        ("process=sacm", {"south", "montevideo", "summary"}),
        ("topic=consular-protection", {"plain", "south", "montevideo", "communique", "summary"}),
        ("date_after=2010-01-01", {"south", "montevideo", "summary"}),
        ("date_before=2010-01-01", {"strong", "plain", "follow_up", "communique"}),
        ("date_before=2010-01-01&type=action_item", {"follow_up"}),
        ("country=MEX&type=agreement&date_after=2002-05-30&date_before=2002-05-30", {"strong", "plain"}),
    ],
)
def test_filters_narrow_the_results(client, archive, query, expected):
    response = client.get(f"/search/?q=zorblax&{query}")
    assert response.status_code == 200
    urls = {
        "strong": f"{archive.communique.get_absolute_url()}#{archive.strong.anchor}",
        "plain": f"{archive.communique.get_absolute_url()}#{archive.plain.anchor}",
        "south": f"{archive.summary.get_absolute_url()}#{archive.south.anchor}",
        "follow_up": f"{archive.antigua.get_absolute_url()}#action-item-{archive.follow_up.pk}",
        "antigua": archive.antigua.get_absolute_url(),
        "montevideo": archive.montevideo.get_absolute_url(),
        "communique": archive.communique.get_absolute_url(),
        "summary": archive.summary.get_absolute_url(),
    }
    assert set(result_links(html_of(response))) == {urls[name] for name in expected}


def test_facet_counts_describe_the_results_within_the_other_filters(client, archive):
    html = html_of(client.get("/search/?q=zorblax&country=GTM"))
    # Country ignores its own filter: Mexico took part in both meetings (observer in Montevideo).
    assert facet(html, "country") == {"GTM": 3, "MEX": 7}
    assert '<option value="GTM" selected>' in html
    # The other facets count within country=GTM.
    assert facet(html, "type") == {"meeting": 1, "document": 1, "agreement": 1}
    assert facet(html, "process") == {"sacm": 3}
    assert facet(html, "topic") == {"consular-protection": 3}
    # They agree with the search module's own counts.
    expected = search.facet_counts("zorblax", filters=search.SearchFilters(country="GTM"))
    assert facet(html, "country") == {option.value: option.count for option in expected["country"]}
    # Each active filter can be removed on its own, keeping the words.
    assert Page(html).has("a", href="?q=zorblax", aria_label="Remove filter Country that took part: Guatemala")


def test_a_selected_choice_that_leaves_nothing_stays_visible_with_zero(client, archive):
    html = html_of(client.get("/search/?q=zorblax&country=GTM&type=action_item"))
    assert facet(html, "type")["action_item"] == 0
    assert "Nothing matches “zorblax” with these filters." in html
    assert "search everything for these words" in [
        link.text for link in Page(html).elements("a", href="/en/search/?q=zorblax")
    ]


def test_results_are_paginated_and_a_page_past_the_end_says_how_many_there_are(client, archive):
    for number in range(25):
        make.agreement(archive.summary, f"Zorblax item {number}.", label=str(number + 2))
    first = html_of(client.get("/search/?q=zorblax"))
    assert "32 results for" in first
    assert len(result_links(first)) == 20
    assert "Page 1 of 2" in first
    second = html_of(client.get("/search/?q=zorblax&page=2"))
    assert len(result_links(second)) == 12
    assert not set(result_links(first)) & set(result_links(second))
    past = client.get("/search/?q=zorblax&page=3")
    assert past.status_code == 404
    assert "There is no page 3: these results fill 2 pages." in html_of(past)


def test_a_new_search_keeps_the_filters_and_the_filter_form_keeps_the_words(client, archive):
    html = html_of(client.get("/search/?q=zorblax&country=gtm&date_after=2001-01-01"))
    search_form = re.search(r'<form class="search-form".*?</form>', html, re.DOTALL)[0]
    assert '<input type="hidden" name="country" value="GTM">' in search_form
    assert '<input type="hidden" name="date_after" value="2001-01-01">' in search_form
    filter_form = re.search(r'<form class="filters".*?</form>', html, re.DOTALL)[0]
    assert '<input type="hidden" name="q" value="zorblax">' in filter_form


def test_without_words_the_page_says_how_to_search(client, archive):
    response = client.get("/search/")
    assert response.status_code == 200
    html = html_of(response)
    assert "Type a word or two above" in html
    assert "?q=%22consular%20protection%22" in Page(html).links
    assert "result__title" not in html


def test_a_search_that_finds_nothing_says_what_to_do_next(client, archive):
    html = html_of(client.get("/search/?q=quuxify"))
    assert "0 results for “quuxify”" in html
    assert "Try fewer words or another spelling" in html


# --------------------------------------------------------------------------
# Bad input on /search/
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "says"), UNSEARCHABLE)
def test_a_query_with_nothing_to_search_gets_the_parsers_message(client, archive, query, says):
    response = client.get(f"/search/?q={query}")
    assert response.status_code == 200
    html = html_of(response)
    assert says in html
    assert "result__title" not in html


@pytest.mark.parametrize(
    "query", ['"zorblax', 'zorblax"', '"zorblax networks', "zorblax%00", "%07zorblax%00networks%1b"]
)
def test_unbalanced_quotes_and_control_characters_still_search(client, archive, query):
    response = client.get(f"/search/?q={query}")
    assert response.status_code == 200
    html = html_of(response)
    assert "<mark>" in html
    assert "\x00" not in html


def test_a_ten_thousand_character_query_is_cut_and_says_so(client, archive):
    response = client.get("/search/?q=" + "zorblax " * 1250)
    assert response.status_code == 200
    html = html_of(response)
    assert "Your search was very long" in html
    assert "<mark>zorblax</mark>" in html
    assert len(html) < 100_000  # the query is not echoed ten thousand characters long
    response = client.get("/search/?q=" + LONG)
    assert response.status_code == 200
    assert "Your search was very long" in html_of(response)


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("q=zorblax&country=XXX", 400, "There is no country with that code"),
        ("q=zorblax&country=" + LONG, 400, "There is no country with that code"),
        ("q=zorblax&topic=%00", 400, "There is no topic with that name"),
        ("q=zorblax&process=nope", 400, "There is no process with that name"),
        ("q=zorblax&date_after=2002-02-30", 400, "Enter a real date as YYYY-MM-DD"),
        ("q=zorblax&date_after=2010-01-01&date_before=2002-01-01", 400, "“From” is later than “to”"),
        ("q=zorblax&type=minutes", 400, "Search for type=meeting, document, agreement or action_item"),
        ("q=zorblax&type=" + LONG, 400, "Search for type=meeting"),
        ("q=zorblax&page=abc", 400, "The page must be a whole number"),
        ("q=zorblax&page=-1", 400, "Pages are numbered from 1."),
        ("q=zorblax&page=" + "9" * 30, 400, "Results stop at page"),
        ("q=zorblax&page=99", 404, "There is no page 99: these results fill 1 page."),
        ("q=zorblax&q=plenary", 400, "“q” was given more than once"),
        ("q=zorblax&year=2002&year=2018", 400, "“year” was given more than once"),
        ("q=zorblax&type=agreement&type=minutes", 400, "Search for type=meeting"),
    ],
)
def test_bad_filters_on_the_search_page_say_what_was_wrong(client, archive, query, status, says):
    response = client.get(f"/search/?{query}")
    assert response.status_code == status
    html = html_of(response)
    assert says in html
    assert "result__title" not in html
    assert LONG not in html


def test_a_page_beyond_the_deepest_offset_is_refused_rather_than_repeated(client, archive):
    response = client.get("/search/?q=zorblax&page=502")
    assert response.status_code == 400
    assert "Results stop at page 501" in html_of(response)


def test_only_safe_methods_are_allowed(client, archive):
    assert client.post("/search/?q=zorblax").status_code == 405


# --------------------------------------------------------------------------
# Drafts
# --------------------------------------------------------------------------


def test_drafts_never_appear_in_results_counts_or_facets(client, archive):
    html = html_of(client.get("/search/?q=zorblax&page=1"))
    assert "draft" not in html.lower().replace("data-clean-query", "")
    assert "7 results for" in html
    assert sum(facet(html, "type").values()) == 7
    # Consular: two agreements, the meeting and the two documents that hold them; the draft agreement on
    # consular protection in the communiqué adds nothing. Trafficking: the agreement, its document, its action item.
    assert facet(html, "topic") == {"consular-protection": 5, "trafficking-in-persons": 3}
    for query in ("draft", "paper"):
        assert "0 results for" in html_of(client.get(f"/search/?q=zorblax+{query}"))


@pytest.mark.parametrize("path", ["/meetings/", "/documents/", "/agreements/"])
def test_drafts_never_pass_q_on_the_lists_or_their_downloads(client, archive, path):
    html = html_of(client.get(f"{path}?q=draft"))
    assert f"0 {path.strip('/')} match" in html
    assert "draft" not in html_of(client.get(f"{path}?q=zorblax")).lower().replace("data-clean-query", "")
    body = json.loads(client.get(f"{path}?q=zorblax&format=json").content)
    assert not any("draft" in json.dumps(row).lower() for row in body["results"])
    csv_text = b"".join(client.get(f"{path}?q=zorblax&format=csv").streaming_content).decode()
    assert "draft" not in csv_text.lower()


# --------------------------------------------------------------------------
# q on the lists
# --------------------------------------------------------------------------


def agreement_rows(html: str) -> list[str]:
    return re.findall(r'<span class="label">([^<]+)</span>', html.split('id="results-heading"')[1])


def test_q_narrows_the_agreement_list_and_ranks_by_relevance(client, archive):
    response = client.get("/agreements/?q=zorblax")
    assert response.status_code == 200
    html = html_of(response)
    assert "3 agreements match" in html
    # Best match first by default, as the search page ranks them.
    best = search.search("zorblax", types=["agreement"]).hits[0].object.label
    assert agreement_rows(html)[0] == best
    assert set(agreement_rows(html)) == {"9.1", "10", "1"}
    assert "Best match" in [option.text for option in Page(html).elements("option", value="")]
    assert Page(html).has("input", name="q", value="zorblax")  # the words stay in the form's text box
    assert "Words: <strong>zorblax</strong>" in html


@pytest.mark.parametrize(
    ("sort", "order"),
    [("sort=date", ["9.1", "10", "1"]), ("sort=-date", ["1", "9.1", "10"])],
)
def test_date_sorting_stays_available_with_q(client, archive, sort, order):
    assert agreement_rows(html_of(client.get(f"/agreements/?q=zorblax&{sort}"))) == order


def test_sort_relevance_is_accepted_with_or_without_q(client, archive):
    assert client.get("/agreements/?q=zorblax&sort=relevance").status_code == 200
    assert client.get("/agreements/?sort=relevance").status_code == 200


def test_q_combines_with_the_other_filters_and_the_facets_respect_it(client, archive):
    html = html_of(client.get("/agreements/?q=zorblax&topic=consular-protection"))
    assert set(agreement_rows(html)) == {"10", "1"}
    # Topic ignores its own filter but not q: only the three matching agreements are counted.
    assert facet(html, "topic") == {"consular-protection": 2, "trafficking-in-persons": 1}
    assert facet(html, "country") == {"MEX": 2, "GTM": 1}
    assert facet(html, "year") == {"2002": 1, "2018": 1}


@pytest.mark.parametrize(
    ("path", "q", "expected"),
    [
        ("/meetings/", "zorblax", {"zorblax-plenary"}),
        ("/meetings/", "conference", {"vii-rcm"}),
        ("/documents/", "zorblax", {"vii-communique", "plenary-summary"}),
        ("/documents/", "preamble", {"vii-communique"}),
        ("/agreements/", "zorblax", None),
    ],
)
def test_downloads_respect_q(client, archive, path, q, expected):
    body = json.loads(client.get(f"{path}?q={q}&format=json").content)
    csv_text = b"".join(client.get(f"{path}?q={q}&format=csv").streaming_content).decode()
    if expected is None:  # agreements: by id
        expected = {str(archive.strong.pk), str(archive.plain.pk), str(archive.south.pk)}
        found = {str(row["id"]) for row in body["results"]}
        csv_keys = {line.split(",")[0] for line in csv_text.splitlines()[1:]}
    else:
        found = {row["slug"] for row in body["results"]}
        csv_keys = {slug for slug in expected if slug in csv_text}
    assert found == expected
    assert body["count"] == len(expected)
    assert csv_keys == expected
    assert len(csv_text.strip().splitlines()) == len(expected) + 1


@pytest.mark.parametrize("path", ["/meetings/", "/documents/", "/agreements/"])
@pytest.mark.parametrize(("query", "says"), UNSEARCHABLE)
def test_a_q_with_nothing_to_search_is_a_form_error_on_the_lists(client, archive, path, query, says):
    response = client.get(f"{path}?q={query}")
    assert response.status_code == 400
    html = html_of(response)
    assert says in html
    assert "No results until the filters are corrected" in html
    download = client.get(f"{path}?q={query}&format=csv")
    assert download.status_code == 400  # nothing is downloaded rather than everything


@pytest.mark.parametrize("path", ["/meetings/", "/documents/", "/agreements/"])
@pytest.mark.parametrize("query", ['"zorblax', "zorblax%00", "zorblax " * 1250, LONG, "%00zorblax%1f", "", "+++"])
def test_other_odd_q_values_on_the_lists_give_a_page_not_an_error(client, archive, path, query):
    response = client.get(f"{path}?q={query}")
    assert response.status_code in (200, 400)
    html = html_of(response)
    assert LONG not in html
    assert "\x00" not in html
    if response.status_code == 400:
        assert "Words:" in html


def test_a_blank_q_is_no_filter(client, archive):
    assert html_of(client.get("/agreements/?q=")).count('<li class="result">') == 4


# --------------------------------------------------------------------------
# The search box on every page
# --------------------------------------------------------------------------


def public_pages(archive) -> list[str]:
    return [
        "/",
        "/search/",
        "/search/?q=zorblax",
        "/meetings/",
        "/documents/",
        "/agreements/",
        archive.antigua.get_absolute_url(),
        archive.communique.get_absolute_url(),
        archive.strong.get_absolute_url(),
        "/countries/MEX/",
        "/topics/consular-protection/",
        "/processes/rcm/",
        "/no-such-page/",
        "/agreements/?country=XXX",
    ]


def test_the_search_box_is_on_every_public_page(client, archive):
    box = '<form class="site-search" method="get" action="/en/search/" role="search" aria-label="Search the archive">'
    for path in public_pages(archive):
        html = html_of(client.get(path))
        assert box in html, path
        assert '<label for="site-search-q" class="visually-hidden">' in html, path
        assert '<input type="search" id="site-search-q" name="q"' in html, path


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/search/?q=zorblax+networks", "zorblax networks"),
        ("/agreements/?q=zorblax", "zorblax"),
        ("/search/?q=zor%00blax", "zor blax"),
        ("/agreements/?q=the+of", "the of"),
        ("/meetings/", ""),
        ("/", ""),
    ],
)
def test_the_search_box_keeps_the_current_words(client, archive, path, value):
    html = html_of(client.get(path))
    assert Page(html).has("input", id="site-search-q", name="q", value=value)


# --------------------------------------------------------------------------
# The seed records, through the page
# --------------------------------------------------------------------------


@pytest.mark.usefixtures("seeded_db")
def test_consular_protection_on_the_seeds_leads_with_the_vii_rcm_agreements(client):
    html = html_of(client.get("/search/?q=consular+protection"))
    links = result_links(html)
    assert links[0].startswith("/en/documents/vii-rcm-2002-joint-communique/#agreement-")
    assert "Agreement</span>" in html and "<mark>" in html


# --------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------


def build(rows: int) -> None:
    """`rows` meetings whose meeting, document, agreements and action item all match "quillon"."""
    make.clear_content()
    mexico = make.country("MEX", "Mexico")
    rcm = make.process("rcm", acronym="RCM")
    consular = make.topic("consular-protection")
    for number in range(rows):
        meeting = make.meeting(
            f"Quillon meeting {number}",
            start=datetime.date(1990 + number % 30, 1 + number % 12, 1),
            processes=(rcm,),
            attendees=(mexico,),
            host_country=mexico,
        )
        document = make.document(meeting, f"Quillon communiqué {number}", text="On the quillon.")
        first = make.agreement(document, "To study the quillon.", label="1", topics=(consular,), countries=(mexico,))
        make.action_item(meeting, "Report on the quillon", agreement=first, countries=(mexico,))


SEARCH_LIMITS = {
    # the page of hits + the counts per type + loading the hits (one query per type on the page, at most
    # four) + five facets (type, process, country, concerned, topic). Measured: 8 on these records.
    "/search/?q=quillon": 11,
    # + country, topic and process validated (measured: 11 or 12, as the page holds one or two types)
    "/search/?q=quillon&country=mex&topic=consular-protection&process=rcm&page=2": 14,
    "/search/?q=quillon&country=mex&country=arg&concerned=MEX&type=agreement&type=meeting": 13,
    # one type: page + counts + its hits + five facets
    "/search/?q=quillon&type=agreement&date_after=1991-01-01&date_before=2030-01-01": 8,
    # nothing to search: no query at all
    "/search/?q=the+of": 0,
    # the lists' own limits (test_query_counts.py) hold with q too
    "/agreements/?q=quillon": 11,
    "/meetings/?q=quillon&sort=date": 9,
    "/documents/?q=quillon&format=csv": 1,
}


@pytest.mark.parametrize("rows", [25, 100])
def test_search_runs_a_fixed_number_of_queries_whatever_the_number_of_results(
    client, django_assert_max_num_queries, rows
):
    """Loading each hit's meeting, host country or document is done per type, not per hit (no N+1)."""
    build(rows)
    assert search.search("quillon").total == rows * 4
    for path, limit in SEARCH_LIMITS.items():
        with django_assert_max_num_queries(limit, info=path):
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, path
