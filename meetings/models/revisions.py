"""Revisions: an editor's proposed change to published records, waiting beside the live version.

The public only ever reads the live tables; a revision holds, as JSON, the
state of every record the editor's change touched before and after it
(`meetings.revisions`), until a publisher approves it (the "after" states are
written to the live records in one transaction) or rejects it with a reason.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class RevisionKind(models.TextChoices):
    CHANGE = "change", _("Change")
    WITHDRAW = "withdraw", _("Withdrawal")


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=RevisionStatus.PENDING)

    def of(self, record: models.Model):
        """The revisions whose published root is `record`."""
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)


class Revision(models.Model):
    """A proposed change to published records (or a proposed withdrawal of one), and its review."""

    #: The published record the change belongs to (the meeting of a new participation, ...).
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    root = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=10, choices=RevisionKind.choices, default=RevisionKind.CHANGE)
    summary = models.CharField(_("what was proposed"), max_length=300)
    #: [{"model": "meetings.participation", "pk": 3, "before": {...} | null, "after": {...} | null}, ...]
    changes = models.JSONField(default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="revisions_proposed", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    status = models.CharField(max_length=10, choices=RevisionStatus.choices, default=RevisionStatus.PENDING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions_reviewed",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reason = models.TextField(_("reviewer's reason"), blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("proposed revision")
        verbose_name_plural = _("proposed revisions")
        indexes = [
            models.Index(fields=["status", "created_at"], name="revision_status_created_idx"),
            models.Index(fields=["content_type", "object_id", "status"], name="revision_root_status_idx"),
        ]

    def __str__(self):
        return f"#{self.pk}: {self.summary}"

    @property
    def is_pending(self) -> bool:
        return self.status == RevisionStatus.PENDING
