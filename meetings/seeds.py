"""The fixtures that make up a fresh archive, and loading them without touching staff work.

`load_missing` adds what a fixture holds and the archive lacks, and nothing
else. Once a record is in the archive it belongs to the staff: a title they
corrected, a meeting a publisher withdrew, a draft they deleted stays as they
left it, however often the seeds are loaded again (`bin/serve` loads them at
every start).

- A record is *known* when a record with the same identity is in the archive
  now or ever was (its history): the same natural key, or the same value of
  any unique field or unique set of fields (a country's ISO codes or name, a
  meeting's or topic's slug). Known records are left alone, their many-to-many
  values too.
- A record that hangs off content (a participation, document, agreement or
  action item of a meeting) is added only together with that content: if all
  the meetings, documents and agreements it points at were already there, it
  is left out, so a seed meeting that staff have worked on is never filled up
  again with rows they removed or renumbered.
- Each record added gets a "created" history entry naming the fixture.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.db import models, transaction

from meetings import history_loading

REFERENCE_FIXTURES = ["countries", "reference", "reference_processes"]

SEED_MEETING_FIXTURES = [
    "seed_2002_vii_rcm",
    "seed_2009_oas_ceam",
    "seed_2012_celac",
    "seed_2017_forum",
    "seed_2018_rcm_sacm",
]

SEED_FIXTURES = REFERENCE_FIXTURES + SEED_MEETING_FIXTURES


@dataclass
class LoadReport:
    added: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kept: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def lines(self) -> list[str]:
        added = sum(self.added.values())
        kept = sum(self.kept.values())
        lines = [f"Added {added} record{'s' if added != 1 else ''}; left {kept} already in the archive as they are."]
        for label in sorted(self.added):
            lines.append(f"  added {self.added[label]} {label}")
        return lines


def fixture_path(name: str) -> Path:
    for folder in settings.FIXTURE_DIRS:
        path = Path(folder) / f"{name}.json"
        if path.is_file():
            return path
    raise CommandError(f"No fixture named {name!r} in {', '.join(str(f) for f in settings.FIXTURE_DIRS)}.")


def _is_content(model) -> bool:
    """Records with a publication status of their own (meetings, documents, agreements, action items)."""
    return any(f.name == "status" for f in model._meta.concrete_fields) and hasattr(model.objects, "public")


def _identity_sets(model) -> list[tuple[str, ...]]:
    """The fields that name a record of `model`: each unique field, and each unconditional unique set of fields."""
    opts = model._meta
    sets = [(f.attname,) for f in opts.concrete_fields if f.unique and not f.primary_key]
    names = [tuple(together) for together in opts.unique_together]
    names += [
        tuple(c.fields) for c in opts.constraints if isinstance(c, models.UniqueConstraint) and c.condition is None
    ]
    sets += [tuple(opts.get_field(name).attname for name in together) for together in names]
    return sets


class KnownRecords:
    """The identities of every record of a model that is, or ever was, in the archive (read once per model)."""

    def __init__(self):
        self._seen: dict[tuple, set] = {}

    def _values(self, model, fields: tuple[str, ...]) -> set:
        key = (model, fields)
        if key not in self._seen:
            managers = [model._default_manager]
            if history_loading.tracked(model):
                managers.append(getattr(model, model._meta.simple_history_manager_attribute))
            self._seen[key] = {row for manager in managers for row in manager.values_list(*fields)}
        return self._seen[key]

    def known(self, instance: models.Model) -> bool:
        """Whether a record with any of this one's identities is in the archive now, or was once."""
        for fields in _identity_sets(type(instance)):
            value = tuple(getattr(instance, name) for name in fields)
            if len(fields) == 1 and value[0] in (None, ""):
                continue
            if value in self._values(type(instance), fields):
                return True
        return False

    def add(self, instance: models.Model) -> None:
        for fields in _identity_sets(type(instance)):
            self._values(type(instance), fields).add(tuple(getattr(instance, name) for name in fields))


def _content_parents(instance: models.Model) -> list[tuple[type[models.Model], object]]:
    return [
        (f.related_model, getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.is_relation and f.many_to_one and _is_content(f.related_model) and getattr(instance, f.attname)
    ]


def _records(path: Path):
    """Each record of a fixture, deserialized on its own (None when it points at a record the archive lacks)."""
    with path.open(encoding="utf-8") as stream:
        data = json.load(stream)
    for record in data:
        try:
            yield next(serializers.deserialize("python", [record], handle_forward_references=True))
        except (DeserializationError, ObjectDoesNotExist):
            # Its natural key or a foreign key names a record the archive does not
            # have under that name: one staff renamed or removed. Leave it out.
            yield None


@transaction.atomic
def load_missing(fixtures: list[str], report: LoadReport | None = None) -> LoadReport:
    """Add the records of `fixtures` that the archive does not know, with a history entry each; change nothing else."""
    report = report or LoadReport()
    added_pks: dict[type[models.Model], set] = defaultdict(set)
    known = KnownRecords()
    for name in fixtures:
        path = fixture_path(name)
        added, deferred = [], []
        for obj in _records(path):
            if obj is None:
                report.kept["records that point at records renamed or removed since"] += 1
                continue
            instance, model = obj.object, type(obj.object)
            label = str(model._meta.verbose_name_plural)
            parents = _content_parents(instance)
            parent_missing = any(f.many_to_one and _is_content(f.related_model) for f in (obj.deferred_fields or {}))
            leave = (
                instance.pk is not None  # the deserializer found it by natural key
                or parent_missing
                or (parents and all(pk not in added_pks[parent] for parent, pk in parents))
                or known.known(instance)
            )
            if leave:
                report.kept[label] += 1
                continue
            obj.save()
            known.add(instance)
            added_pks[model].add(instance.pk)
            added.append(instance)
            report.added[label] += 1
            if obj.deferred_fields:
                deferred.append(obj)
        for obj in deferred:
            obj.save_deferred_fields()
        history_loading.record_creations(added, f"Added from the seed records ({path.name})")
    return report
