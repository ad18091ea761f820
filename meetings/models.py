"""The archive's records: processes, meetings, who took part, what they produced.

Reference data (countries, organisations, people, topics, processes) is public
vocabulary. Content records (meetings, documents, agreements, action items)
carry a publication status, and `PublishableQuerySet.public()` is the one place
that decides what the public may see.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from meetings.text import normalize_name


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


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


# --------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------


class CountryQuerySet(models.QuerySet):
    def resolve(self, name: str) -> Country | None:
        """The country a document means by `name` ("Belice", "the Oriental Republic of Uruguay", "MEX")."""
        key = normalize_name(name)
        if not key:
            return None
        alias = CountryAlias.objects.filter(normalized=key).select_related("country").first()
        if alias:
            return alias.country
        if len(key) == 3:
            return self.filter(alpha3__iexact=key).first()
        return None


class CountryManager(models.Manager.from_queryset(CountryQuerySet)):
    def get_by_natural_key(self, alpha3):
        return self.get(alpha3=alpha3)


class Country(models.Model):
    """An ISO 3166-1 country, with the names documents use for it."""

    alpha2 = models.CharField("ISO alpha-2", max_length=2, unique=True)
    alpha3 = models.CharField("ISO alpha-3", max_length=3, unique=True)
    numeric = models.CharField("ISO numeric", max_length=3, unique=True)
    name = models.CharField("English name", max_length=100, unique=True)
    name_es = models.CharField("Spanish name", max_length=100, blank=True)
    official_name = models.CharField(max_length=150, blank=True)

    objects = CountryManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:country-detail", args=[self.alpha3])

    def natural_key(self):
        return (self.alpha3,)


class CountryAliasManager(models.Manager):
    def get_by_natural_key(self, normalized):
        return self.get(normalized=normalized)


class CountryAlias(models.Model):
    """Another name under which a country appears in documents ("Brasil", "the Bolivarian Republic of Venezuela")."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=150)
    # Case, accents, punctuation and a leading "the" do not distinguish names,
    # so lookups go through this folded form and it must be unique.
    normalized = models.CharField(max_length=150, unique=True, editable=False)

    objects = CountryAliasManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name_plural = "country aliases"

    def __str__(self):
        return f"{self.name} → {self.country.name}"

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.normalized,)

    natural_key.dependencies = ["meetings.country"]


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Topic(models.Model):
    """A theme from the archive's controlled vocabulary."""

    name = models.CharField("English name", max_length=100, unique=True)
    name_es = models.CharField("Spanish name", max_length=100, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    description = models.TextField(blank=True)

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:topic-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class Process(models.Model):
    """A regional consultative process or other forum that holds meetings on migration."""

    name = models.CharField(max_length=200, unique=True)
    name_es = models.CharField("Spanish name", max_length=200, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    acronym = models.CharField(max_length=20, blank=True)
    acronym_es = models.CharField("Spanish acronym", max_length=20, blank=True)
    other_names = models.CharField(
        max_length=300, blank=True, help_text='Other names, separated by semicolons ("Puebla Process").'
    )
    region = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    countries = models.ManyToManyField(Country, through="ProcessMembership", related_name="processes")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "processes"

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("meetings:process-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class MembershipRole(models.TextChoices):
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"


class ProcessMembershipManager(models.Manager):
    def get_by_natural_key(self, process_slug, alpha3, role, since):
        return self.get(process__slug=process_slug, country__alpha3=alpha3, role=role, since=since)


class ProcessMembership(models.Model):
    """A country's membership of a process, or observer status, over a span of time."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="memberships")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="process_memberships")
    role = models.CharField(max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    since = models.DateField(null=True, blank=True, help_text="Empty when not known.")
    until = models.DateField(null=True, blank=True, help_text="Empty while it lasts.")

    objects = ProcessMembershipManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["process", "country__name"]
        constraints = [
            models.UniqueConstraint(fields=["process", "country", "role", "since"], name="membership_unique_per_start"),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_until_not_before_since",
                violation_error_message="A membership cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.country} – {self.get_role_display()} of {self.process.acronym or self.process}"

    def natural_key(self):
        return (self.process.slug, self.country.alpha3, self.role, self.since)

    natural_key.dependencies = ["meetings.process", "meetings.country"]


class OrganisationKind(models.TextChoices):
    INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental organisation"
    UN = "un", "United Nations entity"
    REGIONAL = "regional", "Regional organisation"
    PROCESS_BODY = "process_body", "Body of a process"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    HUMANITARIAN = "humanitarian", "Humanitarian organisation"
    ACADEMIC = "academic", "Academic institution"
    PRIVATE = "private", "Private sector"
    GOVERNMENT = "government", "Government agency"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """An organisation that attends meetings or carries commitments.

    The bodies of a process (its Technical Secretariat, its Presidency
    Pro-Tempore, a liaison-officer network, an ad-hoc group) are organisations
    of kind "body of a process" tied to that process, so that commitments can
    name them as they name IOM.
    """

    name = models.CharField(max_length=200, unique=True)
    name_es = models.CharField("Spanish name", max_length=200, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    process = models.ForeignKey(
        Process,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        help_text="For a body of a process (its secretariat, presidency, networks).",
    )
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("meetings:organisation-detail", args=[self.slug])

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.process"]


class Person(models.Model):
    """An official or speaker named in the records."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    honorific = models.CharField(max_length=30, blank=True, help_text='"Mr.", "Mrs.", "Prof.", ...')
    position = models.CharField(max_length=300, blank=True, help_text="Title as given in the document.")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    country = models.ForeignKey(Country, on_delete=models.SET_NULL, null=True, blank=True, related_name="people")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.organisation", "meetings.country"]


# --------------------------------------------------------------------------
# Meetings and what they produce
# --------------------------------------------------------------------------


class MeetingQuerySet(PublishableQuerySet):
    pass


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class MeetingKind(models.TextChoices):
    VICE_MINISTERIAL = "vice_ministerial", "Vice-ministerial conference"
    MINISTERIAL = "ministerial", "Ministerial meeting"
    PLENARY = "plenary", "Plenary meeting"
    TECHNICAL = "technical", "Technical group meeting"
    LIAISON_NETWORK = "liaison_network", "Liaison-officer network meeting"
    COMMITTEE = "committee", "Committee session"
    FORUM = "forum", "Forum"
    WORKSHOP = "workshop", "Workshop"
    SEMINAR = "seminar", "Seminar"
    OTHER = "other", "Other"


class Meeting(Publishable):
    """One meeting of one or more processes."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=150, unique=True)
    processes = models.ManyToManyField(Process, related_name="meetings", blank=True)
    edition = models.CharField(max_length=20, blank=True, help_text='As printed: "VII", "XV".')
    edition_number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The edition as a number (7 for VII), for sorting."
    )
    kind = models.CharField(max_length=20, choices=MeetingKind.choices, default=MeetingKind.OTHER, db_index=True)
    start_date = models.DateField()
    end_date = models.DateField()
    city = models.CharField(max_length=100, blank=True)
    host_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings_hosted"
    )
    venue = models.CharField(max_length=300, blank=True)
    theme = models.CharField(max_length=300, blank=True)
    presidency = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presidencies",
        verbose_name="presidency pro tempore",
    )
    summary = models.TextField(blank=True)

    objects = MeetingManager()
    history = HistoricalRecords(m2m_fields=[processes])

    class Meta:
        ordering = ["-start_date", "title"]
        permissions = [("publish_meeting", "Can publish and withdraw a meeting with what it produced")]
        indexes = [
            models.Index(fields=["start_date"], name="meeting_start_date_idx"),
            models.Index(fields=["status", "start_date"], name="meeting_status_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="meeting_end_not_before_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date:%Y})"

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", args=[self.slug])

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.host_country.name if self.host_country else "") if part)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["meetings.process", "meetings.country"]


class ParticipationRole(models.TextChoices):
    MEMBER = "member", "Member"
    PARTICIPANT = "participant", "Participant"
    OBSERVER = "observer", "Observer"
    HOST = "host", "Host"
    PRESIDENCY = "presidency", "Presidency pro tempore"
    ORGANISER = "organiser", "Organiser"
    INVITED = "invited", "Invited organisation"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    SECRETARIAT = "secretariat", "Secretariat"
    SPEAKER = "speaker", "Speaker"
    MODERATOR = "moderator", "Moderator or chair"


class ParticipationQuerySet(PublishableQuerySet):
    own_status = False
    public_via = ("meeting",)


class ParticipationManager(models.Manager.from_queryset(ParticipationQuerySet)):
    def get_by_natural_key(self, meeting_slug, alpha3, organisation_slug, person_slug, role):
        return self.get(
            meeting__slug=meeting_slug,
            country__alpha3=alpha3,
            organisation__slug=organisation_slug,
            person__slug=person_slug,
            role=role,
        )


class Participation(models.Model):
    """A country or an organisation taking part in a meeting, in a role.

    A speaker is a participation too: the person, and the country or
    organisation they spoke for.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="participations"
    )
    role = models.CharField(max_length=20, choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="participations")
    note = models.CharField(max_length=300, blank=True)

    objects = ParticipationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "role", "country__name", "organisation__name"]
        indexes = [
            models.Index(fields=["country", "role"], name="participation_country_role_idx"),
            # "Meetings this country took part in" is the lists' country filter and facet.
            models.Index(fields=["country", "meeting"], name="participation_country_meet_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(country__isnull=False, organisation__isnull=True)
                    | Q(country__isnull=True, organisation__isnull=False)
                ),
                name="participation_country_xor_organisation",
                violation_error_message="Name either a country or an organisation, not both and not neither.",
            ),
            models.UniqueConstraint(
                fields=["meeting", "country", "role"],
                condition=Q(country__isnull=False, person__isnull=True),
                name="participation_unique_country_role",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation", "role"],
                condition=Q(organisation__isnull=False, person__isnull=True),
                name="participation_unique_organisation_role",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person", "role"],
                condition=Q(person__isnull=False),
                name="participation_unique_person_role",
            ),
        ]

    def __str__(self):
        who = self.country or self.organisation
        if self.person_id:
            who = f"{self.person} ({who})"
        return f"{who} – {self.get_role_display()}"

    @property
    def participant(self):
        return self.country or self.organisation

    def natural_key(self):
        return (
            self.meeting.slug,
            self.country.alpha3 if self.country_id else None,
            self.organisation.slug if self.organisation_id else None,
            self.person.slug if self.person_id else None,
            self.role,
        )

    natural_key.dependencies = [
        "meetings.meeting",
        "meetings.country",
        "meetings.organisation",
        "meetings.person",
    ]


class DocumentKind(models.TextChoices):
    COMMUNIQUE = "communique", "Joint communiqué"
    DECLARATION = "declaration", "Declaration"
    REPORT = "report", "Report"
    RAPPORTEURSHIP = "rapporteurship", "Rapporteurship"
    SUMMARY = "summary", "Summary"
    RESOLUTION = "resolution", "Resolution"
    AGENDA = "agenda", "Agenda"
    CONCEPT_NOTE = "concept_note", "Concept note"
    PLAN_OF_ACTION = "plan_of_action", "Plan of action"
    OTHER = "other", "Other"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"
    PORTUGUESE = "pt", "Portuguese"
    FRENCH = "fr", "French"


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
    file = models.FileField(upload_to="documents/%Y/", blank=True)
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

    SUBSTANTIVE = "substantive", "Substantive matters"
    ADMINISTRATIVE = "administrative", "Administrative matters"
    ACKNOWLEDGMENTS = "acknowledgments", "Acknowledgments"
    WORKING_GROUP = "working_group", "Working group proposals"
    THEMATIC = "thematic", "Thematic area"
    FOLLOW_UP = "follow_up", "Follow-up and next actions"
    CLOSING = "closing", "Closing and next meeting"
    OTHER = "other", "Other"


class AgreementKind(models.TextChoices):
    DECISION = "decision", "Decision"
    RECOMMENDATION = "recommendation", "Recommendation"
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    REQUEST = "request", "Request"
    PROPOSAL = "proposal", "Proposal"
    COMMITMENT = "commitment", "Commitment"
    STATEMENT = "statement", "Statement"
    OTHER = "other", "Other"


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
    REAFFIRMS = "reaffirms", "reaffirms"
    FOLLOWS_UP = "follows_up", "follows up"
    AMENDS = "amends", "amends"
    SUPERSEDES = "supersedes", "supersedes"


#: How a relation reads from the later agreement's side and from the earlier one's.
RELATION_INVERSE = {
    RelationKind.REAFFIRMS: "reaffirmed by",
    RelationKind.FOLLOWS_UP: "followed up by",
    RelationKind.AMENDS: "amended by",
    RelationKind.SUPERSEDES: "superseded by",
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


class ActionItemStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


#: Follow-up statuses of a commitment that is still to be done.
OPEN_PROGRESS = (ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS)


class ActionItemQuerySet(ReadyQuerySetMixin, PublishableQuerySet):
    public_via = ("meeting",)

    def public(self):
        # An item set by the meeting as a whole has no agreement; one tied to
        # an agreement follows that agreement's visibility too.
        agreement_public = Q(agreement__isnull=True) | Q(
            agreement__status=PublicationStatus.PUBLISHED,
            agreement__document__status=PublicationStatus.PUBLISHED,
        )
        return super().public().filter(agreement_public)

    def open(self):
        """Commitments still to be done: open or in progress (done and dropped ones are closed)."""
        return self.filter(progress__in=OPEN_PROGRESS)

    def set_before(self, meeting: Meeting):
        """Commitments set by meetings of the same process(es) as `meeting` that took place before it."""
        return self.filter(
            meeting__start_date__lt=meeting.start_date,
            meeting__in=Meeting.objects.filter(processes__in=meeting.processes.all()),
        )

    def with_effective_due_date(self, meetings: models.QuerySet | None = None):
        """Annotate `effective_due_date`: the date by which each commitment is due, when there is one.

        That is the due date when known; otherwise, for a relative deadline
        ("before the next vice-ministerial meeting"), the start date of the next
        meeting of that kind of the same process, once it is recorded. Until then
        it is None and the commitment cannot be overdue. `meetings` are those that
        count as recorded: the public tracker passes `Meeting.objects.public()`
        so that a draft meeting's date stays unpublished.
        """
        if "effective_due_date" in self.query.annotations:
            return self
        meetings = Meeting.objects.all() if meetings is None else meetings
        next_meeting = (
            meetings.filter(
                kind=OuterRef("due_next_meeting_kind"),
                start_date__gt=OuterRef("meeting__start_date"),
                processes__meetings=OuterRef("meeting"),
            )
            .order_by("start_date")
            .values("start_date")[:1]
        )
        return self.annotate(effective_due_date=Coalesce("due_date", Subquery(next_meeting)))

    def overdue(self, on: datetime.date, meetings: models.QuerySet | None = None):
        """Commitments past due on the date `on` and still open (taking an explicit date keeps tests off today)."""
        return self.open().with_effective_due_date(meetings).filter(effective_due_date__lt=on)


class ActionItemManager(models.Manager.from_queryset(ActionItemQuerySet)):
    def get_by_natural_key(self, meeting_slug, order):
        return self.get(meeting__slug=meeting_slug, order=order)


class ActionItem(Publishable):
    """A follow-up commitment set by a meeting, usually by one of its agreements."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", help_text="The meeting that set it."
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    order = models.PositiveSmallIntegerField(default=1, help_text="Position among the meeting's action items.")
    description = models.TextField(help_text="What is to be done.")
    responsible_countries = models.ManyToManyField(Country, related_name="action_items", blank=True)
    responsible_organisations = models.ManyToManyField(
        Organisation,
        related_name="action_items",
        blank=True,
        help_text="Organisations, or bodies of a process (Presidency Pro-Tempore, Technical Secretariat, networks).",
    )
    due_date = models.DateField(null=True, blank=True, db_index=True, help_text="The exact or latest date, when known.")
    due_text = models.CharField(
        "due as written", max_length=200, blank=True, help_text='"within a period of 30 days", "during 2013".'
    )
    due_next_meeting_kind = models.CharField(
        "due before the next meeting of kind",
        max_length=20,
        choices=MeetingKind.choices,
        blank=True,
        help_text='For a relative deadline ("before the next vice-ministerial meeting"): it takes its date '
        "from the next meeting of this kind of the same process, once that meeting is recorded.",
    )
    progress = models.CharField(
        "follow-up status",
        max_length=12,
        choices=ActionItemStatus.choices,
        default=ActionItemStatus.OPEN,
        db_index=True,
    )
    notes = models.TextField(blank=True)
    needs_review = review_flag()
    reported_done_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items_reported_done",
        help_text="The later meeting at which it was reported done.",
    )

    objects = ActionItemManager()
    history = HistoricalRecords(m2m_fields=[responsible_countries, responsible_organisations])

    class Meta:
        ordering = ["meeting", "order"]
        permissions = [("publish_actionitem", "Can publish and withdraw an action item")]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="action_item_unique_order"),
        ]

    def __str__(self):
        return self.description[:100]

    def get_absolute_url(self):
        return reverse("meetings:commitment-detail", args=[self.pk])

    def natural_key(self):
        return (self.meeting.slug, self.order)

    natural_key.dependencies = ["meetings.meeting", "meetings.agreement", "meetings.organisation"]


class ActionItemStatusChangeQuerySet(PublishableQuerySet):
    own_status = False

    def public(self):
        return self.filter(action_item__in=ActionItem.objects.public())


class ActionItemStatusChange(models.Model):
    """A dated step in a commitment's follow-up (open → in progress → done), as reported."""

    action_item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="status_changes")
    progress = models.CharField("new status", max_length=12, choices=ActionItemStatus.choices)
    date = models.DateField(help_text="When the change happened or was reported.")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_item_status_changes",
        help_text="The meeting at which it was reported, if any.",
    )
    note = models.TextField(blank=True)

    objects = ActionItemStatusChangeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_item", "date", "id"]
        indexes = [models.Index(fields=["action_item", "date"], name="status_change_item_date_idx")]

    def __str__(self):
        return f"{self.get_progress_display()} on {self.date:%Y-%m-%d}"
