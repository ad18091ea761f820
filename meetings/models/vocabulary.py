"""Reference data: countries and their aliases, topics, processes and memberships, organisations, people.

This is public vocabulary: it has no publication state of its own.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.text import normalize_name


def _in_spanish() -> bool:
    return (translation.get_language() or "").startswith("es")


def localised(english: str, spanish: str) -> str:
    """The name a reader of the active language knows: the Spanish one on Spanish pages when there is one."""
    return spanish if spanish and _in_spanish() else english


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
        return self.local_name

    def get_absolute_url(self):
        return reverse("meetings:country-detail", args=[self.alpha3])

    def natural_key(self):
        return (self.alpha3,)

    @property
    def local_name(self) -> str:
        return localised(self.name, self.name_es)


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
        return self.local_name

    def get_absolute_url(self):
        return reverse("meetings:topic-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def local_name(self) -> str:
        return localised(self.name, self.name_es)


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
        return f"{self.local_name} ({self.local_acronym})" if self.local_acronym else self.local_name

    def get_absolute_url(self):
        return reverse("meetings:process-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def local_name(self) -> str:
        return localised(self.name, self.name_es)

    @property
    def local_acronym(self) -> str:
        return localised(self.acronym, self.acronym_es)


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


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
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
    UN = "un", _("United Nations entity")
    REGIONAL = "regional", _("Regional organisation")
    PROCESS_BODY = "process_body", _("Body of a process")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    HUMANITARIAN = "humanitarian", _("Humanitarian organisation")
    ACADEMIC = "academic", _("Academic institution")
    PRIVATE = "private", _("Private sector")
    GOVERNMENT = "government", _("Government agency")
    OTHER = "other", _("Other")


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
    acronym_es = models.CharField(
        "Spanish acronym",
        max_length=30,
        blank=True,
        help_text="As Spanish texts write it (OIM for IOM, ACNUR for UNHCR).",
    )
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
        return f"{self.local_name} ({self.local_acronym})" if self.local_acronym else self.local_name

    def get_absolute_url(self):
        return reverse("meetings:organisation-detail", args=[self.slug])

    @property
    def local_name(self) -> str:
        return localised(self.name, self.name_es)

    @property
    def local_acronym(self) -> str:
        # A Spanish page falls back to the English acronym only when no Spanish one is known.
        return localised(self.acronym, self.acronym_es)

    @property
    def short_name(self) -> str:
        return self.local_acronym or self.local_name

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
