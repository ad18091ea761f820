"""Reference data: countries and their aliases, topics, processes, organisations, people."""

from django.contrib import admin
from django.db.models import Count

from meetings.admin.base import HTTPS_URLS, ArchiveAdmin
from meetings.models import Country, CountryAlias, Organisation, Person, Process, ProcessMembership, Topic


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1
    fields = ["name"]


@admin.register(Country)
class CountryAdmin(ArchiveAdmin):
    list_display = ["name", "alpha3", "alpha2", "name_es", "official_name"]
    search_fields = ["name", "name_es", "official_name", "alpha3", "alpha2", "aliases__name"]
    inlines = [CountryAliasInline]


@admin.register(CountryAlias)
class CountryAliasAdmin(ArchiveAdmin):
    list_display = ["name", "country", "normalized"]
    list_select_related = ["country"]
    search_fields = ["name", "normalized", "country__name", "country__alpha3"]
    autocomplete_fields = ["country"]


@admin.register(Topic)
class TopicAdmin(ArchiveAdmin):
    list_display = ["name", "name_es", "parent", "agreement_count"]
    list_select_related = ["parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreement_total=Count("agreements"))

    @admin.display(description="Agreements", ordering="agreement_total")
    def agreement_count(self, obj):
        return obj.agreement_total


class ProcessMembershipInline(admin.TabularInline):
    model = ProcessMembership
    extra = 1
    autocomplete_fields = ["country"]


@admin.register(Process)
class ProcessAdmin(ArchiveAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "acronym", "region", "meeting_count"]
    search_fields = ["name", "name_es", "acronym", "acronym_es", "other_names"]
    list_filter = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProcessMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_total=Count("meetings"))

    @admin.display(description="Meetings", ordering="meeting_total")
    def meeting_count(self, obj):
        return obj.meeting_total


@admin.register(ProcessMembership)
class ProcessMembershipAdmin(ArchiveAdmin):
    list_display = ["country", "process", "role", "since", "until"]
    list_select_related = ["country", "process"]
    list_filter = ["process", "role"]
    search_fields = ["country__name", "process__name", "process__acronym"]
    autocomplete_fields = ["country", "process"]


@admin.register(Organisation)
class OrganisationAdmin(ArchiveAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "acronym", "kind", "process"]
    list_select_related = ["process"]
    list_filter = ["kind", ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "name_es", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["process"]


@admin.register(Person)
class PersonAdmin(ArchiveAdmin):
    list_display = ["name", "honorific", "position", "organisation", "country"]
    list_select_related = ["organisation", "country"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter), ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "position", "organisation__name", "organisation__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "country"]
