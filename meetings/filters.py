"""The list pages' filters: query parameters validated by FilterSets, never parsed by hand.

The parameter names are part of the archive's permanent links, so they do not
change: q, process, country, concerned, topic, date_after, date_before, year,
sort, plus a few per list (kind, language, section).

A facet may be given several times (`?topic=a&topic=b`): its values combine
with OR, and different facets with AND. "country" is a country that took part
in the meeting; "concerned" a country an agreement concerns.
"""

from __future__ import annotations

import copy
import datetime
import re
from functools import cached_property
from typing import Any

import django_filters
from django import forms
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField

from meetings import search, selectors
from meetings.listing import FacetOption, is_multiple
from meetings.models import (
    ActionItem,
    ActionItemStatus,
    Agreement,
    AgreementKind,
    AgreementSection,
    Country,
    Document,
    DocumentKind,
    Language,
    Meeting,
    MeetingKind,
    Organisation,
    OrganisationKind,
    Process,
    Topic,
)

DATE_FORMAT = "%Y-%m-%d"
FIRST_YEAR, LAST_YEAR = 1900, 2100


#: How many values one facet may be given at once (a longer list is a form error, not a huge query).
MAX_VALUES = 30


class SingleValueForm(forms.Form):
    """A form that refuses a parameter given twice instead of silently keeping the last one.

    Facets that take several values (`is_multiple`) are the exception.
    """

    def clean(self):
        cleaned = super().clean()
        getlist = getattr(self.data, "getlist", None)
        if getlist:
            for name, field in self.fields.items():
                if not is_multiple(field) and len(getlist(self.add_prefix(name))) > 1:
                    self.add_error(name, gettext("“%(name)s” was given more than once: give it once.") % {"name": name})
        return cleaned


class FilterForm(SingleValueForm):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if after and before and after > before:
            self.add_error("date_after", _("“From” is later than “to”: swap the dates or change one of them."))
        return cleaned


class CodeChoiceField(ModelChoiceField):
    """A record chosen by a code in the query string, checked for shape before the database is asked.

    A 10,000-character value or a NUL byte (which PostgreSQL refuses outright)
    is a form error, not a query.
    """

    pattern = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")

    def to_python(self, value):
        if isinstance(value, str):
            value = self.normalize(value.strip())
            if value and not self.pattern.match(value):
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def normalize(self, value: str) -> str:
        return value


class CountryCodeField(CodeChoiceField):
    """A country by its ISO alpha-3 code, in any case ("mex", "MEX")."""

    pattern = re.compile(r"^[A-Z]{3}$")

    def normalize(self, value: str) -> str:
        return value.upper()


class CountryFilter(django_filters.ModelChoiceFilter):
    field_class = CountryCodeField


class SlugFilter(django_filters.ModelChoiceFilter):
    field_class = CodeChoiceField


class CodesField(ModelMultipleChoiceField):
    """Records chosen by codes, each given as its own parameter (`?topic=a&topic=b`).

    Each code is checked for shape before the database is asked, at most
    MAX_VALUES of them; the records come back in the order given, repeats
    dropped. Empty cleans to [] (not an empty queryset), so a FilterSet's
    method is not called for a facet that was not given.
    """

    pattern = CodeChoiceField.pattern

    def normalize(self, value: str) -> str:
        return value

    def clean(self, value):
        if isinstance(value, str):
            value = [value]
        codes = []
        for code in value or ():
            code = self.normalize(str(code).strip())
            if code and code not in codes:
                if not self.pattern.match(code):
                    raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
                codes.append(code)
        if not codes:
            return []
        if len(codes) > MAX_VALUES:
            raise forms.ValidationError(
                gettext("Give at most %(max)s values of one filter.") % {"max": MAX_VALUES}, code="too_many"
            )
        found = {str(getattr(record, self.to_field_name)): record for record in super().clean(codes)}
        return [found[code] for code in codes if code in found]


class CountryCodesField(CodesField):
    pattern = CountryCodeField.pattern

    def normalize(self, value: str) -> str:
        return value.upper()


class CountriesFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = CountryCodesField


class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = CodesField


class AnyOfField(forms.MultipleChoiceField):
    """Several plain choices (`?kind=a&kind=b`), at most MAX_VALUES, repeats dropped."""

    def clean(self, value):
        values = super().clean(value)
        if len(values) > MAX_VALUES:
            raise forms.ValidationError(
                gettext("Give at most %(max)s values of one filter.") % {"max": MAX_VALUES}, code="too_many"
            )
        return list(dict.fromkeys(values))


class AnyOfFilter(django_filters.MultipleChoiceFilter):
    """Records whose field holds any of the chosen values (one `IN`, no join, no DISTINCT)."""

    field_class = AnyOfField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


def any_of_filter(label: str, choices, message: str, field_name: str | None = None) -> AnyOfFilter:
    kwargs = {"field_name": field_name} if field_name else {}
    return AnyOfFilter(label=label, choices=choices, error_messages={"invalid_choice": message}, **kwargs)


class YearField(forms.IntegerField):
    """A year; `empty_label` names the "any year" option where the year is a facet."""

    def __init__(self, *, empty_label: str = _("Any year"), **kwargs):
        self.empty_label = empty_label
        super().__init__(**kwargs)


class YearFilter(django_filters.Filter):
    field_class = YearField


def date_filter(label: str, help_text: str, method: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        label=label,
        method=method,
        input_formats=[DATE_FORMAT],
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        error_messages={"invalid": _("Enter a real date as YYYY-MM-DD, for example 2002-05-30.")},
    )


class SearchQueryField(forms.Field):
    """Words to search for, parsed by the search module (quoted phrases, OR, -exclusions).

    Cleans to a `search.ParsedQuery` (None when blank), so the page can say that
    a long query was cut. A query that leaves nothing to search ("the of",
    punctuation, a lone "-") is a form error with the parser's message, unless
    `allow_unsearchable` (the search page shows that message itself).
    """

    widget = forms.TextInput(attrs={"type": "search"})

    def __init__(self, *, allow_unsearchable: bool = False, **kwargs):
        self.allow_unsearchable = allow_unsearchable
        super().__init__(**kwargs)

    def to_python(self, value):
        if not isinstance(value, str) or not value.strip():
            return None
        return search.parse_query(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not value.is_searchable and not self.allow_unsearchable:
            raise forms.ValidationError(value.message, code="unsearchable")

    def prepare_value(self, value):
        # Shown back in the text box: the cleaned words, never 10,000 characters or a NUL byte.
        return search.parse_query(value).text if value else ""


class SearchQueryFilter(django_filters.Filter):
    field_class = SearchQueryField


def process_filter() -> SlugsFilter:
    """Processes by their slugs (every list that can be narrowed to some processes)."""
    return SlugsFilter(
        label=_("Process"),
        queryset=Process.objects.all(),
        to_field_name="slug",
        method="filter_process",
        error_messages={"invalid_choice": _("There is no process with that name in the archive.")},
    )


def country_filter(label=None, method: str = "filter_country") -> CountriesFilter:
    """Countries by their ISO alpha-3 codes; what the country is to the record is the FilterSet's `method`."""
    return CountriesFilter(
        label=label or _("Country that took part"),
        queryset=Country.objects.all(),
        to_field_name="alpha3",
        method=method,
        error_messages={
            "invalid_choice": _("There is no country with that code: use an ISO 3166-1 alpha-3 code such as MEX.")
        },
    )


def topic_filter() -> SlugsFilter:
    return SlugsFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        error_messages={"invalid_choice": _("There is no topic with that name in the archive.")},
    )


class Faceted:
    """What every faceted list shares: its validated values, and a count per value of each facet.

    Each facet is a `facet_<name>()` method returning `FacetOption`s computed
    within all the *other* filters, so a researcher sees where the records are.
    Adding a facet is a declaration and one method, never a copy of this machinery.
    """

    #: The filters that get facet counts, in display order.
    facet_names: tuple[str, ...] = ()

    @property
    def cleaned(self) -> dict[str, Any]:
        """The validated values (empty before validation or when unbound)."""
        form = getattr(self, "form", self)
        return (getattr(form, "cleaned_data", None) or {}) if self.is_bound else {}

    def facet_counts(self) -> dict[str, list[FacetOption]]:
        return {name: getattr(self, f"facet_{name}")() for name in self.facet_names}


class FacetedFilterSet(Faceted, django_filters.FilterSet):
    """A FilterSet of records whose facets are counted over `queryset_without(name)`."""

    #: Cleaned fields that shape the results without filtering them.
    not_filters: tuple[str, ...] = ("sort",)

    def base_queryset(self) -> QuerySet:
        """What the filters apply to; a subclass may annotate it (the tracker adds `is_overdue`)."""
        return self.queryset.all()

    def queryset_without(self, excluded: str) -> QuerySet:
        """The records every current filter except `excluded` (and sorting) would give.

        Uses the already-validated values, so no filter is validated twice.
        """
        queryset = self.base_queryset()
        for name, value in self.cleaned.items():
            if name == excluded or name in self.not_filters:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def ids_without(self, excluded: str) -> QuerySet:
        return self.queryset_without(excluded).values("pk")

    @property
    def filter_names(self) -> list[str]:
        """The parameters that narrow the results, in the form's order (what "active filters" lists)."""
        return [name for name in self.form.fields if name != "sort"]


SORT_CHOICES = [("-date", "Newest first"), ("date", "Oldest first"), ("relevance", "Best match")]


class ArchiveFilterSet(FacetedFilterSet):
    """Filters shared by the meeting, document and agreement lists.

    Subclasses say where each record's meeting date is (`date_path`) and how
    to reach the meeting from the record (`meeting_path`, "" for meetings).
    """

    date_path = "start_date"
    meeting_path = ""
    #: The ordering for sort=date; the default (newest first) comes from the queryset.
    oldest_first: tuple[str, ...] = ()

    q = SearchQueryFilter(
        label=_("Words"),
        method="filter_q",
        help_text=_('All words must match. Use "quoted phrases", OR between two words, -word to leave out.'),
    )
    process = process_filter()
    country = country_filter()
    concerned = country_filter(_("Country concerned"), method="filter_concerned")
    topic = topic_filter()
    date_after = date_filter(_("From"), _("On or after this date (YYYY-MM-DD)."), "filter_date_after")
    date_before = date_filter(_("To"), _("On or before this date (YYYY-MM-DD)."), "filter_date_before")
    year = YearFilter(
        label=_("Year"),
        method="filter_year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"invalid": _("Enter a year such as 2002.")},
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=SORT_CHOICES,
        method="sort_by",
        empty_label=None,
        null_label=None,
        error_messages={
            "invalid_choice": _(
                "Sort by “-date” (newest first) or “date” (oldest first). "
                "With words to search for, “relevance” puts the best matches first."
            )
        },
    )

    class Meta:
        form = FilterForm
        fields: list[str] = []

    def _meeting(self, lookup: str) -> str:
        return f"{self.meeting_path}__{lookup}" if self.meeting_path else lookup

    def filter_process(self, queryset: QuerySet, name: str, value: list[Process]) -> QuerySet:
        # A subquery, not a join: a meeting of two chosen processes is still one row.
        return queryset.filter(**{self._meeting("pk__in"): selectors.meeting_ids_of_processes(value)})

    def filter_country(self, queryset: QuerySet, name: str, value: list[Country]) -> QuerySet:
        return queryset.filter(**{self._meeting("pk__in"): selectors.meeting_ids_attended_by(value)})

    def filter_concerned(self, queryset: QuerySet, name: str, value: list[Country]) -> QuerySet:
        """Records with a public agreement concerning any of the countries (agreements: concerning it)."""
        raise NotImplementedError

    def filter_topic(self, queryset: QuerySet, name: str, value: list[Topic]) -> QuerySet:
        raise NotImplementedError

    def filter_date_after(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(**{f"{self.date_path}__gte": value})

    def filter_date_before(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(**{f"{self.date_path}__lte": value})

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        # A range rather than __year, so the date index can be used.
        return queryset.filter(
            **{
                f"{self.date_path}__gte": datetime.date(value, 1, 1),
                f"{self.date_path}__lte": datetime.date(value, 12, 31),
            }
        )

    def filter_q(self, queryset: QuerySet, name: str, value: search.ParsedQuery) -> QuerySet:
        # With words to search for, the best matches come first unless a date order is asked for.
        # (q is declared first, so sort_by runs after this and can still reorder by date.)
        sort = self.cleaned.get("sort")
        return search.filter_queryset(queryset, value, order_by_rank=sort in (None, "", "relevance"))

    def sort_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Newest first is the selectors' own order; "date" turns it round ("relevance" is filter_q's).
        return queryset.order_by(*self.oldest_first) if value == "date" else queryset

    def facet_year(self) -> list[FacetOption]:
        return selectors.year_facet(self.queryset_without("year"), self.date_path)


class MeetingFilter(ArchiveFilterSet):
    kind = any_of_filter(
        _("Kind of meeting"), MeetingKind.choices, _("That is not a kind of meeting the archive knows.")
    )

    facet_names = ("process", "country", "concerned", "topic", "kind", "year")
    oldest_first = ("start_date", "title", "pk")

    class Meta(ArchiveFilterSet.Meta):
        model = Meeting

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.public_agreements_on(value).values("document__meeting_id"))

    def filter_concerned(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.public_agreements_concerning(value).values("document__meeting_id"))

    def facet_process(self):
        return selectors.process_facet(self.ids_without("process"), "meetings")

    def facet_country(self):
        return selectors.country_facet(self.ids_without("country"), "participations__meeting")

    def facet_concerned(self):
        agreements = Agreement.objects.public().filter(document__meeting__in=self.ids_without("concerned"))
        return selectors.concerned_facet(agreements, "agreements__document__meeting")

    def facet_topic(self):
        agreements = Agreement.objects.public().filter(document__meeting__in=self.ids_without("topic"))
        return selectors.topic_facet(agreements, "agreements__document__meeting")

    def facet_kind(self):
        return selectors.choice_facet(self.queryset_without("kind"), "kind", MeetingKind.choices)


class DocumentFilter(ArchiveFilterSet):
    kind = any_of_filter(
        _("Kind of document"), DocumentKind.choices, _("That is not a kind of document the archive knows.")
    )
    language = any_of_filter(
        _("Language"), Language.choices, _("That is not a language the archive holds (en, es, pt, fr).")
    )

    date_path = "meeting__start_date"
    meeting_path = "meeting"
    facet_names = ("process", "country", "concerned", "topic", "kind", "language", "year")
    oldest_first = ("meeting__start_date", "meeting__title", "order", "pk")

    class Meta(ArchiveFilterSet.Meta):
        model = Document

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.public_agreements_on(value).values("document_id"))

    def filter_concerned(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.public_agreements_concerning(value).values("document_id"))

    def facet_process(self):
        return selectors.process_facet(self.ids_without("process"), "meetings__documents")

    def facet_country(self):
        return selectors.country_facet(self.ids_without("country"), "participations__meeting__documents")

    def facet_concerned(self):
        agreements = Agreement.objects.public().filter(document__in=self.ids_without("concerned"))
        return selectors.concerned_facet(agreements, "agreements__document")

    def facet_topic(self):
        agreements = Agreement.objects.public().filter(document__in=self.ids_without("topic"))
        return selectors.topic_facet(agreements, "agreements__document")

    def facet_kind(self):
        return selectors.choice_facet(self.queryset_without("kind"), "kind", DocumentKind.choices)

    def facet_language(self):
        return selectors.choice_facet(self.queryset_without("language"), "language", Language.choices)


class AgreementFilter(ArchiveFilterSet):
    section = any_of_filter(_("Section"), AgreementSection.choices, _("That is not a section the archive knows."))
    kind = any_of_filter(
        _("Kind of agreement"), AgreementKind.choices, _("That is not a kind of agreement the archive knows.")
    )

    date_path = "document__meeting__start_date"
    meeting_path = "document__meeting"
    facet_names = ("process", "country", "concerned", "topic", "section", "kind", "year")
    oldest_first = ("document__meeting__start_date", "document__meeting__title", "document__order", "order", "pk")

    class Meta(ArchiveFilterSet.Meta):
        model = Agreement

    def filter_concerned(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.agreement_ids_concerning(value))

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.agreement_ids_on(value))

    def facet_process(self):
        return selectors.process_facet(self.ids_without("process"), "meetings__documents__agreements")

    def facet_country(self):
        return selectors.country_facet(self.ids_without("country"), "participations__meeting__documents__agreements")

    def facet_concerned(self):
        return selectors.concerned_facet(self.ids_without("concerned"), "agreements")

    def facet_topic(self):
        return selectors.topic_facet(self.ids_without("topic"), "agreements")

    def facet_section(self):
        return selectors.choice_facet(self.queryset_without("section"), "section", AgreementSection.choices)

    def facet_kind(self):
        return selectors.choice_facet(self.queryset_without("kind"), "kind", AgreementKind.choices)


# --------------------------------------------------------------------------
# The commitments tracker
# --------------------------------------------------------------------------


class MeetingSlugField(CodeChoiceField):
    pattern = re.compile(r"^[-a-zA-Z0-9_]{1,150}$")


class MeetingSlugsField(CodesField):
    pattern = MeetingSlugField.pattern


class MeetingSlugsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = MeetingSlugsField


def responsible_filter(label: str, queryset: QuerySet, message: str) -> SlugsFilter:
    return SlugsFilter(
        label=label,
        queryset=queryset,
        to_field_name="slug",
        method="filter_responsible_organisation",
        error_messages={"invalid_choice": message},
    )


OVERDUE_CHOICES = [("yes", _("Overdue")), ("no", _("Not overdue"))]

COMMITMENT_SORT_CHOICES = [
    ("due", _("Due date, soonest first")),
    ("-due", _("Due date, latest first")),
    ("-date", _("Set most recently")),
    ("date", _("Set longest ago")),
]


class CommitmentFilter(FacetedFilterSet):
    """The commitments tracker's filters, over public action items.

    "Overdue" is judged on a date: `on` (YYYY-MM-DD) when given, else today, so
    that a link or a test can fix the state it shows. Organisations include the
    bodies of a process (Presidency Pro-Tempore, Technical Secretariat,
    networks); the `body` select offers those alone.
    """

    facet_names = ("status", "overdue", "country", "organisation", "body", "process", "meeting", "due_year")

    status = any_of_filter(
        _("Status"),
        ActionItemStatus.choices,
        _("The status is one of open, in_progress, done or dropped."),
        field_name="progress",
    )
    overdue = django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=OVERDUE_CHOICES,
        method="filter_overdue",
        empty_label=_("Overdue or not"),
        error_messages={"invalid_choice": _("Ask for overdue=yes or overdue=no.")},
    )
    country = country_filter(_("Responsible country"))
    organisation = responsible_filter(
        _("Responsible organisation"),
        Organisation.objects.all(),
        _("There is no organisation with that name in the archive."),
    )
    body = responsible_filter(
        _("Responsible body of a process"),
        Organisation.objects.filter(kind=OrganisationKind.PROCESS_BODY),
        _("There is no body of a process with that name in the archive."),
    )
    process = process_filter()
    meeting = MeetingSlugsFilter(
        label=_("Set by meeting"),
        # Only public meetings: a draft's address is "unknown", not "hidden".
        queryset=Meeting.objects.public(),
        to_field_name="slug",
        method="filter_meeting",
        error_messages={"invalid_choice": _("There is no published meeting with that address.")},
    )
    due_year = YearFilter(
        label=_("Due in year"),
        empty_label=_("Any year"),
        method="filter_due_year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"invalid": _("Enter a year such as 2003.")},
    )
    on = date_filter(_("Overdue as of"), _("Judge “overdue” on this date (YYYY-MM-DD); today when empty."), "filter_on")
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=COMMITMENT_SORT_CHOICES,
        method="sort_by",
        empty_label=None,
        null_label=None,
        error_messages={
            "invalid_choice": _(
                "Sort by “due” (soonest due first), “-due” (latest due first), "
                "“-date” (set most recently) or “date” (set longest ago)."
            )
        },
    )

    class Meta:
        model = ActionItem
        form = FilterForm
        fields: list[str] = []

    #: Fields that shape the results without being filters of their own.
    not_filters = ("sort", "on")

    def as_of(self) -> datetime.date:
        """The date on which "overdue" is judged."""
        return self.cleaned.get("on") or timezone.localdate()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return super().filter_queryset(selectors.with_overdue(queryset, self.as_of()))

    def filter_on(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset  # read by as_of(): it dates "overdue" and filters nothing itself

    def filter_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_overdue=value == "yes")

    def filter_country(self, queryset: QuerySet, name: str, value: list[Country]) -> QuerySet:
        through = ActionItem.responsible_countries.through.objects.filter(country__in=value)
        return queryset.filter(pk__in=through.values("actionitem_id"))

    def filter_responsible_organisation(self, queryset: QuerySet, name: str, value: list[Organisation]) -> QuerySet:
        through = ActionItem.responsible_organisations.through.objects.filter(organisation__in=value)
        return queryset.filter(pk__in=through.values("actionitem_id"))

    def filter_process(self, queryset: QuerySet, name: str, value: list[Process]) -> QuerySet:
        return queryset.filter(meeting_id__in=selectors.meeting_ids_of_processes(value))

    def filter_meeting(self, queryset: QuerySet, name: str, value: list[Meeting]) -> QuerySet:
        return queryset.filter(meeting__in=value)

    def filter_due_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(
            effective_due_date__gte=datetime.date(value, 1, 1), effective_due_date__lte=datetime.date(value, 12, 31)
        )

    def sort_by(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # "due" is the selector's own order (undated commitments last in every order by due date).
        tail = ("meeting__title", "order", "pk")
        if value == "-due":
            return queryset.order_by(F("effective_due_date").desc(nulls_last=True), "-meeting__start_date", *tail)
        if value == "date":
            return queryset.order_by("meeting__start_date", *tail)
        if value == "-date":
            return queryset.order_by("-meeting__start_date", *tail)
        return queryset

    # -- facet counts ---------------------------------------------------

    def base_queryset(self) -> QuerySet:
        return selectors.with_overdue(self.queryset.all(), self.as_of())

    def facet_status(self) -> list[FacetOption]:
        return selectors.choice_facet(self.queryset_without("status"), "progress", ActionItemStatus.choices)

    def facet_overdue(self) -> list[FacetOption]:
        return selectors.choice_facet(
            self.queryset_without("overdue").annotate(
                overdue_key=Case(When(is_overdue=True, then=Value("yes")), default=Value("no"))
            ),
            "overdue_key",
            OVERDUE_CHOICES,
        )

    def facet_country(self) -> list[FacetOption]:
        return selectors.responsible_country_facet(self.ids_without("country"))

    def facet_organisation(self) -> list[FacetOption]:
        # Bodies have their own select; one chosen here through its slug still shows with its count.
        chosen = [organisation.pk for organisation in self.cleaned.get("organisation") or ()]
        organisations = Organisation.objects.filter(~Q(kind=OrganisationKind.PROCESS_BODY) | Q(pk__in=chosen))
        return selectors.organisation_facet(organisations, self.ids_without("organisation"))

    def facet_body(self) -> list[FacetOption]:
        bodies = Organisation.objects.filter(kind=OrganisationKind.PROCESS_BODY)
        return selectors.organisation_facet(bodies, self.ids_without("body"))

    def facet_process(self) -> list[FacetOption]:
        return selectors.process_facet(self.ids_without("process"), "meetings__action_items")

    def facet_meeting(self) -> list[FacetOption]:
        return selectors.meeting_facet(self.ids_without("meeting"))

    def facet_due_year(self) -> list[FacetOption]:
        dated = self.queryset_without("due_year").filter(effective_due_date__isnull=False)
        return selectors.year_facet(dated, "effective_due_date")


class AsOfForm(SingleValueForm):
    """The `on` date of the pages that say what is overdue (a commitment's page, a process's page)."""

    on = forms.DateField(
        required=False,
        label=_("Overdue as of"),
        input_formats=[DATE_FORMAT],
        error_messages={"invalid": _("Enter a real date as YYYY-MM-DD, for example 2002-05-30.")},
    )

    def as_of(self) -> datetime.date:
        return self.cleaned_data.get("on") or timezone.localdate()


# --------------------------------------------------------------------------
# The search page
# --------------------------------------------------------------------------

#: search() serves offsets up to MAX_OFFSET; a page beyond that would silently repeat the last one.
SEARCH_PER_PAGE = 20
SEARCH_LAST_PAGE = search.MAX_OFFSET // SEARCH_PER_PAGE + 1


def _list_field(name: str) -> forms.Field:
    """The list pages' own form field for `name`, so that /search/ accepts and refuses exactly what they do."""
    return copy.deepcopy(ArchiveFilterSet.base_filters[name]).field


class SearchForm(Faceted, FilterForm):
    """The search page's parameters. Like the list filters: a repeated parameter or a bad value is an error.

    Search spans four kinds of record, so its facets come from the search
    engine (`search.facet_counts`, which applies every filter but the facet's
    own) rather than from one queryset.
    """

    facet_names = ("type", "process", "country", "concerned", "topic")
    #: The parameters that narrow the results, in display order.
    filter_names = ("type", "process", "country", "concerned", "topic", "date_after", "date_before", "year")

    q = SearchQueryField(
        label=_("Search the archive for"),
        required=False,
        # An unsearchable query ("the of") is not a bad request: the page answers it with the parser's message.
        allow_unsearchable=True,
        help_text=_('All words must match. Use "quoted phrases", OR between two words, and -word to leave a word out.'),
    )
    type = AnyOfField(
        label=_("Type of record"),
        required=False,
        choices=search.ResultType.choices,
        error_messages={
            "invalid_choice": _("Search for type=meeting, document, agreement or action_item, or leave the type out.")
        },
    )
    process = _list_field("process")
    country = _list_field("country")
    concerned = _list_field("concerned")
    topic = _list_field("topic")
    date_after = _list_field("date_after")
    date_before = _list_field("date_before")
    year = _list_field("year")
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=SEARCH_LAST_PAGE,
        error_messages={
            "invalid": _("The page must be a whole number, such as page=2."),
            "min_value": _("Pages are numbered from 1."),
            "max_value": format_lazy(
                _("Results stop at page {last}: add a word or a filter to narrow the search."), last=SEARCH_LAST_PAGE
            ),
        },
    )

    @property
    def query(self) -> search.ParsedQuery | None:
        return self.cleaned.get("q")

    @property
    def types(self) -> list[str] | None:
        return self.cleaned.get("type") or None

    @property
    def search_filters(self) -> search.SearchFilters:
        return search.SearchFilters.from_cleaned_data(self.cleaned)

    @cached_property
    def _facets(self) -> dict[str, list[FacetOption]]:
        return search.facet_counts(self.query, types=self.types, filters=self.search_filters)

    def facet_type(self) -> list[FacetOption]:
        return self._facets["type"]

    def facet_process(self) -> list[FacetOption]:
        return self._facets["process"]

    def facet_country(self) -> list[FacetOption]:
        return self._facets["country"]

    def facet_concerned(self) -> list[FacetOption]:
        return self._facets["concerned"]

    def facet_topic(self) -> list[FacetOption]:
        return self._facets["topic"]
