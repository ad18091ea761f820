"""Documents, kept verbatim, and the agreements they set out."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.meetings import Meeting
from meetings.models.publishing import Publishable, PublishableQuerySet, ReadyQuerySetMixin, review_flag
from meetings.models.vocabulary import Country, Organisation, Topic
from meetings.uploads import validate_document_file


class DocumentKind(models.TextChoices):
    COMMUNIQUE = "communique", _("Joint communiqué")
    DECLARATION = "declaration", _("Declaration")
    REPORT = "report", _("Report")
    RAPPORTEURSHIP = "rapporteurship", _("Rapporteurship")
    SUMMARY = "summary", _("Summary")
    RESOLUTION = "resolution", _("Resolution")
    AGENDA = "agenda", _("Agenda")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    PLAN_OF_ACTION = "plan_of_action", _("Plan of action")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")


class DocumentQuerySet(ReadyQuerySetMixin, PublishableQuerySet):
    public_via = ("meeting",)


class DocumentManager(models.Manager.from_queryset(DocumentQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Document(Publishable):
    """A text a meeting produced, kept verbatim."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=400, help_text="The title as printed.")
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER, db_index=True)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH, db_index=True)
    date = models.DateField(null=True, blank=True, db_index=True, help_text="Date of adoption or issue.")
    symbol = models.CharField(
        "reference symbol", max_length=100, blank=True, help_text='As printed, e.g. "CE/AM-59/08 rev. 1".'
    )
    text = models.TextField(blank=True, help_text="The full text exactly as printed, mistakes included.")
    file = models.FileField(upload_to="documents/%Y/", blank=True, validators=[validate_document_file])
    source = models.CharField(
        max_length=500, blank=True, help_text="Where this copy comes from (an address, an archive, a file name)."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Position among the meeting's documents.")
    # A communiqué adopted in Spanish and in English is one meeting with two
    # documents: each other language version points at the first one recorded.
    version_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="versions",
        verbose_name="language version of",
        help_text="The document this one is another language version of (the same text adopted in another language).",
    )
    source_sha256 = models.CharField(
        "SHA-256 of the imported file",
        max_length=64,
        blank=True,
        editable=False,
        help_text="Set by the importer, so that importing the same file again creates nothing new.",
    )
    import_report = models.TextField(
        blank=True, help_text="What the importer recognised and the lines it could not place, for review."
    )
    import_findings = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Where in the text the importer read each value, its conflicts and the members it found absent: "
        "what the review page shows beside the text.",
    )
    needs_review = review_flag()

    objects = DocumentManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order", "title"]
        permissions = [("publish_document", "Can publish and withdraw a document")]
        constraints = [
            models.UniqueConstraint(
                fields=["source_sha256"],
                condition=~Q(source_sha256=""),
                name="document_unique_source_file",
                violation_error_message="This file has already been imported.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:document-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.meeting"]


class AgreementSection(models.TextChoices):
    """The kind of heading an agreement stands under; the heading itself is kept as printed."""

    SUBSTANTIVE = "substantive", _("Substantive matters")
    ADMINISTRATIVE = "administrative", _("Administrative matters")
    ACKNOWLEDGMENTS = "acknowledgments", _("Acknowledgments")
    WORKING_GROUP = "working_group", _("Working group proposals")
    THEMATIC = "thematic", _("Thematic area")
    FOLLOW_UP = "follow_up", _("Follow-up and next actions")
    CLOSING = "closing", _("Closing and next meeting")
    OTHER = "other", _("Other")


class AgreementKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    RECOMMENDATION = "recommendation", _("Recommendation")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    REQUEST = "request", _("Request")
    PROPOSAL = "proposal", _("Proposal")
    COMMITMENT = "commitment", _("Commitment")
    STATEMENT = "statement", _("Statement")
    OTHER = "other", _("Other")


class AgreementQuerySet(ReadyQuerySetMixin, PublishableQuerySet):
    public_via = ("document", "document__meeting")


class AgreementManager(models.Manager.from_queryset(AgreementQuerySet)):
    def get_by_natural_key(self, document_slug, order):
        return self.get(document__slug=document_slug, order=order)


class Agreement(Publishable):
    """One numbered, lettered or bulleted outcome inside a document.

    The label is kept as printed ("10.5", "b)", or nothing for a bullet); labels
    like "b)" do not sort, so the printed order is a field of its own.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="agreements")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text="The item this one is a sub-item of (9 for 9.1).",
    )
    label = models.CharField(max_length=20, blank=True, help_text='As printed: "9.1", "b)"; empty for a bullet.')
    order = models.PositiveIntegerField(help_text="Position in the document, in printed order.")
    section = models.CharField(
        max_length=20, choices=AgreementSection.choices, default=AgreementSection.OTHER, db_index=True
    )
    section_heading = models.CharField(
        max_length=300,
        blank=True,
        help_text='The heading as printed ("SUBSTANTIVE MATTERS", "a) Consular Assistance:").',
    )
    text = models.TextField(help_text="Exactly as printed.")
    kind = models.CharField(max_length=20, choices=AgreementKind.choices, default=AgreementKind.DECISION, db_index=True)
    needs_review = review_flag()
    topics = models.ManyToManyField(Topic, related_name="agreements", blank=True)
    countries = models.ManyToManyField(
        Country, related_name="agreements", blank=True, help_text="Countries it concerns."
    )
    organisations = models.ManyToManyField(
        Organisation, related_name="agreements", blank=True, help_text="Organisations it concerns."
    )

    objects = AgreementManager()
    history = HistoricalRecords(m2m_fields=[topics, countries, organisations])

    class Meta:
        ordering = ["document", "order"]
        permissions = [("publish_agreement", "Can publish and withdraw an agreement")]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "order"],
                name="agreement_unique_order",
                violation_error_message="Another agreement of this document already has this position.",
            ),
            # A communiqué may restart its numbering under each heading (the VII
            # RCM has a "1." in substantive and in administrative matters), so a
            # printed label is unique within its document's heading.
            models.UniqueConstraint(
                fields=["document", "section_heading", "label"],
                condition=~Q(label=""),
                name="agreement_unique_label",
                violation_error_message="This label is already used under the same heading of this document.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="agreement_not_own_parent",
                violation_error_message="An agreement cannot be its own parent.",
            ),
        ]

    def __str__(self):
        head = f"{self.label} " if self.label else ""
        return f"{head}{self.text[:80]}"

    def get_absolute_url(self):
        return reverse("meetings:agreement-detail", args=[self.pk])

    @property
    def anchor(self) -> str:
        """The fragment that points at this agreement inside its document's page."""
        return f"agreement-{self.pk}"

    def natural_key(self):
        return (self.document.slug, self.order)

    natural_key.dependencies = ["meetings.document", "meetings.topic", "meetings.organisation"]


class RelationKind(models.TextChoices):
    REAFFIRMS = "reaffirms", _("reaffirms")
    FOLLOWS_UP = "follows_up", _("follows up")
    AMENDS = "amends", _("amends")
    SUPERSEDES = "supersedes", _("supersedes")


#: How a relation reads from the later agreement's side and from the earlier one's.
RELATION_INVERSE = {
    RelationKind.REAFFIRMS: _("reaffirmed by"),
    RelationKind.FOLLOWS_UP: _("followed up by"),
    RelationKind.AMENDS: _("amended by"),
    RelationKind.SUPERSEDES: _("superseded by"),
}


class AgreementRelationManager(models.Manager):
    def get_by_natural_key(self, source_document, source_order, target_document, target_order, kind):
        return self.get(
            source__document__slug=source_document,
            source__order=source_order,
            target__document__slug=target_document,
            target__order=target_order,
            kind=kind,
        )


class AgreementRelation(models.Model):
    """A typed link from a later agreement to an earlier one ("9.2 follows up 4")."""

    source = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="relations_out")
    kind = models.CharField(max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="relations_in")
    note = models.CharField(max_length=300, blank=True)

    objects = AgreementRelationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="relation_unique"),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="relation_not_to_itself",
                violation_error_message="An agreement cannot be linked to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    @property
    def inverse_label(self) -> str:
        return RELATION_INVERSE[self.kind]

    def natural_key(self):
        return (*self.source.natural_key(), *self.target.natural_key(), self.kind)

    natural_key.dependencies = ["meetings.agreement"]
