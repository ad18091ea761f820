"""The secretariat's editing tool.

A whole meeting outcome is entered from three linked pages: the meeting (with
its participants, documents and action items inline), each document (with its
agreements inline, in printed order) and, for details, each agreement (its
action items and its links to earlier agreements).
"""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    ActionItem,
    ActionItemStatusChange,
    Agreement,
    AgreementRelation,
    Country,
    CountryAlias,
    Document,
    Meeting,
    Organisation,
    Participation,
    Person,
    Process,
    ProcessMembership,
    Topic,
)

admin.site.site_header = "migconf — secretariat"
admin.site.site_title = "migconf admin"
admin.site.index_title = "Records of meetings on migration"

# Addresses typed without a scheme are taken as https, as Django 6 will.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


# --- reference data -------------------------------------------------------


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1
    fields = ["name"]


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "alpha3", "alpha2", "name_es", "official_name"]
    search_fields = ["name", "name_es", "official_name", "alpha3", "alpha2", "aliases__name"]
    inlines = [CountryAliasInline]


@admin.register(CountryAlias)
class CountryAliasAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country", "normalized"]
    list_select_related = ["country"]
    search_fields = ["name", "normalized", "country__name", "country__alpha3"]
    autocomplete_fields = ["country"]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_es", "parent", "agreement_count"]
    list_select_related = ["parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_total=Count("agreements"))

    @admin.display(description="Agreements", ordering="agreement_total")
    def agreement_count(self, obj):
        return obj.agreement_total


class ProcessMembershipInline(admin.TabularInline):
    model = ProcessMembership
    extra = 1
    autocomplete_fields = ["country"]


@admin.register(Process)
class ProcessAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "acronym", "region", "meeting_count"]
    search_fields = ["name", "name_es", "acronym", "acronym_es", "other_names"]
    list_filter = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProcessMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_total=Count("meetings"))

    @admin.display(description="Meetings", ordering="meeting_total")
    def meeting_count(self, obj):
        return obj.meeting_total


@admin.register(ProcessMembership)
class ProcessMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["country", "process", "role", "since", "until"]
    list_select_related = ["country", "process"]
    list_filter = ["process", "role"]
    search_fields = ["country__name", "process__name", "process__acronym"]
    autocomplete_fields = ["country", "process"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "acronym", "kind", "process"]
    list_select_related = ["process"]
    list_filter = ["kind", ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "name_es", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["process"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "honorific", "position", "organisation", "country"]
    list_select_related = ["organisation", "country"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter), ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "position", "organisation__name", "organisation__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "country"]


# --- meetings and their outcomes -------------------------------------------


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 3
    fields = ["role", "country", "organisation", "person", "note"]
    autocomplete_fields = ["country", "organisation", "person"]


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 1
    fields = ["order", "title", "slug", "kind", "language", "date", "symbol", "status"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True  # the document's own page holds its text and agreements


class MeetingActionItemInline(admin.StackedInline):
    model = ActionItem
    fk_name = "meeting"
    extra = 0
    fields = [
        ("order", "status"),
        "agreement",
        "description",
        ("responsible_countries", "responsible_organisations"),
        ("due_date", "due_text"),
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
class MeetingAdmin(SimpleHistoryAdmin):
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
    inlines = [ParticipationInline, DocumentInline, MeetingActionItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("processes")

    @admin.display(description="Processes")
    def process_list(self, obj):
        return ", ".join(p.acronym or p.name for p in obj.processes.all())


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "role", "country", "organisation", "person"]
    list_select_related = ["meeting", "country", "organisation", "person"]
    list_filter = ["role", "meeting__processes", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["meeting__title", "country__name", "organisation__name", "organisation__acronym", "person__name"]
    autocomplete_fields = ["meeting", "country", "organisation", "person"]


class AgreementInline(admin.TabularInline):
    model = Agreement
    fk_name = "document"
    extra = 3
    fields = ["order", "label", "parent", "section", "section_heading", "kind", "text", "topics", "status"]
    autocomplete_fields = ["parent", "topics"]
    show_change_link = True  # countries, organisations, action items and relations are on its own page
    ordering = ["order"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "kind", "language", "date", "symbol", "agreement_count", "status"]
    list_filter = ["status", "kind", "language", "meeting__processes", "date"]
    list_select_related = ["meeting"]
    date_hierarchy = "date"
    search_fields = ["title", "symbol", "meeting__title", "text"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["meeting"]
    readonly_fields = ["published_at", "created_at", "updated_at", "source_sha256"]
    fieldsets = [
        (None, {"fields": ["meeting", "title", "slug", ("kind", "language"), ("date", "symbol"), "order", "status"]}),
        ("Text (verbatim)", {"fields": ["text", "file", "source"]}),
        ("Import", {"fields": ["source_sha256", "import_report"], "classes": ["collapse"]}),
        ("Record", {"fields": [("published_at", "created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    inlines = [AgreementInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_total=Count("agreements"))

    @admin.display(description="Agreements", ordering="agreement_total")
    def agreement_count(self, obj):
        return obj.agreement_total


class AgreementActionItemInline(admin.StackedInline):
    model = ActionItem
    fk_name = "agreement"
    extra = 0
    fields = MeetingActionItemInline.fields[:1] + ["meeting"] + MeetingActionItemInline.fields[2:]
    autocomplete_fields = ["meeting"] + MeetingActionItemInline.autocomplete_fields[1:]


class RelationOutInline(admin.TabularInline):
    model = AgreementRelation
    fk_name = "source"
    extra = 0
    verbose_name = "link to an earlier agreement"
    verbose_name_plural = "links to earlier agreements"
    autocomplete_fields = ["target"]


class RelationInInline(admin.TabularInline):
    model = AgreementRelation
    fk_name = "target"
    extra = 0
    verbose_name = "link from a later agreement"
    verbose_name_plural = "links from later agreements"
    autocomplete_fields = ["source"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["label_or_bullet", "short_text", "document", "section", "kind", "status"]
    list_display_links = ["label_or_bullet", "short_text"]
    list_filter = [
        "status",
        "section",
        "kind",
        "document__meeting__processes",
        ("topics", admin.RelatedOnlyFieldListFilter),
        ("countries", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["document"]
    search_fields = ["label", "text", "section_heading", "document__title", "document__meeting__title"]
    autocomplete_fields = ["document", "parent", "topics", "countries", "organisations"]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {"fields": ["document", ("order", "label", "parent"), ("section", "section_heading"), "kind", "status"]},
        ),
        ("Text (verbatim)", {"fields": ["text"]}),
        ("Concerns", {"fields": ["topics", "countries", "organisations"]}),
        ("Record", {"fields": [("published_at", "created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    inlines = [AgreementActionItemInline, RelationOutInline, RelationInInline]

    @admin.display(description="Label", ordering="order")
    def label_or_bullet(self, obj):
        return obj.label or "•"

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 120 else obj.text[:117] + "…"


@admin.register(AgreementRelation)
class AgreementRelationAdmin(SimpleHistoryAdmin):
    list_display = ["source", "kind", "target"]
    list_select_related = ["source", "target"]
    list_filter = ["kind"]
    search_fields = ["source__text", "target__text", "source__label", "target__label"]
    autocomplete_fields = ["source", "target"]


class StatusChangeInline(admin.TabularInline):
    model = ActionItemStatusChange
    extra = 0
    fields = ["date", "progress", "meeting", "note"]
    autocomplete_fields = ["meeting"]


@admin.register(ActionItemStatusChange)
class ActionItemStatusChangeAdmin(SimpleHistoryAdmin):
    list_display = ["action_item", "progress", "date", "meeting"]
    list_select_related = ["action_item", "meeting"]
    list_filter = ["progress", "date"]
    date_hierarchy = "date"
    search_fields = ["action_item__description", "note", "meeting__title"]
    autocomplete_fields = ["action_item", "meeting"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["description_short", "meeting", "due", "progress", "reported_done_at", "status"]
    list_select_related = ["meeting", "reported_done_at"]
    list_filter = [
        "progress",
        "status",
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
        (None, {"fields": [("meeting", "order"), "agreement", "description", "status"]}),
        (
            "Who and when",
            {"fields": [("responsible_countries", "responsible_organisations"), ("due_date", "due_text")]},
        ),
        ("Follow-up", {"fields": [("progress", "reported_done_at"), "notes"]}),
        ("Record", {"fields": [("published_at", "created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    inlines = [StatusChangeInline]

    @admin.display(description="What", ordering="description")
    def description_short(self, obj):
        return obj.description if len(obj.description) <= 100 else obj.description[:97] + "…"

    @admin.display(description="Due", ordering="due_date")
    def due(self, obj):
        return obj.due_date or obj.due_text
