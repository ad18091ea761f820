"""The meeting's page: a whole meeting outcome entered and corrected from one page.

The meeting, its participants, its documents with the agreements of each one
nested under it (django-nested-admin), its commitments and its reports on
earlier commitments are one form, saved in one transaction (Django's admin
wraps the change view in one). Every row keeps its history and the publishing
rules of the other pages: statuses are read-only, published rows change only
for publishers and are never deleted (`PublishableInline`).

The page is built to stay fast with hundreds of agreements: each inline loads
what its rows show in a fixed number of queries (the documents' agreements in
one prefetch, their topics and parents with them), and autocomplete widgets
label their values from those loaded objects instead of one lookup per row
(`meetings.admin.widgets`). Commitments are collapsed to their description
until opened.
"""

from collections.abc import Callable

import nested_admin
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from nested_admin.compat import MergeSafeMedia, ensure_merge_safe_media

from meetings.admin.base import ArchiveAdmin
from meetings.admin.documents import AGREEMENT_ROW_AUTOCOMPLETE, AGREEMENT_ROW_FIELDS
from meetings.admin.follow_up import FollowUpAdminMixin, FollowUpReportFormSet
from meetings.admin.input import is_valid_key
from meetings.admin.publishing import KeepPublishedFormSet, PublishableAdmin, PublishableInline
from meetings.admin.rendering import rows_renderer
from meetings.admin.widgets import LoadedAutocompleteMixin, without_related_links
from meetings.models import ActionItem, ActionItemStatusChange, Agreement, Document, Meeting, Participation


class RowsInline:
    """The page's inlines: their rows' widgets written in Python (`meetings.admin.rendering`)."""

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, renderer=rows_renderer, **kwargs)


class RowsInlineAdminFormSet(nested_admin.NestedInlineAdminFormset):
    """What the page's template gets of an inline: its scripts and styles taken from one row, not from all.

    django-nested-admin gathers the media of every row and every row's nested
    rows, building each one's inline admin form twice; the rows of one inline
    share their widgets, hence their media.
    """

    @property
    def media(self):
        media = ensure_merge_safe_media(self.opts.media) + ensure_merge_safe_media(self.formset.media)
        first = next(iter(self), None)  # a saved row, else an added one, else the template of new rows
        if first is not None:
            media += ensure_merge_safe_media(first.media)
            for nested in getattr(first.form, "inlines", None) or []:
                media += ensure_merge_safe_media(nested.media)
        return media + MergeSafeMedia(js=["nested_admin/dist/nested_admin.min.js"])


class RowsFormSet(nested_admin.NestedInlineFormSet):
    """The page's formsets: nested ones (django-nested-admin)."""

    def initial_form_count(self):
        # django-nested-admin lists the posted ids of rows 0 to INITIAL_FORMS:
        # a tampered count (10**30) ran the server out of memory. A formset
        # cannot hold more existing rows than rows.
        initial = super().initial_form_count()
        return min(initial, self.total_form_count()) if self.is_bound else initial

    def get_queryset(self):
        # django-nested-admin takes the posted rows from the whole table by the
        # ids sent, unchecked ("abc" was a 500) and whoever they belong to. These
        # rows stay those of the record above (Django's own rule), and ids that
        # cannot be ids are dropped before the query.
        if not self.is_bound:
            return super().get_queryset()
        if not hasattr(self, "_posted_rows"):
            pk = self.model._meta.pk
            posted = (self.data.get(f"{self.add_prefix(i)}-{pk.name}") for i in range(self.initial_form_count()))
            rows = self.queryset.filter(pk__in=[value for value in posted if value and is_valid_key(pk, value)])
            self._posted_rows = rows if rows.ordered else rows.order_by(pk.name)
        return self._posted_rows


class LoadedRowsFormSet(RowsFormSet):
    """Rows of a nested inline taken from what the parent row prefetched, when it did (no query per parent)."""

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            accessor = self.fk.remote_field.get_accessor_name()
            cache = getattr(self.instance, "_prefetched_objects_cache", {})
            if self.instance.pk is not None and accessor in cache:
                self._queryset = list(cache[accessor])
            else:
                return super().get_queryset()
        return self._queryset


class UniqueRowsMixin:
    """Refuses, as a form error, two rows of one formset that the database would refuse together.

    Django's formsets check their rows against each other for unconditional
    unique constraints, not for conditional ones (an agreement's label is unique
    only when it has one): two such rows sent in one POST passed every form and
    failed at the database, a 500. `unique_rows` names them: the fields that
    must differ, whether a row's cleaned data counts, and the message.
    """

    unique_rows: list[tuple[tuple[str, ...], Callable[[dict], bool], str]] = []

    def clean(self):
        super().clean()
        rows = [
            form
            for form in self.forms
            if form.is_valid()
            and (form.instance.pk or form.has_changed())
            and not (self.can_delete and self._should_delete_form(form))
        ]
        errors = []
        for fields, applies, message in self.unique_rows:
            seen = set()
            for form in rows:
                if not applies(form.cleaned_data):
                    continue
                key = tuple(form.cleaned_data.get(name) for name in fields)
                if key in seen:
                    errors.append(ValidationError(message, params={"row": str(form.instance)}))
                seen.add(key)
        if errors:
            raise ValidationError(errors)


class PublishableRowsFormSet(LoadedRowsFormSet, KeepPublishedFormSet):
    pass


class AgreementRowsFormSet(UniqueRowsMixin, PublishableRowsFormSet):
    unique_rows = [
        (
            ("section_heading", "label"),
            lambda row: bool(row.get("label")),
            _("Another agreement of this document has the same label under the same heading: %(row)s"),
        ),
    ]


class ParticipationRowsFormSet(UniqueRowsMixin, RowsFormSet):
    # As the constraints on Participation: a country or an organisation once per
    # role (a speaker is their own row), a person once per role.
    unique_rows = [
        (
            ("country", "role"),
            lambda row: row.get("country") is not None and row.get("person") is None,
            _("Listed twice in the same role: %(row)s"),
        ),
        (
            ("organisation", "role"),
            lambda row: row.get("organisation") is not None and row.get("person") is None,
            _("Listed twice in the same role: %(row)s"),
        ),
        (("person", "role"), lambda row: row.get("person") is not None, _("Listed twice in the same role: %(row)s")),
    ]


class ParticipationInline(RowsInline, LoadedAutocompleteMixin, nested_admin.NestedTabularInline):
    model = Participation
    formset = ParticipationRowsFormSet
    extra = 1
    fields = ["role", "country", "organisation", "person", "note"]
    autocomplete_fields = ["country", "organisation", "person"]
    classes = ["meeting-section"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country", "organisation", "person")


def agreements_loaded() -> Prefetch:
    """A document's agreements in printed order, with what their rows show."""
    rows = Agreement.objects.select_related("parent").prefetch_related("topics").order_by("order")
    return Prefetch("agreements", queryset=rows)


class DocumentAgreementInline(RowsInline, LoadedAutocompleteMixin, PublishableInline, nested_admin.NestedTabularInline):
    """A document's agreements, one line each, in printed order."""

    model = Agreement
    fk_name = "document"
    formset = AgreementRowsFormSet
    extra = 0
    fields = AGREEMENT_ROW_FIELDS
    autocomplete_fields = AGREEMENT_ROW_AUTOCOMPLETE
    show_change_link = True  # countries, organisations and links to earlier agreements are on its own page
    ordering = ["order"]
    classes = ["agreements"]
    template = "admin/meetings/meeting/agreements_tabular.html"  # the library's, its rows written out

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":
            formfield.widget.attrs.update(rows=2, cols=30)
        elif db_field.name in ("order", "label"):
            formfield.widget.attrs.update(size=4)
        return without_related_links(formfield)


class DocumentInline(RowsInline, PublishableInline, nested_admin.NestedStackedInline):
    model = Document
    formset = type("DocumentRowsFormSet", (RowsFormSet, KeepPublishedFormSet), {})
    extra = 0
    fields = [("title", "slug"), ("kind", "language", "date", "symbol", "order"), ("status", "needs_review")]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True  # the document's own page holds its verbatim text, file and source
    inlines = [DocumentAgreementInline]
    classes = ["meeting-section"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(agreements_loaded())


#: What a commitment's form holds, on the meeting's page and on an agreement's.
COMMITMENT_FIELDS = [
    ("order", "status", "needs_review"),
    "agreement",
    "description",
    ("responsible_countries", "responsible_organisations"),
    ("due_date", "due_text", "due_next_meeting_kind"),
    ("progress", "reported_done_at"),
]


class MeetingActionItemInline(RowsInline, LoadedAutocompleteMixin, PublishableInline, nested_admin.NestedStackedInline):
    """The meeting's commitments, each shown by its description, its fields collapsed until opened."""

    model = ActionItem
    fk_name = "meeting"
    formset = type("ActionItemRowsFormSet", (RowsFormSet, KeepPublishedFormSet), {})
    extra = 0
    fieldsets = [
        (
            _("Details"),
            {
                "fields": COMMITMENT_FIELDS,
                # Django opens a collapsed fieldset that holds an error; the page's
                # script opens the one of a row just added.
                "classes": ["collapse"],
            },
        ),
    ]
    autocomplete_fields = [
        "agreement",
        "responsible_countries",
        "responsible_organisations",
        "reported_done_at",
    ]
    show_change_link = True
    classes = ["meeting-section", "commitments"]
    template = "admin/meetings/meeting/commitments_stacked.html"  # the library's, its fields written out
    verbose_name = _("commitment")
    verbose_name_plural = _("commitments")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "description":
            formfield.widget.attrs.update(rows=3)
        return without_related_links(formfield)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("agreement", "reported_done_at")
            .prefetch_related("responsible_countries", "responsible_organisations")
        )


class MeetingFollowUpReportFormSet(RowsFormSet, FollowUpReportFormSet):
    """The follow-up rows, offering the earlier commitments listed once for all rows (not once per row)."""

    @cached_property
    def commitment_choices(self) -> list[tuple]:
        field = self.form.base_fields["action_item"]
        return [("", field.empty_label), *((item.pk, f"{item.meeting}: {item}") for item in self.commitments)]

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["action_item"].choices = self.commitment_choices


class MeetingFollowUpReportInline(RowsInline, nested_admin.NestedTabularInline):
    """Marks commitments of earlier meetings done (or in progress, or dropped) as reported at this meeting."""

    model = ActionItemStatusChange
    fk_name = "meeting"
    formset = MeetingFollowUpReportFormSet
    extra = 1
    fields = ["action_item", "progress", "date", "note"]
    verbose_name = _("commitment of an earlier meeting reported on here")
    verbose_name_plural = _("Commitments of earlier meetings reported on at this meeting")
    classes = ["meeting-section", "follow-up-reports"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "note":
            formfield.widget.attrs.update(rows=1, cols=30)
        return formfield


@admin.register(Meeting)
class MeetingAdmin(LoadedAutocompleteMixin, FollowUpAdminMixin, nested_admin.NestedModelAdminMixin, PublishableAdmin):
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
        (_("When and where"), {"fields": [("start_date", "end_date"), ("city", "host_country"), "venue"]}),
        (_("Content"), {"fields": ["theme", "presidency", "summary"]}),
        (_("Record"), {"fields": [("published_at", "created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    inlines = [ParticipationInline, DocumentInline, MeetingActionItemInline, MeetingFollowUpReportInline]
    change_form_template = "admin/meetings/meeting/change_form.html"
    inline_admin_formset_helper_cls = RowsInlineAdminFormSet

    class Media:
        css = {"all": ["css/meeting_admin.css"]}
        js = ["js/meeting_admin.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("host_country", "presidency").prefetch_related("processes")

    def get_inlines(self, request, obj):
        # Reports on earlier commitments need the meeting's processes and date.
        if obj is None:
            return [inline for inline in self.inlines if inline is not MeetingFollowUpReportInline]
        return self.inlines

    @admin.display(description=_("Processes"))
    def process_list(self, obj):
        return ", ".join(p.acronym or p.name for p in obj.processes.all())


@admin.register(Participation)
class ParticipationAdmin(ArchiveAdmin):
    list_display = ["meeting", "role", "country", "organisation", "person"]
    list_select_related = ["meeting", "country", "organisation", "person"]
    list_filter = ["role", "meeting__processes", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["meeting__title", "country__name", "organisation__name", "organisation__acronym", "person__name"]
    autocomplete_fields = ["meeting", "country", "organisation", "person"]
