"""The agreement's page: its action items and its links to earlier agreements."""

from django.contrib import admin

from meetings.admin.base import ArchiveAdmin
from meetings.admin.follow_up import FollowUpAdminMixin
from meetings.admin.meetings import COMMITMENT_FIELDS, MeetingActionItemInline
from meetings.admin.publishing import PublishableAdmin, PublishableInline
from meetings.models import ActionItem, Agreement, AgreementRelation


class AgreementActionItemInline(PublishableInline, admin.StackedInline):
    model = ActionItem
    fk_name = "agreement"
    extra = 0
    fields = COMMITMENT_FIELDS[:1] + ["meeting"] + COMMITMENT_FIELDS[2:]
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
class AgreementAdmin(FollowUpAdminMixin, PublishableAdmin):
    list_display = ["label_or_bullet", "short_text", "document", "section", "kind", "status"]
    list_display_links = ["label_or_bullet", "short_text"]
    list_filter = [
        "status",
        "needs_review",
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
            {
                "fields": [
                    "document",
                    ("order", "label", "parent"),
                    ("section", "section_heading"),
                    "kind",
                    ("status", "needs_review"),
                ]
            },
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
class AgreementRelationAdmin(ArchiveAdmin):
    list_display = ["source", "kind", "target"]
    list_select_related = ["source", "target"]
    list_filter = ["kind"]
    search_fields = ["source__text", "target__text", "source__label", "target__label"]
    autocomplete_fields = ["source", "target"]
