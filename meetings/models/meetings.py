"""Meetings and who took part in them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.publishing import Publishable, PublishableQuerySet
from meetings.models.vocabulary import Country, Organisation, Person, Process


class MeetingQuerySet(PublishableQuerySet):
    pass


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class MeetingKind(models.TextChoices):
    VICE_MINISTERIAL = "vice_ministerial", _("Vice-ministerial conference")
    MINISTERIAL = "ministerial", _("Ministerial meeting")
    PLENARY = "plenary", _("Plenary meeting")
    TECHNICAL = "technical", _("Technical group meeting")
    LIAISON_NETWORK = "liaison_network", _("Liaison-officer network meeting")
    COMMITTEE = "committee", _("Committee session")
    FORUM = "forum", _("Forum")
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    OTHER = "other", _("Other")


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
    MEMBER = "member", _("Member")
    PARTICIPANT = "participant", _("Participant")
    OBSERVER = "observer", _("Observer")
    HOST = "host", _("Host")
    PRESIDENCY = "presidency", _("Presidency pro tempore")
    ORGANISER = "organiser", _("Organiser")
    INVITED = "invited", _("Invited organisation")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    SECRETARIAT = "secretariat", _("Secretariat")
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator or chair")


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
