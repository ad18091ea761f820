"""Which records a change needs a publisher for, derived from the model graph.

- *Publishable* models carry a publication status (`Publishable`): a published
  record of one is live.
- *Dependant* models have no status of their own and hang off a publishable
  one, directly or through another dependant, by a foreign key
  (participations, agreement relations, a commitment's dated steps, and any
  model added later with such a key): a row of one is live when a record it
  hangs off is published.
- *Reference* models are the public vocabulary the records point to
  (countries, topics, ...): staff keep them up to date directly.

The dependants are found by walking the foreign keys, so a new model attached
to a published record is covered without anybody remembering to list it;
`tests/test_revisions_registry.py` fails when a model registered in the admin
is in none of the three kinds.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import models

from meetings.models import Publishable, Revision

#: Vocabulary the records point to; changed directly by staff, never through revisions.
REFERENCE_MODELS = {
    "meetings.country",
    "meetings.countryalias",
    "meetings.organisation",
    "meetings.person",
    "meetings.process",
    "meetings.processmembership",
    "meetings.topic",
}
#: The machinery itself.
MACHINERY_MODELS = {"meetings.revision"}


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _content_models() -> list[type[models.Model]]:
    """The app's own models: no history tables, no many-to-many tables, no revisions."""
    return [
        model
        for model in apps.get_app_config("meetings").get_models()
        if not model._meta.auto_created
        and not hasattr(model, "instance_type")  # simple-history's historical models
        and model is not Revision
    ]


@cache
def publishable_models() -> tuple[type[models.Model], ...]:
    return tuple(model for model in _content_models() if issubclass(model, Publishable))


@cache
def dependant_models() -> tuple[type[models.Model], ...]:
    return find_dependants(_content_models(), publishable_models())


def find_dependants(candidates, publishable) -> tuple[type[models.Model], ...]:
    """The `candidates` without a status that hang off a `publishable` model through foreign keys (a fixpoint)."""
    guarded = set(publishable)
    found: list[type[models.Model]] = []
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in guarded or label(model) in REFERENCE_MODELS:
                continue
            if any(field.related_model in guarded for field in _foreign_keys(model)):
                guarded.add(model)
                found.append(model)
                changed = True
    return tuple(found)


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey]:
    return [field for field in model._meta.concrete_fields if field.many_to_one or field.one_to_one]


@cache
def owner_keys(model: type[models.Model]) -> tuple[models.ForeignKey, ...]:
    """The foreign keys of a dependant model to the records it hangs off (publishable or dependant)."""
    guarded = {*publishable_models(), *dependant_models()}
    return tuple(field for field in _foreign_keys(model) if field.related_model in guarded)


def is_publishable(model: type[models.Model]) -> bool:
    return model in publishable_models()


def is_dependant(model: type[models.Model]) -> bool:
    return model in dependant_models()


def is_guarded(model: type[models.Model]) -> bool:
    """Whether records of `model` can be live content (publishable or dependant)."""
    return is_publishable(model) or is_dependant(model)


def kind_of(model: type[models.Model]) -> str | None:
    """ "publishable", "dependant", "reference", "machinery", or None for a model nobody classified."""
    if is_publishable(model):
        return "publishable"
    if is_dependant(model):
        return "dependant"
    if label(model) in REFERENCE_MODELS:
        return "reference"
    if label(model) in MACHINERY_MODELS:
        return "machinery"
    return None
