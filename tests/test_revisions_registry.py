"""Every model in the admin is either live content (covered by revisions) or declared reference data.

The revision tests are parametrised over the models `meetings.revisions.graph`
finds; these tests make sure that nothing escapes that graph unnoticed.
"""

from django.contrib import admin
from django.db import models
from django.test.utils import isolate_apps

from meetings.models import ActionItemStatusChange, AgreementRelation, Meeting, Participation
from meetings.revisions import graph

REGISTERED = [model for model in admin.site._registry if model._meta.app_label == "meetings"]


def test_every_model_registered_in_the_admin_is_publishable_dependant_or_declared_reference_data():
    unclassified = [model.__name__ for model in REGISTERED if graph.kind_of(model) is None]
    assert unclassified == [], (
        "Neither publishable, nor hanging off a publishable record by a foreign key, nor listed in "
        "graph.REFERENCE_MODELS: decide whether an editor's change to these goes live at once."
    )


def test_the_records_hanging_off_published_ones_are_found_from_their_foreign_keys():
    assert set(graph.dependant_models()) == {Participation, AgreementRelation, ActionItemStatusChange}
    assert [fk.name for fk in graph.owner_keys(ActionItemStatusChange)] == ["action_item", "meeting"]


@isolate_apps("meetings")
def test_a_new_model_attached_to_a_meeting_is_covered_without_being_listed():
    class Recording(models.Model):  # noqa: DJ008 - e.g. the audio of a meeting's sessions, added one day
        meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE)

        class Meta:
            app_label = "meetings"

    class Chapter(models.Model):  # noqa: DJ008 - hanging off it in turn
        recording = models.ForeignKey(Recording, on_delete=models.CASCADE)

        class Meta:
            app_label = "meetings"

    class Glossary(models.Model):  # noqa: DJ008 - vocabulary: nothing to do with any meeting
        term = models.CharField(max_length=50)

        class Meta:
            app_label = "meetings"

    found = graph.find_dependants([Chapter, Recording, Glossary], graph.publishable_models())
    assert set(found) == {Recording, Chapter}
