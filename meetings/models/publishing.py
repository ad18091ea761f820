"""Publication states and the one rule for what the public may see: `PublishableQuerySet.public()`."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PublishableQuerySet(models.QuerySet):
    """Querysets of records that the public sees only once published.

    A record is public when it is published *and* so is every record it
    depends on: an agreement of a draft meeting stays hidden even if the
    agreement itself was marked published. Subclasses name those dependencies.
    """

    #: Lookup paths to required parent records that have their own status.
    public_via: tuple[str, ...] = ()
    #: False for records that have no status and follow their parents only.
    own_status: bool = True

    def public(self):
        condition = Q(status=PublicationStatus.PUBLISHED) if self.own_status else Q()
        for path in self.public_via:
            condition &= Q(**{f"{path}__status": PublicationStatus.PUBLISHED})
        return self.filter(condition)

    def drafts(self):
        return self.filter(status=PublicationStatus.DRAFT)


class ReadyQuerySetMixin:
    """For records published along with their meeting (documents, agreements, action items)."""

    def ready(self):
        """Drafts that go public when the record above them is published.

        A withdrawn record stays withdrawn, and a draft that an editor held back
        for review stays a draft, until a publisher publishes it on its own.
        """
        return self.filter(status=PublicationStatus.DRAFT, needs_review=False)


def review_flag() -> models.BooleanField:
    """The editor's "not yet": keeps a draft out when the record above it is published."""
    return models.BooleanField(
        "held back for review",
        default=False,
        help_text="Keep this draft out when its meeting is published, until it has been checked.",
    )


class Publishable(models.Model):
    status = models.CharField(
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED
