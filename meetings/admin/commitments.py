"""Action items (commitments) and their dated follow-up steps."""

from django.contrib import admin

from meetings import services
from meetings.admin.base import ArchiveAdmin
from meetings.admin.follow_up import FollowUpAdminMixin, progress_moved, record_form_progress
from meetings.admin.publishing import PublishableAdmin
from meetings.models import ActionItem, ActionItemStatusChange


class StatusChangeInline(admin.TabularInline):
    model = ActionItemStatusChange
    extra = 0
    fields = ["date", "progress", "meeting", "note"]
    autocomplete_fields = ["meeting"]


@admin.register(ActionItemStatusChange)
class ActionItemStatusChangeAdmin(ArchiveAdmin):
    list_display = ["action_item", "progress", "date", "meeting"]
    list_select_related = ["action_item", "meeting"]
    list_filter = ["progress", "date"]
    date_hierarchy = "date"
    search_fields = ["action_item__description", "note", "meeting__title"]
    autocomplete_fields = ["action_item", "meeting"]

    # A commitment's status is that of its latest step, whichever page the steps change on.

    def save_model(self, request, obj, form, change):
        previous_item_id = form.initial.get("action_item") if change else None
        super().save_model(request, obj, form, change)
        for item_id in {previous_item_id, obj.action_item_id} - {None}:
            services.sync_progress(ActionItem.objects.get(pk=item_id), user=request.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.sync_progress(ActionItem.objects.get(pk=obj.action_item_id), user=request.user)

    def delete_queryset(self, request, queryset):
        item_ids = set(queryset.values_list("action_item", flat=True))
        super().delete_queryset(request, queryset)
        for item in ActionItem.objects.filter(pk__in=item_ids):
            services.sync_progress(item, user=request.user)


@admin.register(ActionItem)
class ActionItemAdmin(FollowUpAdminMixin, PublishableAdmin):
    list_display = ["description_short", "meeting", "due", "progress", "reported_done_at", "status"]
    list_select_related = ["meeting", "reported_done_at"]
    list_filter = [
        "progress",
        "status",
        "needs_review",
        "meeting__processes",
        ("responsible_countries", admin.RelatedOnlyFieldListFilter),
        ("responsible_organisations", admin.RelatedOnlyFieldListFilter),
        "due_date",
    ]
    date_hierarchy = "due_date"
    search_fields = ["description", "due_text", "notes", "meeting__title"]
    autocomplete_fields = [
        "meeting",
        "agreement",
        "responsible_countries",
        "responsible_organisations",
        "reported_done_at",
    ]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": [("meeting", "order"), "agreement", "description", ("status", "needs_review")]}),
        (
            "Who and when",
            {
                "fields": [
                    ("responsible_countries", "responsible_organisations"),
                    ("due_date", "due_text", "due_next_meeting_kind"),
                ]
            },
        ),
        ("Follow-up", {"fields": [("progress", "reported_done_at"), "notes"]}),
        ("Record", {"fields": [("published_at", "created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    inlines = [StatusChangeInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # dated steps entered inline come first
        steps_entered = any(
            fs.new_objects or fs.changed_objects or fs.deleted_objects
            for fs in formsets
            if fs.model is ActionItemStatusChange
        )
        if not steps_entered and progress_moved(form):
            record_form_progress(request, form.instance)

    @admin.display(description="What", ordering="description")
    def description_short(self, obj):
        return obj.description if len(obj.description) <= 100 else obj.description[:97] + "…"

    @admin.display(description="Due", ordering="due_date")
    def due(self, obj):
        return obj.due_date or obj.due_text
