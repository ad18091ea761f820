"""Writing a draft in bulk: a number of statements that does not grow with the document, and the
same history a row saved one at a time would have."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from meetings.importer.benchmark import large_communique
from meetings.importer.service import import_file
from meetings.models import ActionItem, Agreement

pytestmark = pytest.mark.django_db

#: Reads of the reference tables, the meeting, its processes and document (each with its history),
#: and a few statements per kind of row (rows, their history, their many-to-many and its history).
MAX_STATEMENTS = 70


@pytest.fixture(autouse=True)
def _reference(reference_db):
    pass


def statements_for(size: int) -> tuple[int, int]:
    """Statements of one import into the same archive (rolled back after, so each finds it as it was)."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            result = import_file(large_communique(size).encode(), f"big-{size}.txt", on_match="new")
        agreements = result.meeting.documents.get().agreements.count()
        transaction.set_rollback(True)
    return len(queries.captured_queries), agreements


def test_a_large_communique_is_written_in_a_few_statements_whatever_its_size():
    small, small_agreements = statements_for(15_000)
    large, large_agreements = statements_for(60_000)
    assert large_agreements > 3 * small_agreements > 100
    assert large <= MAX_STATEMENTS
    # PostgreSQL takes any number of rows in one INSERT; SQLite caps the values of one statement,
    # so Django splits a big bulk insert into a few.
    assert large == small if connection.vendor == "postgresql" else large - small <= 15


def test_every_row_has_its_created_history_with_its_many_to_many_values():
    import_file(large_communique(20_000).encode(), "big.txt", on_match="new")
    agreements = Agreement.objects.prefetch_related("topics")
    assert agreements.count() == Agreement.history.filter(history_type="+").count()
    tagged = next(a for a in agreements if a.topics.exists())
    record = tagged.history.get(history_type="+")
    assert set(record.topics.values_list("topic_id", flat=True)) == set(tagged.topics.values_list("pk", flat=True))
    assert record.history_change_reason == "Imported from big.txt"
    item = ActionItem.objects.filter(responsible_organisations__isnull=False).first()
    snapshot = item.history.get(history_type="+").responsible_organisations.values_list("organisation_id", flat=True)
    assert set(snapshot) == set(item.responsible_organisations.values_list("pk", flat=True))
    sub_items = Agreement.objects.filter(parent__isnull=False)
    assert sub_items.exists() and all(a.label.startswith(f"{a.parent.label}.") for a in sub_items)
