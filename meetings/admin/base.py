"""What every admin page of the archive shares: the site's titles, history on every page."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

admin.site.site_header = "migconf — secretariat"
admin.site.site_title = "migconf admin"
admin.site.index_title = "Records of meetings on migration"

# Addresses typed without a scheme are taken as https, as Django 6 will.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


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
