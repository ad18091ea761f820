"""Proposed revisions: the list publishers work through, and each proposal's field-by-field review."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.admin.proposals import revision_url
from meetings.models import Revision, RevisionStatus
from meetings.revisions import review
from meetings.revisions.diff import revision_diff


class PendingFirst(admin.SimpleListFilter):
    """The list opens on what waits for a publisher."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*RevisionStatus.choices, ("all", _("All"))]

    def choices(self, changelist):
        value = self.value() or RevisionStatus.PENDING
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or RevisionStatus.PENDING
        if value == "all":
            return queryset
        if value not in RevisionStatus.values:
            return queryset.none()
        return queryset.filter(status=value)


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "record", "kind", "author", "created_at", "status", "reviewer"]
    list_filter = [PendingFirst, "kind"]
    list_select_related = ["author", "reviewer", "content_type"]
    search_fields = ["summary", "author__username", "reason"]
    date_hierarchy = "created_at"
    review_template = "admin/meetings/revision/review.html"

    # Proposals are written by the admin on an editor's behalf and kept as the record of the review.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("record"))
    def record(self, obj):
        model = obj.content_type.model_class()
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.object_id])
        return format_html('<a href="{}">{} {}</a>', url, model._meta.verbose_name, obj.object_id)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/approve/",
                self.admin_site.admin_view(require_POST(self.approve_view)),
                name="{}_{}_approve".format(*info),
            ),
            path(
                "<path:object_id>/reject/",
                self.admin_site.admin_view(require_POST(self.reject_view)),
                name="{}_{}_reject".format(*info),
            ),
            *super().get_urls(),
        ]

    def _revision(self, request, object_id) -> Revision:
        revision = self.get_object(request, unquote(object_id))
        if revision is None:
            raise Http404(_("No proposed revision with this id."))
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        return revision

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method != "GET":  # decisions go to the approve and reject addresses
            return HttpResponseNotAllowed(["GET"])
        revision = self._revision(request, object_id)
        root = revision.root
        records = revision_diff(revision)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Proposed revision #%(id)s") % {"id": revision.pk},
            "opts": self.opts,
            "revision": revision,
            "root": root,
            "root_url": reverse(
                f"admin:{revision.content_type.app_label}_{revision.content_type.model}_change",
                args=[revision.object_id],
            )
            if root is not None
            else "",
            "records": records,
            "stale": revision.is_pending and any(record.stale for record in records),
            "can_review": revision.is_pending and review.can_review(request.user, revision),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.review_template, context)

    def approve_view(self, request, object_id):
        revision = self._revision(request, object_id)
        try:
            review.approve(revision, request.user)
        except review.RevisionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, _("Approved: the change is live."), messages.SUCCESS)
        return redirect(revision_url(revision))

    def reject_view(self, request, object_id):
        revision = self._revision(request, object_id)
        try:
            review.reject(revision, request.user, request.POST.get("reason", ""))
        except review.RevisionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, _("Rejected: the live version stays as it is."), messages.SUCCESS)
        return redirect(revision_url(revision))
