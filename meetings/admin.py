"""The secretariat's editing tool.

A whole meeting outcome is entered from three linked pages: the meeting (with
its participants, documents and action items inline), each document (with its
agreements inline, in printed order) and, for details, each agreement (its
action items and its links to earlier agreements).

Publishing goes through the "Publish selected" and "Withdraw selected" actions
(for holders of the publish permissions only, and checked again in
`meetings.services`); a record's status is never edited in a form. A published
record cannot be deleted, only withdrawn. Every page keeps its edit history
(django-simple-history), from which a past version can be restored.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import model_ngettext, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from meetings import services
from meetings.models import (
    ActionItem,
    ActionItemStatus,
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
    PublicationStatus,
    Topic,
)

admin.site.site_header = "migconf — secretariat"
admin.site.site_title = "migconf admin"
admin.site.index_title = "Records of meetings on migration"

# Addresses typed without a scheme are taken as https, as Django 6 will.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


# --- shared machinery -------------------------------------------------------


class ArchiveAdmin(SimpleHistoryAdmin):
    """Every page of the archive keeps its history, viewable and restorable from the record's page."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history lets anyone who may *view* a record POST a revert
        # (it only hides the button); restoring a version is a change.
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))  # None once deleted
            if not self.has_change_history_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def admin_link(record: models.Model) -> dict[str, str]:
    """What a confirmation page shows of a record: its kind, its name and its admin page."""
    opts = record._meta
    return {
        "kind": str(opts.verbose_name),
        "text": str(record),
        "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]),
    }


class KeepPublishedFormSet(BaseInlineFormSet):
    """Inline rows of published records: never deleted (they are withdrawn instead), changed by publishers only."""

    #: Set per request by `PublishableInline.get_formset`.
    may_change_published = False

    def clean(self):
        super().clean()
        if not self.may_change_published:
            changed = [
                str(form.instance)
                for form in self.forms
                if form.instance.pk and form.instance.status == PublicationStatus.PUBLISHED and form.has_changed()
            ]
            if changed:
                raise ValidationError(
                    "Only a publisher may change a published record: %(names)s",
                    params={"names": "; ".join(changed)},
                )
        published = [
            str(form.instance)
            for form in self.forms
            if self.can_delete
            and self._should_delete_form(form)
            and form.instance.pk
            and form.instance.status == PublicationStatus.PUBLISHED
        ]
        if published:
            raise ValidationError(
                "Published records cannot be deleted; withdraw them instead (they stay in the archive): %(names)s",
                params={"names": "; ".join(published)},
            )


class PublishableInline:
    """An inline of records with a publication status (mixed into Django's inline classes)."""

    formset = KeepPublishedFormSet
    readonly_fields = ["status"]  # moved by the publish and withdraw actions only

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.may_change_published = services.can_publish(request.user, self.model)
        return formset


def delete_drafts_only(modeladmin, request, queryset):
    """Django's "Delete selected", refused as a whole when a published record is among the selected."""
    published = queryset.filter(status=PublicationStatus.PUBLISHED).count()
    if published:
        modeladmin.message_user(
            request,
            ngettext(
                "Nothing was deleted: %(count)s of the selected %(records)s is published. "
                "Published records cannot be deleted; withdraw them instead.",
                "Nothing was deleted: %(count)s of the selected %(records)s are published. "
                "Published records cannot be deleted; withdraw them instead.",
                published,
            )
            % {"count": published, "records": modeladmin.opts.verbose_name_plural},
            messages.ERROR,
        )
        return None
    return delete_selected(modeladmin, request, queryset)


class PublishableAdmin(ArchiveAdmin):
    """Meetings, documents, agreements and action items: drafts until a publisher publishes them."""

    actions = ["publish_selected", "withdraw_selected"]
    change_form_template = "admin/meetings/publishable_change_form.html"
    publish_confirmation_template = "admin/meetings/publish_confirmation.html"
    withdraw_confirmation_template = "admin/meetings/withdraw_confirmation.html"

    def has_publish_permission(self, request) -> bool:
        return services.can_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        # The status moves only through the publish and withdraw actions, for
        # everybody: they check the permission and publish what belongs together.
        return [*super().get_readonly_fields(request, obj), "status"]

    def save_model(self, request, obj, form, change):
        if change:
            # Restoring an older version (simple-history's revert form) brings
            # back its content, not its publication status.
            current = type(obj).objects.filter(pk=obj.pk).values("status", "published_at").first()
            if current is None:  # restoring a deleted record: only drafts can be deleted
                obj.status, obj.published_at = PublicationStatus.DRAFT, None
            else:
                obj.status, obj.published_at = current["status"], current["published_at"]
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        # Editors change drafts; what is public changes only with a publisher's check.
        if obj is not None and obj.status == PublicationStatus.PUBLISHED and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    # --- deleting: drafts only

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == PublicationStatus.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and obj.status == PublicationStatus.PUBLISHED:
            self.message_user(
                request,
                f"“{obj}” is published and cannot be deleted. Withdraw it instead: it stops being public "
                "and stays in the archive.",
                messages.ERROR,
            )
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions[name] = (delete_drafts_only, name, description)
        return actions

    # --- publishing and withdrawing

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            path(
                "<path:object_id>/withdraw/",
                self.admin_site.admin_view(self.withdraw_view),
                name="{}_{}_withdraw".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "has_publish_permission": self.has_publish_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _publishable_object(self, request, object_id):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this id.")
        return obj

    def _change_url(self, obj) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def publish_view(self, request, object_id):
        """The "Publish…" button of a record's page: what goes public with it, then publishing it."""
        obj = self._publishable_object(request, object_id)
        if request.method == "POST":
            self._report_published(request, [services.publish(obj, request.user)])
            return redirect(self._change_url(obj))
        return self._publish_confirmation(request, [obj], action_name=None)

    def withdraw_view(self, request, object_id):
        """The "Withdraw…" button of a record's page."""
        obj = self._publishable_object(request, object_id)
        if request.method == "POST":
            services.withdraw(obj, request.user)
            self.message_user(
                request,
                f"Withdrew “{obj}” from public view. It stays in the archive and can be published again.",
                messages.SUCCESS,
            )
            return redirect(self._change_url(obj))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Withdraw “{obj}” from public view?",
            "opts": self.opts,
            "object": obj,
            "change_url": self._change_url(obj),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.withdraw_confirmation_template, context)

    @admin.action(permissions=["publish"], description="Publish selected %(verbose_name_plural)s")
    def publish_selected(self, request, queryset):
        """Show what will go public; publish it once the publisher confirms."""
        records = list(queryset)
        if request.POST.get("post") == "yes":
            with transaction.atomic():
                plans = [services.publish(record, request.user) for record in records]
            self._report_published(request, plans)
            return None
        return self._publish_confirmation(request, records, action_name="publish_selected")

    def _publish_confirmation(self, request, records, action_name: str | None) -> TemplateResponse:
        plans = [services.publication_plan(record) for record in records]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Publish {model_ngettext(self.opts, len(records))}?",
            "opts": self.opts,
            "plans": [
                {
                    "root": admin_link(plan.root),
                    "already_published": plan.root.status == PublicationStatus.PUBLISHED,
                    "with_it": [admin_link(r) for r in plan if r is not plan.root and not r.is_published],
                    "left_out": [{**admin_link(r), "reason": reason} for r, reason in plan.left_out],
                    "hidden_by": [admin_link(r) for r in plan.hidden_by],
                }
                for plan in plans
            ],
            "queryset": records,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "action_name": action_name,  # None: the button of a record's own page
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.publish_confirmation_template, context)

    def _report_published(self, request, plans: list[services.PublicationPlan]) -> None:
        under = sum(len(plan) - 1 for plan in plans)
        text = f"Published {len(plans)} {model_ngettext(self.opts, len(plans))}"
        if under:
            it = "it" if len(plans) == 1 else "them"
            text += f", and with {it} {under} record{'s' if under != 1 else ''} under {it}"
        self.message_user(request, text + ".", messages.SUCCESS)
        for plan in plans:
            if plan.hidden_by:
                parents = "; ".join(str(p) for p in plan.hidden_by)
                self.message_user(
                    request,
                    f"“{plan.root}” will be visible only once these are published too: {parents}.",
                    messages.WARNING,
                )

    @admin.action(permissions=["publish"], description="Withdraw selected %(verbose_name_plural)s from public view")
    def withdraw_selected(self, request, queryset):
        with transaction.atomic():
            withdrawn = [record for record in queryset if services.withdraw(record, request.user)]
        self.message_user(
            request,
            f"Withdrew {len(withdrawn)} {model_ngettext(self.opts, len(withdrawn))} from public view. "
            "They stay in the archive with their history and can be published again.",
            messages.SUCCESS,
        )


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


# --- reference data -------------------------------------------------------


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1
    fields = ["name"]


@admin.register(Country)
class CountryAdmin(ArchiveAdmin):
    list_display = ["name", "alpha3", "alpha2", "name_es", "official_name"]
    search_fields = ["name", "name_es", "official_name", "alpha3", "alpha2", "aliases__name"]
    inlines = [CountryAliasInline]


@admin.register(CountryAlias)
class CountryAliasAdmin(ArchiveAdmin):
    list_display = ["name", "country", "normalized"]
    list_select_related = ["country"]
    search_fields = ["name", "normalized", "country__name", "country__alpha3"]
    autocomplete_fields = ["country"]


@admin.register(Topic)
class TopicAdmin(ArchiveAdmin):
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
class ProcessAdmin(ArchiveAdmin):
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
class ProcessMembershipAdmin(ArchiveAdmin):
    list_display = ["country", "process", "role", "since", "until"]
    list_select_related = ["country", "process"]
    list_filter = ["process", "role"]
    search_fields = ["country__name", "process__name", "process__acronym"]
    autocomplete_fields = ["country", "process"]


@admin.register(Organisation)
class OrganisationAdmin(ArchiveAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "acronym", "kind", "process"]
    list_select_related = ["process"]
    list_filter = ["kind", ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "name_es", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["process"]


@admin.register(Person)
class PersonAdmin(ArchiveAdmin):
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


class FollowUpReportInline(admin.TabularInline):
    """Marks commitments of earlier meetings done (or in progress, or dropped) as reported at this meeting."""

    model = ActionItemStatusChange
    fk_name = "meeting"
    formset = FollowUpReportFormSet
    extra = 1
    fields = ["action_item", "progress", "date", "note"]
    verbose_name = "commitment of an earlier meeting reported on here"
    verbose_name_plural = "Commitments of earlier meetings reported on at this meeting"


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


class AgreementInline(PublishableInline, admin.TabularInline):
    model = Agreement
    fk_name = "document"
    extra = 3
    fields = [
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
    autocomplete_fields = ["parent", "topics"]
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


class AgreementActionItemInline(PublishableInline, admin.StackedInline):
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
