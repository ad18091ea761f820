"""Commitments' follow-up, dated whichever page staff change it from."""

from django import forms
from django.db.models import Q
from django.forms.models import BaseInlineFormSet

from meetings import services
from meetings.models import ActionItem, ActionItemStatus, ActionItemStatusChange


class FollowUpAdminMixin:
    """Keeps commitments' follow-up dated, whichever page staff change it from.

    Changing an action item's follow-up status in an inline records a dated
    step (`services.record_progress`); adding, changing or deleting steps
    brings the commitment's status back in line with its latest step.
    """

    def save_formset(self, request, form, formset, change):
        if formset.model is ActionItem:
            moved = [f for f in formset.forms if f not in formset.deleted_forms and progress_moved(f)]
            super().save_formset(request, form, formset, change)
            for item_form in moved:
                record_form_progress(request, item_form.instance)
        elif formset.model is ActionItemStatusChange:
            super().save_formset(request, form, formset, change)
            touched = [*formset.new_objects, *(obj for obj, _ in formset.changed_objects), *formset.deleted_objects]
            for item_id in {step.action_item_id for step in touched}:
                services.sync_progress(ActionItem.objects.get(pk=item_id), user=request.user)
        else:
            super().save_formset(request, form, formset, change)


def progress_moved(form: forms.ModelForm) -> bool:
    """Whether an action item's form sets a new follow-up status (a new item's starts as "open")."""
    return "progress" in form.changed_data


def record_form_progress(request, item: ActionItem) -> None:
    """The dated step for a status chosen in a form: reported at the meeting it names, if done."""
    meeting = item.reported_done_at if item.progress == ActionItemStatus.DONE else None
    services.record_progress(item, item.progress, user=request.user, meeting=meeting)


class FollowUpReportFormSet(BaseInlineFormSet):
    """Rows of the meeting's page where staff report on commitments set by earlier meetings.

    Each row offers the commitments still open from earlier meetings of the same
    process(es) (and those this meeting already reported on), with "done" and
    this meeting's date filled in.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance
        reported_here = ActionItemStatusChange.objects.filter(meeting=meeting).values("action_item")
        self.commitments = (
            ActionItem.objects.filter(
                Q(pk__in=ActionItem.objects.open().set_before(meeting).values("pk")) | Q(pk__in=reported_here)
            )
            .select_related("meeting")
            .order_by("meeting__start_date", "order")
        )

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields["action_item"]
        field.queryset = self.commitments
        field.label_from_instance = lambda item: f"{item.meeting}: {item}"
        form.fields["progress"].initial = ActionItemStatus.DONE
        form.fields["date"].initial = self.instance.start_date
