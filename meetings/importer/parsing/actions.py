"""Action items: what an agreement asks someone to do, by when (the next meeting's host included)."""

from __future__ import annotations

import re

from meetings.importer.dates import find_dates, find_deadline
from meetings.importer.parsing.draft import ActionItemDraft
from meetings.importer.parsing.patterns import NEXT_HOST


class ActionItems:
    def find_action_items(self) -> None:
        draft, vocabulary = self.draft, self.vocabulary
        for item in draft.agreements:
            text = item.text
            who_countries: list[str] = []
            who_orgs: list[str] = []
            description = ""
            request = re.search(
                r"\b(?:request(?:ed)? that|charge|encargar a|solicitar a(?: la| el)?)\s+(?:the\s+)?(.+?)\s+(?:with\s+)?(\w+ing|\w+)\b",  # noqa: E501 - a pattern or message reads better on one line
                text,
                re.I,
            )
            host = NEXT_HOST.search(text) and re.search(
                r"\b(?:will host|to host|offer of|ofrecimiento|ser sede|será sede|como sede|acoger[aá]?)\b", text, re.I
            )
            event = re.search(
                r"\b(?:organi[sz]e|hold|organizar|realizar)\s+(?:a|an|the|un|una)\s+(seminar|workshop|meeting|forum|conference|course|seminario|taller|reuni[oó]n|foro)",
                text,
                re.I,
            )
            scheduled = re.search(
                r"\b(?:Workshop|Seminar|Forum|Meeting|Conference|Course|Taller|Seminario|Foro)\b", text
            ) and [d for d in find_dates(text) if not draft.start_date or d.end >= draft.start_date]
            deadline_text, deadline = find_deadline(text, draft.end_date)
            if deadline and draft.start_date and deadline < draft.start_date:
                deadline_text, deadline = "", None  # a date in the past is context, not a deadline
            if host:
                who_countries = self.countries_named(text[: host.start() + 60]) or self.countries_named(text)
                who_countries = [c for c in who_countries if c != draft.host_country or len(who_countries) == 1][:1]
                target = re.search(
                    r"host (?:the |a )?(.+?(?:Meeting|Conference|Reunion|Summit)[^.,]*?)(?= during| in the| within|[.,]|$)",  # noqa: E501 - a pattern or message reads better on one line
                    text,
                    re.I,
                )
                description = f"{self.country_name(who_countries)} to host the {target.group(1) if target else 'next meeting'}.".strip()  # noqa: E501 - a pattern or message reads better on one line
            elif request:
                clause = text[request.start() :]
                who_orgs = vocabulary.organisations_in(clause[:120])
                body = vocabulary.body(draft.processes, clause[:80])
                if body and body not in who_orgs:
                    who_orgs.insert(0, body)
                description = clause[0].upper() + clause[1:]
            elif event or scheduled or deadline:
                description = text
                who_orgs = [
                    o
                    for o in vocabulary.organisations_in(text)
                    if o != "oas" or "OAS will" in text or "invited the OAS" in text
                ]
                who_countries = [c for c in self.countries_named(text) if c != draft.host_country][:3]
            else:
                continue
            if not deadline and not (host or request or event or scheduled):
                continue
            draft.action_items.append(ActionItemDraft(
                description=description[:2000], agreement=item, countries=who_countries, organisations=who_orgs,
                due_text=deadline_text[:200], due_date=deadline,
            ))  # fmt: skip

    def country_name(self, codes: list[str]) -> str:
        from meetings.models import Country

        return ", ".join(Country.objects.filter(alpha3__in=codes).values_list("name", flat=True)) or "The host"

    # -- the rest -----------------------------------------------------------
