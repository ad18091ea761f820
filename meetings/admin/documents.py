"""The document's page, with its agreements inline in printed order."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from meetings.admin.publishing import PublishableAdmin, PublishableInline
from meetings.models import Agreement, Document

#: An agreement's columns when it is one row under its document, on the document's page and on
#: the meeting's one-page form alike (countries, organisations and relations are on its own page).
AGREEMENT_ROW_FIELDS = [
    "order",
    "label",
    "parent",
    "section",
    "section_heading",
    "kind",
    "text",
    "topics",
    "status",
    "needs_review",
]
AGREEMENT_ROW_AUTOCOMPLETE = ["parent", "topics"]


class AgreementInline(PublishableInline, admin.TabularInline):
    model = Agreement
    fk_name = "document"
    extra = 3
    fields = AGREEMENT_ROW_FIELDS
    autocomplete_fields = AGREEMENT_ROW_AUTOCOMPLETE
    show_change_link = True  # countries, organisations, action items and relations are on its own page
    ordering = ["order"]


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    list_display = ["title", "meeting", "kind", "language", "date", "symbol", "agreement_count", "status"]
    list_filter = ["status", "needs_review", "kind", "language", "meeting__processes", "date"]
    list_select_related = ["meeting"]
    date_hierarchy = "date"
    search_fields = ["title", "symbol", "meeting__title", "text"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["meeting", "version_of"]
    readonly_fields = ["published_at", "created_at", "updated_at", "source_sha256", "import_review"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "meeting",
                    "title",
                    "slug",
                    ("kind", "language"),
                    ("date", "symbol"),
                    "order",
                    "version_of",
                    ("status", "needs_review"),
                ]
            },
        ),
        ("Text (verbatim)", {"fields": ["text", "file", "source"]}),
        ("Import", {"fields": ["import_review", "source_sha256", "import_report"], "classes": ["collapse"]}),
        ("Record", {"fields": [("published_at", "created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    inlines = [AgreementInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_total=Count("agreements"))

    @admin.display(description="Agreements", ordering="agreement_total")
    def agreement_count(self, obj):
        return obj.agreement_total

    @admin.display(description="Review")
    def import_review(self, obj):
        if not obj.pk or not obj.import_findings:
            return "Not imported."
        return format_html(
            '<a href="{}">The values beside the text they were read from</a>', reverse("import-review", args=[obj.pk])
        )
