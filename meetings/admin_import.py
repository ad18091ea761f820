"""The admin page "Import a document": a file in, a draft meeting and its import report out."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.views.generic import FormView

from meetings.importer.errors import DocumentImportError
from meetings.importer.reading import MAX_BYTES, MAX_SIZE_TEXT
from meetings.importer.service import import_file
from meetings.models import Process


class ImportDocumentForm(forms.Form):
    file = forms.FileField(
        label="Document",
        help_text=f"A communiqué, declaration or report as .txt or .pdf (with a text layer), up to {MAX_SIZE_TEXT}.",
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
        if not upload.name.lower().endswith((".txt", ".pdf")):
            raise forms.ValidationError("Upload a .txt or .pdf file.")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / (1024 * 1024):.1f} MB; the importer accepts files up to {MAX_SIZE_TEXT}."
            )
        return upload


class ImportDocumentView(FormView):
    """Staff only (wrapped in admin_view in the URLconf), and only for those who may add meetings and documents."""

    form_class = ImportDocumentForm
    template_name = "admin/meetings/import_document.html"
    required_permissions = ("meetings.add_meeting", "meetings.add_document", "meetings.add_agreement")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.required_permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}
        context.setdefault("title", "Import a document")
        context["max_size"] = MAX_SIZE_TEXT
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        process = form.cleaned_data["process"]
        try:
            result = import_file(
                upload.read(),
                upload.name,
                process=process.slug if process else None,
                dry_run=form.cleaned_data["dry_run"],
            )
        except DocumentImportError as error:
            form.add_error("file", f"{upload.name}: {error}")
            return self.form_invalid(form)
        if result.duplicate_of is not None:
            messages.warning(self.request, f"{upload.name}: {result.summary()}")
        elif result.dry_run:
            messages.info(self.request, f"{upload.name}: {result.summary()}")
        else:
            messages.success(self.request, f"{upload.name}: {result.summary()} Check it, then publish it.")
        meeting = result.meeting or (result.duplicate_of.meeting if result.duplicate_of else None)
        return self.render_to_response(self.get_context_data(form=self.form_class(), result=result, meeting=meeting))
