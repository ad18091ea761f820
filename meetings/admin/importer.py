"""The admin pages of the importer.

- "Import a document": a file in, a draft meeting (or, for a meeting already in the archive, an
  offer to attach the document to it) and its import report out.
- "Review an import": the draft's extracted values beside the document's text, each linked to the
  highlighted passage it was read from, with the lines not placed, the conflicts and the members
  found absent; staff correct the meeting's values and accept the document, which a publisher then
  publishes through the usual review.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView

from meetings.admin import proposals
from meetings.importer.errors import DocumentImportError
from meetings.importer.reading import EXTENSIONS, MAX_BYTES, MAX_SIZE_TEXT
from meetings.importer.review import highlighted_text, review_rows
from meetings.importer.service import ATTACH, NEW, OFFER, import_file
from meetings.models import Country, Document, Meeting, Process

#: Uploads waiting for staff to say whether to attach them to the meeting they match; a day at most.
PENDING_SECONDS = 24 * 3600


def pending_folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "import-pending"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class ImportDocumentForm(forms.Form):
    file = forms.FileField(
        label="Document",
        help_text=f"A communiqué, declaration or report ({', '.join(EXTENSIONS)}; scans are read by OCR), "
        f"up to {MAX_SIZE_TEXT}.",
    )
    process = forms.ModelChoiceField(
        queryset=Process.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Recognise it from the document",
        help_text="The process the meeting belongs to, if the document does not say.",
    )
    dry_run = forms.BooleanField(
        label="Dry run", required=False, help_text="Only show what would be imported; create nothing."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(f"Upload one of: {', '.join(EXTENSIONS)}.")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / (1024 * 1024):.1f} MB; the importer accepts files up to {MAX_SIZE_TEXT}."
            )
        return upload


class _ImporterPermissions:
    required_permissions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.required_permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportDocumentView(_ImporterPermissions, FormView):
    """Staff only (wrapped in admin_view in the URLconf), and only for those who may add meetings and documents."""

    form_class = ImportDocumentForm
    template_name = "admin/meetings/import_document.html"
    required_permissions = ("meetings.add_meeting", "meetings.add_document", "meetings.add_agreement")

    def get_context_data(self, **kwargs):
        context = {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}
        context.setdefault("title", "Import a document")
        context["max_size"] = MAX_SIZE_TEXT
        context["extensions"] = ", ".join(EXTENSIONS)
        return context

    def post(self, request, *args, **kwargs):
        if "pending" in request.POST:
            return self.decide(request.POST["pending"], request.POST.get("decision", ""))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        process = form.cleaned_data["process"]
        data = upload.read()
        return self.run(
            data, upload.name, form, process=process.slug if process else None, dry_run=form.cleaned_data["dry_run"]
        )

    def run(self, data: bytes, name: str, form, on_match: str = OFFER, **options):
        try:
            result = import_file(data, name, on_match=on_match, user=self.request.user, **options)
        except DocumentImportError as error:
            return self.refuse(form, f"{name}: {error}")
        pending = ""
        if result.duplicate_of is not None:
            messages.warning(self.request, f"{name}: {result.summary()}")
        elif result.offered and not result.dry_run:
            pending = self.keep(data, name, options.get("process"))
            messages.warning(self.request, f"{name}: {result.summary()}")
        elif result.dry_run:
            messages.info(self.request, f"{name}: {result.summary()}")
        else:
            messages.success(self.request, f"{name}: {result.summary()} Review it, then publish it.")
        meeting = result.meeting or (result.duplicate_of.meeting if result.duplicate_of else None)
        if result.match and meeting is None:
            meeting = result.match.meeting
        context = self.get_context_data(form=self.form_class(), result=result, meeting=meeting, pending=pending)
        return self.render_to_response(context)

    # -- an upload waiting for "attach" or "new meeting" ------------------------------

    def keep(self, data: bytes, name: str, process: str | None) -> str:
        folder = pending_folder()
        for stale in folder.iterdir():
            if stale.stat().st_mtime < time.time() - PENDING_SECONDS:
                stale.unlink(missing_ok=True)
        token = hashlib.sha256(data).hexdigest()
        (folder / token).write_bytes(data)
        (folder / f"{token}.name").write_text(f"{process or ''}\n{name}", encoding="utf-8")
        return token

    def refuse(self, form, message: str):
        """The reason on the form: on the file field of an upload, as a message for a decision on a kept one."""
        if form.is_bound:
            form.add_error("file", message)
            return self.form_invalid(form)
        messages.error(self.request, message)
        return self.render_to_response(self.get_context_data(form=form))

    def decide(self, token: str, decision: str):
        folder = pending_folder()
        form = self.form_class()
        if len(token) != 64 or not all(c in "0123456789abcdef" for c in token) or not (folder / token).exists():
            return self.refuse(
                form,
                "That upload is no longer waiting (it was decided, or kept more than a day): upload the file again.",
            )
        if decision not in (ATTACH, NEW):
            return self.refuse(form, "Choose to attach the document or to create a new meeting.")
        process, _, name = (folder / f"{token}.name").read_text(encoding="utf-8").partition("\n")
        data = (folder / token).read_bytes()
        response = self.run(data, name, form, on_match=decision, process=process or None)
        (folder / token).unlink(missing_ok=True)
        (folder / f"{token}.name").unlink(missing_ok=True)
        return response


class MeetingCorrectionForm(forms.ModelForm):
    host_country = forms.ModelChoiceField(queryset=Country.objects.order_by("name"), required=False)

    class Meta:
        model = Meeting
        fields = ["title", "start_date", "end_date", "city", "host_country", "venue"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }  # noqa: E501 - a pattern or message reads better on one line


class ReviewImportView(_ImporterPermissions, TemplateView):
    """The imported document's values beside its text; correct the meeting and accept the document."""

    template_name = "admin/meetings/import_review.html"
    required_permissions = ("meetings.change_meeting", "meetings.change_document")

    def get_document(self) -> Document:
        return get_object_or_404(Document.objects.select_related("meeting", "version_of"), pk=self.kwargs["pk"])

    def get_context_data(self, form=None, **kwargs):
        document = self.get_document()
        findings = document.import_findings or {}
        context = {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}
        context.update(
            title=f"Review the import of “{document.title}”",
            document=document,
            meeting=document.meeting,
            findings=findings,
            rows=review_rows(document, findings),
            text_html=highlighted_text(document.text, findings),
            form=form or MeetingCorrectionForm(instance=document.meeting),
        )
        return context

    def post(self, request, *args, **kwargs):
        # A published meeting's corrections wait for a publisher, as on the meeting's own page.
        return proposals.save_or_propose(request, lambda: self.correct(request))

    def correct(self, request):
        document = self.get_document()
        form = MeetingCorrectionForm(request.POST, instance=document.meeting)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        with transaction.atomic():
            if form.has_changed():
                meeting = form.save(commit=False)
                meeting._history_user = request.user
                meeting._change_reason = f"Corrected on the import review of document {document.pk}"
                meeting.save()
            if "accept" in request.POST and document.needs_review:
                document.needs_review = False
                document._history_user = request.user
                document._change_reason = "Import checked and accepted on the review page"
                document.save(update_fields=["needs_review", "updated_at"])
        if "accept" in request.POST:
            messages.success(
                request, f"“{document.title}” is accepted: a publisher can now publish it with its meeting."
            )  # noqa: E501 - a pattern or message reads better on one line
            return redirect("admin:meetings_meeting_change", document.meeting.pk)
        messages.success(request, "Corrections saved.")
        return redirect("import-review", document.pk)


urlpatterns = [
    # Before the admin's own URLs, which would otherwise read "import" as a model name.
    path("admin/meetings/import/", admin.site.admin_view(ImportDocumentView.as_view()), name="import-document"),
    path(
        "admin/meetings/import/review/<int:pk>/",
        admin.site.admin_view(ReviewImportView.as_view()),
        name="import-review",
    ),
]


def review_url(document: Document) -> str:
    return reverse("import-review", args=[document.pk])
