"""Drafts, publishing and withdrawing in the admin.

Publishing goes through the "Publish selected" and "Withdraw selected" actions
(for holders of the publish permissions only, and checked again in
`meetings.services`); a record's status is never edited in a form. A published
record cannot be deleted, only withdrawn.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import model_ngettext, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings import services
from meetings.admin import proposals
from meetings.admin.base import ArchiveAdmin, admin_link
from meetings.models import PublicationStatus
from meetings.revisions import review


class KeepPublishedFormSet(BaseInlineFormSet):
    """Inline rows of published records: never deleted (they are withdrawn instead).

    An editor's change to a published row is kept as a proposal for a
    publisher, like any change to live content (`ArchiveAdmin`).
    """

    def clean(self):
        super().clean()
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
            path(
                "<path:object_id>/propose-withdrawal/",
                self.admin_site.admin_view(self.propose_withdrawal_view),
                name="{}_{}_propose_withdrawal".format(*info),
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

    def propose_withdrawal_view(self, request, object_id):
        """An editor's "Propose withdrawal…": a publisher decides (publishers withdraw directly)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this id.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if self.has_publish_permission(request):
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_withdraw", args=[obj.pk]))
        if obj.status != PublicationStatus.PUBLISHED:
            self.message_user(request, _("“%(record)s” is not published.") % {"record": obj}, messages.ERROR)
            return redirect(self._change_url(obj))
        if request.method == "POST":
            revision = review.propose_withdrawal(request.user, obj, request.POST.get("note", "").strip()[:200])
            self.message_user(
                request,
                _("Your proposal to withdraw “%(record)s” waits for a publisher's review.") % {"record": obj},
                messages.SUCCESS,
            )
            return redirect(proposals.revision_url(revision))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Propose to withdraw “%(record)s” from public view?") % {"record": obj},
            "opts": self.opts,
            "object": obj,
            "change_url": self._change_url(obj),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/meetings/propose_withdrawal.html", context)

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
