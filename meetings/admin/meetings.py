"""The meeting's page, with its participants, documents and action items inline."""

from django.contrib import admin

from meetings.admin.base import ArchiveAdmin
from meetings.admin.follow_up import FollowUpAdminMixin, FollowUpReportInline
from meetings.admin.publishing import PublishableAdmin, PublishableInline
from meetings.models import ActionItem, Document, Meeting, Participation


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 3
    fields = ["role", "country", "organisation", "person", "note"]
    autocomplete_fields = ["country", "organisation", "person"]


class DocumentInline(PublishableInline, admin.TabularInline):
    model = Document
    extra = 1
    fields = ["order", "title", "slug", "kind", "language", "date", "symbol", "status", "needs_review"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True  # the document's own page holds its text and agreements


class MeetingActionItemInline(PublishableInline, admin.StackedInline):
    model = ActionItem
    fk_name = "meeting"
    extra = 0
    fields = [
        ("order", "status", "needs_review"),
        "agreement",
        "description",
        ("responsible_countries", "responsible_organisations"),
        ("due_date", "due_text", "due_next_meeting_kind"),
        ("progress", "reported_done_at"),
    ]
    autocomplete_fields = [
        "agreement",
        "responsible_countries",
        "responsible_organisations",
        "reported_done_at",
    ]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(FollowUpAdminMixin, PublishableAdmin):
    list_display = ["title", "start_date", "end_date", "place", "kind", "process_list", "status"]
    list_filter = [
        "status",
        "kind",
        "processes",
        ("host_country", admin.RelatedOnlyFieldListFilter),
        "start_date",
    ]
    list_select_related = ["host_country"]
    date_hierarchy = "start_date"
    search_fields = ["title", "edition", "city", "venue", "theme", "summary", "host_country__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["processes", "host_country", "presidency"]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "processes", ("edition", "edition_number"), "kind", "status"]}),
        ("When and where", {"fields": [("start_date", "end_date"), ("city", "host_country"), "venue"]}),
        ("Content", {"fields": ["theme", "presidency", "summary"]}),
        ("Record", {"fields": [("published_at", "created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    inlines = [ParticipationInline, DocumentInline, MeetingActionItemInline, FollowUpReportInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("processes")

    def get_inlines(self, request, obj):
        # Reports on earlier commitments need the meeting's processes and date.
        if obj is None:
            return [inline for inline in self.inlines if inline is not FollowUpReportInline]
        return self.inlines

    @admin.display(description="Processes")
    def process_list(self, obj):
        return ", ".join(p.acronym or p.name for p in obj.processes.all())


@admin.register(Participation)
class ParticipationAdmin(ArchiveAdmin):
    list_display = ["meeting", "role", "country", "organisation", "person"]
    list_select_related = ["meeting", "country", "organisation", "person"]
    list_filter = ["role", "meeting__processes", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["meeting__title", "country__name", "organisation__name", "organisation__acronym", "person__name"]
    autocomplete_fields = ["meeting", "country", "organisation", "person"]
