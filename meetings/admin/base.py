"""What every admin page of the archive shares: the site's titles, history on every page."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from meetings.admin import proposals

admin.site.site_header = "migconf — secretariat"
admin.site.site_title = "migconf admin"
admin.site.index_title = "Records of meetings on migration"

# Addresses typed without a scheme are taken as https, as Django 6 will.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class ArchiveAdmin(SimpleHistoryAdmin):
    """Every page of the archive keeps its history, viewable and restorable from the record's page.

    Each view that writes runs through `proposals.save_or_propose`: an
    editor's change to live content (a published record, or one hanging off
    it) is kept as a proposal for a publisher instead of going live.
    """

    change_form_template = "admin/meetings/archive_change_form.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history lets anyone who may *view* a record POST a revert
        # (it only hides the button); restoring a version is a change.
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))  # None once deleted
            if not self.has_change_history_permission(request, current):
                raise PermissionDenied
        return proposals.save_or_propose(
            request, lambda: super(ArchiveAdmin, self).history_form_view(request, object_id, version_id, extra_context)
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            extra_context = {**proposals.notice_context(request, obj), **(extra_context or {})}
        return proposals.save_or_propose(
            request, lambda: super(ArchiveAdmin, self).changeform_view(request, object_id, form_url, extra_context)
        )

    def delete_view(self, request, object_id, extra_context=None):
        return proposals.save_or_propose(
            request, lambda: super(ArchiveAdmin, self).delete_view(request, object_id, extra_context)
        )

    def changelist_view(self, request, extra_context=None):
        # The actions ("Delete selected") and list editing write from the change list.
        return proposals.save_or_propose(
            request, lambda: super(ArchiveAdmin, self).changelist_view(request, extra_context)
        )


def admin_link(record: models.Model) -> dict[str, str]:
    """What a confirmation page shows of a record: its kind, its name and its admin page."""
    opts = record._meta
    return {
        "kind": str(opts.verbose_name),
        "text": str(record),
        "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]),
    }
