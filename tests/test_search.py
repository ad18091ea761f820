"""Search: what it finds in the seed records, what it never shows, and what it does with bad input.

Seed-based tests read the five seed meetings (`seeded_db`); the others build
their own records around made-up words ("zorblax", "quintessa") that appear
nowhere else, so they do not depend on the seeds. Tests marked `postgres`
check what only PostgreSQL's full-text search does (stemming, the GIN index,
the triggers); CI runs the suite on both databases, so they do run there.
"""

import datetime
import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings import search as search_module
from meetings.models import ActionItem, Agreement, Document, Meeting, PublicationStatus
from meetings.search import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    ResultType,
    SearchFilters,
    Term,
    facet_counts,
    filter_queryset,
    parse_query,
    search,
)

PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search only")


def make_meeting(slug, status=PUBLISHED, title=None, summary="", start=datetime.date(2020, 3, 1)):
    return Meeting.objects.create(
        title=title or f"Meeting {slug}",
        slug=slug,
        start_date=start,
        end_date=start,
        summary=summary,
        status=status,
    )


def make_document(meeting, slug, status=PUBLISHED, text="", language="en"):
    return Document.objects.create(
        meeting=meeting, title=f"Document {slug}", slug=slug, text=text, language=language, status=status
    )


def make_agreement(document, order, text, status=PUBLISHED, label="", heading=""):
    return Agreement.objects.create(
        document=document, order=order, text=text, status=status, label=label, section_heading=heading
    )


def hit_set(results, result_type=ResultType.AGREEMENT):
    return {hit.object.pk for hit in results if hit.type == result_type}


@pytest.fixture
def invented():
    """A published meeting and document whose agreements use words found nowhere else."""
    meeting = make_meeting("invented-2020")
    document = make_document(meeting, "invented-2020-communique")
    texts = [
        "To welcome the zorblax quintessa initiative.",  # the phrase, in order
        "To note the quintessa of the zorblax network.",  # both words, not as the phrase
        "To support zorblax training.",  # one word only
        "To study florp migration.",  # the other alternative for OR
    ]
    agreements = [make_agreement(document, order, text, label=str(order)) for order, text in enumerate(texts, 1)]
    return meeting, document, agreements


# --------------------------------------------------------------------------
# The seed records
# --------------------------------------------------------------------------


@pytest.mark.usefixtures("seeded_db")
@pytest.mark.django_db
class TestSeedRecords:
    def test_consular_protection_finds_the_vii_rcm_agreements_on_consular_protection(self):
        results = search("consular protection", types=["agreement"], limit=50)
        vii_rcm = {hit.object.label for hit in results if hit.meeting.slug == "vii-rcm-2002"}
        assert {"3", "11", "11.1"} <= vii_rcm

    def test_the_vii_rcm_agreements_lead_the_results_and_link_to_their_anchor(self):
        results = search("consular protection", limit=50)
        top = results.hits[:4]
        assert {hit.object.label for hit in top if hit.type == ResultType.AGREEMENT} >= {"3", "11", "11.1"}
        agreement = next(hit for hit in results if hit.type == ResultType.AGREEMENT and hit.object.label == "11.1")
        assert agreement.url == f"/en/documents/vii-rcm-2002-joint-communique/#agreement-{agreement.object.pk}"
        assert agreement.permalink == f"/en/agreements/{agreement.object.pk}/"
        assert agreement.type_label == "Agreement"

    def test_climate_change_finds_the_2017_forums_thematic_area_and_the_2018_plenary(self):
        results = search("climate change", limit=50)
        thematic = [
            hit
            for hit in results
            if hit.type == ResultType.AGREEMENT
            and hit.meeting.slug == "high-level-forum-irregular-migration-2017"
            and hit.object.section_heading.startswith("Topic III")
        ]
        assert thematic, "the forum's thematic area on climate change"
        assert any(hit.meeting.slug == "rcm-sacm-plenary-2018" for hit in results)

    def test_trafficking_finds_the_agreements_that_say_trafficking_in_persons(self):
        expected = set(
            Agreement.objects.public().filter(text__icontains="trafficking in persons").values_list("pk", flat=True)
        )
        assert len(expected) >= 3
        assert expected <= hit_set(search("trafficking", limit=100))

    @on_postgres
    def test_stemming_matches_trafficked_to_trafficking(self):
        trafficked = hit_set(search("trafficked", limit=100))
        assert trafficked == hit_set(search("trafficking", limit=100))
        assert Agreement.objects.get(text__startswith="Changing the name of this Network").pk in trafficked

    @on_postgres
    def test_a_phrase_query_matches_only_the_exact_phrase(self):
        phrase = hit_set(search('"migrant smuggling"', limit=100))
        words = hit_set(search("migrant smuggling", limit=100))
        # "the smuggling of migrants" has both words, but not as the phrase.
        assert phrase < words
        for agreement in Agreement.objects.filter(pk__in=phrase):
            assert re.search(r"\bmigrants? smuggl", agreement.text, re.IGNORECASE), agreement.text
        for agreement in Agreement.objects.filter(pk__in=words - phrase):
            assert not re.search(r"\bmigrants? smuggl", agreement.text, re.IGNORECASE), agreement.text

    def test_searching_runs_a_fixed_small_number_of_queries(self, django_assert_max_num_queries):
        """One query for the page, one for the counts, one per type of record on the page: no N+1."""
        with django_assert_max_num_queries(6):
            results = search("migration", limit=20)
            rendered = [(hit.url, hit.title, hit.meeting.title, hit.snippet) for hit in results]
        assert len(rendered) == 20
        assert results.total > 20

    def test_pages_do_not_overlap_and_add_up(self):
        first = search("migration", limit=10)
        second = search("migration", limit=10, offset=10)
        assert first.total == second.total
        keys = {(hit.type, hit.object.pk) for hit in first} | {(hit.type, hit.object.pk) for hit in second}
        assert len(keys) == 20
        assert all(a.rank >= b.rank for a, b in zip(first.hits, first.hits[1:], strict=False))

    def test_counts_per_type_add_up_to_the_total(self):
        results = search("trafficking", limit=5)
        assert sum(results.counts.values()) == results.total
        assert results.counts["agreement"] >= 3

    def test_types_narrow_the_results(self):
        results = search("trafficking", types=["action_item"], limit=50)
        assert results.hits
        assert {hit.type for hit in results} == {ResultType.ACTION_ITEM}
        assert all(hit.url.startswith(hit.object.meeting.get_absolute_url() + "#action-item-") for hit in results)

    def test_filters_combine_with_the_query(self):
        sacm = search("trafficking", filters=SearchFilters(process="sacm"), limit=50)
        assert sacm.hits
        assert {hit.meeting.slug for hit in sacm} == {"rcm-sacm-plenary-2018"}

        early = search("trafficking", filters=SearchFilters(date_before=datetime.date(2010, 1, 1)), limit=50)
        assert early.hits
        assert all(hit.meeting.start_date.year < 2010 for hit in early)

        in_2002 = search("trafficking", filters=SearchFilters.from_cleaned_data({"year": 2002, "sort": "-date"}))
        assert in_2002.hits
        assert {hit.meeting.slug for hit in in_2002} == {"vii-rcm-2002"}

        # Argentina was an observer at the VII RCM: its agreements count for Argentina.
        argentina = search("consular protection", types="agreement", filters=SearchFilters(country="arg"))
        assert {"3", "11", "11.1"} <= {hit.object.label for hit in argentina}

        topic = search("network", types=["agreement"], filters=SearchFilters(topic="consular-protection"), limit=50)
        assert topic.hits
        assert all(hit.object.topics.filter(slug="consular-protection").exists() for hit in topic)

    def test_facet_counts_match_the_filtered_searches(self, django_assert_max_num_queries):
        with django_assert_max_num_queries(5):  # one per facet
            facets = facet_counts("trafficking")
        by_type = {option.value: option.count for option in facets["type"]}
        assert by_type == {t: n for t, n in search("trafficking").counts.items() if n}
        for option in facets["process"]:
            assert option.count == search("trafficking", filters=SearchFilters(process=option.value)).total
        for option in facets["country"][:5] + facets["country"][-3:]:
            assert option.count == search("trafficking", filters=SearchFilters(country=option.value)).total
        for option in facets["topic"][:5]:
            assert option.count == search("trafficking", filters=SearchFilters(topic=option.value)).total
        for option in facets["concerned"][:5] + facets["concerned"][-3:]:
            assert option.count == search("trafficking", filters=SearchFilters(concerned=option.value)).total

    def test_a_facet_ignores_its_own_filter_but_not_the_others(self):
        facets = facet_counts("trafficking", filters=SearchFilters(process="sacm"))
        assert {option.value for option in facets["process"]} >= {"rcm", "sacm"}
        for option in facets["topic"][:3]:
            assert (
                option.count == search("trafficking", filters=SearchFilters(process="sacm", topic=option.value)).total
            )

    def test_list_pages_can_filter_their_querysets_by_q(self):
        agreements = filter_queryset(Agreement.objects.order_by("pk"), "consular protection", order_by_rank=True)
        labels = [agreement.label for agreement in agreements if agreement.document.meeting.slug == "vii-rcm-2002"]
        assert {"3", "11", "11.1"} <= set(labels)
        assert all(hasattr(agreement, "search_rank") for agreement in agreements)
        ranks = [agreement.search_rank for agreement in agreements]
        assert ranks == sorted(ranks, reverse=True)
        assert filter_queryset(Meeting.objects.all(), "trafficking").filter(slug="vii-rcm-2002").exists()
        assert filter_queryset(Document.objects.all(), "CONFFERENCE").count() == 1

    def test_a_blank_q_leaves_the_list_alone_and_an_unsearchable_one_empties_it(self):
        documents = Document.objects.public()
        assert filter_queryset(documents, "  ").count() == documents.count()
        assert filter_queryset(documents, "the of").count() == 0


# --------------------------------------------------------------------------
# Query syntax, on records made for the purpose
# --------------------------------------------------------------------------


@pytest.mark.django_db
class TestQuerySyntax:
    def test_all_words_must_match(self, invented):
        _, _, (phrase, both, one, _florp) = invented
        assert hit_set(search("zorblax quintessa")) == {phrase.pk, both.pk}
        assert hit_set(search("zorblax")) == {phrase.pk, both.pk, one.pk}

    def test_a_quoted_phrase_matches_the_words_together_and_in_order(self, invented):
        _, _, (phrase, *_rest) = invented
        assert hit_set(search('"zorblax quintessa"')) == {phrase.pk}
        assert hit_set(search('"quintessa zorblax"')) == set()

    def test_or_accepts_either_word(self, invented):
        _, _, (phrase, both, one, florp) = invented
        assert hit_set(search("quintessa OR florp")) == {phrase.pk, both.pk, florp.pk}
        # OR binds the two terms around it; the other words are still required.
        assert hit_set(search("training zorblax OR florp")) == {one.pk}

    def test_a_minus_excludes_a_word_or_a_phrase(self, invented):
        _, _, (phrase, both, one, _florp) = invented
        assert hit_set(search("zorblax -quintessa")) == {one.pk}
        assert hit_set(search('zorblax -"zorblax quintessa"')) == {both.pk, one.pk}

    def test_the_parser_reads_phrases_or_and_exclusions(self):
        parsed = parse_query('consular OR "trafficking in persons" protection -smuggling -"migrant children"')
        assert parsed.groups == (
            (Term("consular"), Term("trafficking in persons", phrase=True)),
            (Term("protection"),),
        )
        assert parsed.excluded == (Term("smuggling"), Term("migrant children", phrase=True))
        assert parsed.websearch() == 'consular OR "trafficking in persons" protection'
        assert parsed.message == ""

    def test_lower_case_or_is_an_ordinary_common_word(self):
        assert parse_query("consular or protection").groups == ((Term("consular"),), (Term("protection"),))

    def test_a_parsed_query_can_be_passed_on_and_keeps_its_truncation(self, invented):
        """A form field parses once; search() and filter_queryset() take its result as it is."""
        parsed = parse_query("zorblax " + "x" * (MAX_QUERY_LENGTH * 2))
        assert parse_query(parsed) is parsed
        assert parsed.truncated
        assert str(parsed) == parsed.text
        assert search(parsed).truncated
        assert hit_set(search(parse_query("zorblax"))) == hit_set(search("zorblax"))


# --------------------------------------------------------------------------
# Only published records
# --------------------------------------------------------------------------


@pytest.mark.django_db
class TestOnlyPublishedRecords:
    """Each record below contains "vorpalword" and is hidden by its own status or by a parent's."""

    @pytest.fixture
    def drafts(self):
        draft_meeting = make_meeting("draft-meeting", status=DRAFT, summary="A vorpalword meeting.")
        make_document(draft_meeting, "doc-of-draft-meeting", text="vorpalword")  # published, but its meeting is not
        meeting = make_meeting("public-meeting")
        draft_document = make_document(meeting, "draft-document", status=DRAFT, text="The vorpalword report.")
        make_agreement(draft_document, 1, "vorpalword in a draft document")  # published agreement, draft document
        document = make_document(meeting, "public-document")
        draft_agreement = make_agreement(document, 1, "To adopt the vorpalword plan.", status=DRAFT)
        ActionItem.objects.create(meeting=meeting, order=1, description="vorpalword follow-up", status=DRAFT)
        # A published item tied to a draft agreement stays hidden with it.
        ActionItem.objects.create(meeting=meeting, order=2, description="vorpalword task", agreement=draft_agreement)
        ActionItem.objects.filter(order=2, meeting=meeting).update(status=PUBLISHED)
        make_agreement(document, 2, "A public agreement on something else.")

    def test_drafts_never_appear_in_results(self, drafts):
        results = search("vorpalword")
        assert results.total == 0
        assert results.hits == []
        assert results.message

    def test_drafts_never_count_in_facets(self, drafts):
        facets = facet_counts("vorpalword")
        assert all(options == [] for options in facets.values())

    def test_drafts_never_pass_a_list_filter(self, drafts):
        for model in (Meeting, Document, Agreement, ActionItem):
            assert filter_queryset(model.objects.all(), "vorpalword").count() == 0

    def test_the_same_records_are_found_once_published(self, drafts):
        Meeting.objects.update(status=PUBLISHED)
        Document.objects.update(status=PUBLISHED)
        Agreement.objects.update(status=PUBLISHED)
        ActionItem.objects.update(status=PUBLISHED)
        counts = search("vorpalword").counts
        assert counts == {"meeting": 1, "document": 2, "agreement": 2, "action_item": 2}


# --------------------------------------------------------------------------
# Snippets
# --------------------------------------------------------------------------


@pytest.mark.django_db
class TestSnippets:
    def test_matched_words_are_highlighted_and_the_source_text_is_escaped(self):
        meeting = make_meeting("snippet-meeting")
        document = make_document(meeting, "snippet-document")
        make_agreement(document, 1, 'The zorblax rule: 3 < 5 & 7 > 2, <script>alert("x")</script> <b>quintessa</b>.')
        (hit,) = search("zorblax quintessa").hits
        assert "<mark>zorblax</mark>" in hit.snippet
        assert "<mark>quintessa</mark>" in hit.snippet
        assert "3 &lt; 5 &amp; 7 &gt; 2" in hit.snippet
        # PostgreSQL's ts_headline drops what looks like a tag; the fallback escapes it. Either way no markup gets in.
        assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")

    def test_a_long_document_gives_a_short_snippet_around_the_match(self):
        meeting = make_meeting("long-meeting")
        filler = "The delegations discussed regional cooperation at length. " * 400
        make_document(meeting, "long-document", text=f"{filler}They agreed on the zorblax plan. {filler}")
        (hit,) = search("zorblax").hits
        assert hit.type == ResultType.DOCUMENT
        assert "<mark>zorblax</mark>" in hit.snippet
        assert len(hit.snippet) < 600

    def test_the_marker_characters_in_a_source_text_do_not_inject_markup(self):
        meeting = make_meeting("marker-meeting")
        document = make_document(meeting, "marker-document")
        make_agreement(document, 1, "zorblax \ue000<i>oops\ue001 text")
        (hit,) = search("zorblax").hits
        assert "<i>" not in hit.snippet
        assert hit.snippet.count("<mark>") == hit.snippet.count("</mark>")


# --------------------------------------------------------------------------
# Bad input: a message, never an error
# --------------------------------------------------------------------------


BAD_QUERIES = {
    "empty": "",
    "blank": "   \t  ",
    "none": None,
    "stop words only": "the of",
    "spanish stop words only": "de la",
    "punctuation only": "?!.,;:()[]{}…—«»",
    "a lone minus": "-",
    "minus signs": "- -- ---",
    "only quotes": '""',
    "a lone OR": "OR",
    "only an exclusion": "-migration",
}


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize("query", BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
    def test_an_unsearchable_query_gives_an_empty_result_with_a_message(self, query, django_assert_num_queries):
        with django_assert_num_queries(0):
            results = search(query)
            facets = facet_counts(query)
        assert results.hits == []
        assert results.total == 0
        assert results.message
        assert all(options == [] for options in facets.values())

    def test_the_messages_say_what_to_do(self):
        assert search("").message == "Type at least one word to search for."
        assert "very common words" in search("the of").message
        assert "punctuation" in search("?!").message
        assert "excluded" in search("-migration").message

    def test_unbalanced_quotes_are_closed_at_the_end(self, invented):
        _, _, (phrase, *_rest) = invented
        assert parse_query('"zorblax quintessa').groups == ((Term("zorblax quintessa", phrase=True),),)
        assert hit_set(search('"zorblax quintessa')) == {phrase.pk}
        assert hit_set(search('zorblax quintessa"')) == hit_set(search("zorblax quintessa"))

    def test_a_ten_thousand_character_query_is_cut_and_still_searched(self, invented, django_assert_max_num_queries):
        _, _, agreements = invented
        query = "zorblax " + "x" * 10_000
        with django_assert_max_num_queries(6):
            results = search(query)
        assert results.truncated
        assert len(results.query.text) <= MAX_QUERY_LENGTH
        assert results.query.text == "zorblax"  # cut at a word boundary: the 10,000-letter word goes
        assert hit_set(results) == {agreement.pk for agreement in agreements[:3]}
        words = " ".join(f"word{i}" for i in range(2_000))
        many = search(f"zorblax {words}")
        assert many.truncated
        assert len(many.query.positive_terms) <= MAX_TERMS
        assert search("zorblax " * 2_000).total == 3  # repeated words count once

    def test_control_characters_and_nul_bytes_are_removed(self, invented):
        _, _, (phrase, both, one, _florp) = invented
        query = "\x00zorblax\x00 \x07quin\x00tessa\x1b\u200b"
        parsed = parse_query(query)
        assert "\x00" not in parsed.text
        assert all(ch.isprintable() for ch in parsed.text)
        # NUL and other control characters separate words; format characters vanish.
        assert parsed.positive_terms == (Term("zorblax"), Term("quin"), Term("tessa"))
        assert search(query).query.is_searchable  # and the database accepted it
        assert hit_set(search("zorblax\x00quintessa")) == {phrase.pk, both.pk}

    def test_lone_surrogates_and_non_strings_do_not_break_it(self, invented):
        assert search("\ud800zorblax\udfff").total == 3
        assert search(12345).message
        assert search(["zorblax"]).message

    def test_limit_and_offset_are_clamped(self, invented):
        assert search("zorblax", limit=-5).limit == 1
        assert search("zorblax", limit="abc").limit == search_module.DEFAULT_LIMIT
        assert search("zorblax", limit=10**9).limit == search_module.MAX_LIMIT
        assert search("zorblax", offset=-1).offset == 0
        assert search("zorblax", offset=10**12).hits == []

    def test_unknown_types_are_ignored(self, invented):
        assert search("zorblax", types=["nonsense"]).total == 3
        assert search("zorblax", types="agreement").counts == {"agreement": 3}


# --------------------------------------------------------------------------
# PostgreSQL: the vectors, their triggers and their index
# --------------------------------------------------------------------------


# An agreement of ordinary length (the VII RCM's run from one line to a paragraph like this one).
PARAGRAPH = (
    "To recognize the importance of mechanisms for the protection of migrants in situations of detention, "
    "as contained in the Vienna Convention on Consular Relations, and to request the Technical Secretariat "
    "to prepare, together with the Liaison Officer Networks, a report on the regional cooperation achieved, "
    "to be presented at the next meeting of the Regional Consultation Group on Migration."
)


def varied_paragraph(seed: int) -> str:
    """An agreement-length text whose words vary from row to row, as real agreements' do."""
    words = PARAGRAPH.replace(",", "").replace(".", "").split()
    rng = random.Random(seed)
    return " ".join(rng.sample(words, 30) + [f"w{rng.randrange(5_000)}" for _ in range(10)])


def vector_of(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_vector::text FROM {table} WHERE id = %s", [pk])  # noqa: S608 - fixed names
        return cursor.fetchone()[0]


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db
class TestPostgresVectors:
    def test_fixture_loads_fill_the_vectors(self, seeded_db):
        with connection.cursor() as cursor:
            for table in ("meetings_meeting", "meetings_document", "meetings_agreement", "meetings_actionitem"):
                cursor.execute(f"SELECT count(*) FROM {table} WHERE search_vector IS NULL")  # noqa: S608
                assert cursor.fetchone()[0] == 0, table

    def test_edits_keep_the_vectors_current(self, invented):
        _, document, (agreement, *_rest) = invented
        agreement.text = "To welcome the snorkack initiative."
        agreement.save()
        assert agreement.pk in hit_set(search("snorkack"))
        assert agreement.pk not in hit_set(search('"zorblax quintessa"'))
        Agreement.objects.filter(pk=agreement.pk).update(text="Plain gribble.")
        assert hit_set(search("gribble")) == {agreement.pk}
        document.title = "The wuggle communiqué"
        document.save()
        assert hit_set(search("wuggle"), ResultType.DOCUMENT) == {document.pk}

    def test_the_documents_language_decides_the_stemming_of_its_agreements(self):
        meeting = make_meeting("spanish-meeting", title="Reunión sobre migraciones")
        document = make_document(meeting, "spanish-document", language="en")
        agreement = make_agreement(document, 1, "Fortalecer las migraciones laborales", heading="ACUERDOS")
        english = vector_of("meetings_agreement", agreement.pk)

        document.language = "es"
        document.save()

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (setweight(to_tsvector('spanish', %s), 'A')"
                " || setweight(to_tsvector('spanish', %s), 'B'))::text",
                [agreement.text, agreement.section_heading],
            )
            expected = cursor.fetchone()[0]
        assert vector_of("meetings_agreement", agreement.pk) == expected != english
        # The meeting follows its (first) document's language too: Spanish drops "sobre", English keeps "sobr".
        with connection.cursor() as cursor:
            cursor.execute("SELECT setweight(to_tsvector('spanish', %s), 'A')::text", [meeting.title])
            assert vector_of("meetings_meeting", meeting.pk) == cursor.fetchone()[0]
        # A Spanish query finds it through the Spanish stem (which drops the accent).
        assert agreement.pk in hit_set(search("migración laboral"))

    def test_titles_and_agreements_outrank_the_long_document_text(self):
        meeting = make_meeting("weights-meeting")
        document = make_document(meeting, "weights-document", text="Mentions of the zorblax plan, once. " * 5)
        agreement = make_agreement(document, 1, "To adopt the zorblax plan.")
        results = search("zorblax")
        assert results.hits[0].object == agreement
        assert results.hits[-1].object == document

    def test_the_search_uses_the_gin_index(self, invented):
        """With enough rows the planner picks agreement_search_idx, both for list filters and for /search/."""
        # An archive's shape: 40 meetings, 100 documents, 2,000 agreements, the word in a handful.
        meetings = [make_meeting(f"bulk-meeting-{i}", start=datetime.date(1996 + i % 25, 1, 1)) for i in range(40)]
        documents = Document.objects.bulk_create(
            Document(meeting=meetings[i % 40], title=f"Bulk {i}", slug=f"bulk-{i}", status=PUBLISHED)
            for i in range(100)
        )
        Agreement.objects.bulk_create(
            Agreement(
                document=documents[i % 100],
                order=i,
                text=varied_paragraph(i),
                status=PUBLISHED,
            )
            for i in range(2_000)
        )
        with connection.cursor() as cursor:
            for table in ("meetings_meeting", "meetings_document", "meetings_agreement"):
                cursor.execute(f"ANALYZE {table}")

        plan = filter_queryset(Agreement.objects.all(), "zorblax").explain()
        assert "agreement_search_idx" in plan, plan

        with CaptureQueriesContext(connection) as queries:
            search("zorblax", types=["agreement"])
        page_query = queries.captured_queries[0]["sql"]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {page_query}")
            page_plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "agreement_search_idx" in page_plan, page_plan
