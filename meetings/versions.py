"""Language versions of one document: the same text adopted in two languages, read side by side."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from meetings.models import Agreement, Document


def language_versions(document: Document) -> list[Document]:
    """The document's other public language versions (each points at the first one recorded)."""
    first = document.version_of_id or document.pk
    return list(
        Document.objects.public()
        .filter(Q(pk=first) | Q(version_of_id=first))
        .exclude(pk=document.pk)
        .order_by("language", "title")
    )


@dataclass(frozen=True)
class Pair:
    label: str
    left: Agreement | None
    right: Agreement | None


def _key(label: str) -> str:
    # "9.1" and "9.1." or "a)" and "a." are the same printed label in two versions.
    return label.strip().rstrip(".)").lower()


def paired_agreements(left: list[Agreement], right: list[Agreement]) -> list[Pair]:
    """Agreements matched by printed label, in the left version's order; what has no match stands alone.

    Unlabelled agreements (bullets) are matched by their position among the unlabelled ones.
    """
    by_label: dict[str, list[Agreement]] = {}
    for agreement in right:
        by_label.setdefault(_key(agreement.label) if agreement.label else "", []).append(agreement)
    pairs = []
    for agreement in left:
        candidates = by_label.get(_key(agreement.label) if agreement.label else "", [])
        partner = candidates.pop(0) if candidates else None
        pairs.append(Pair(agreement.label, agreement, partner))
    matched = {pair.right.pk for pair in pairs if pair.right}
    pairs.extend(Pair(a.label, None, a) for a in right if a.pk not in matched)
    return pairs
