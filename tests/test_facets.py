"""Facets as a researcher uses them: visible lists of values with counts, several values at once.

Values of one facet combine with OR (`?topic=a&topic=b`), different facets
with AND. "country" is a country that took part in the meeting, "concerned"
a country an agreement concerns: two facets, two parameters. Every count is
the number of results its link gives.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from tests.helpers import Page

LISTS = ["meetings:meeting-list", "meetings:document-list", "meetings:agreement-list"]


def total(response) -> int:
    assert response.status_code == 200
    return response.context["paginator"].count


def controls(response) -> dict:
    return {control.name: control for control in response.context["facets"]}


def results(response) -> set[int]:
    return {record.pk for record in response.context["paginator"].object_list}


def follow(client, path: str, href: str):
    """The page a facet link leads to (links are relative query strings)."""
    return client.get(path + href if href.startswith("?") else href)


@pytest.mark.usefixtures("seeded_db")
class TestOnTheSeeds:
    def test_took_part_and_concerned_are_two_facets_that_differ(self, client):
        agreements = reverse("meetings:agreement-list")
        # Mexico took part in most seed meetings, but only 7 agreements name it as concerned,
        # the figure Mexico's own page gives.
        took_part = total(client.get(agreements, {"country": "MEX"}))
        concerned = total(client.get(agreements, {"concerned": "MEX"}))
        assert concerned == 7
        assert took_part > concerned
        country_page = client.get(reverse("meetings:country-detail", args=["MEX"])).content.decode()
        assert "7 agreements that concern Mexico" in country_page
        facets = controls(client.get(agreements))
        counts = {name: {o.value: o.count for o in facets[name].options} for name in ("country", "concerned")}
        assert counts["country"]["MEX"] == took_part
        assert counts["concerned"]["MEX"] == concerned

    def test_the_page_says_which_country_is_which(self, client):
        html = client.get(reverse("meetings:agreement-list")).content.decode()
        assert "Country that took part" in html
        assert "Country concerned" in html
        assert "Agreements that name the country as concerned by them." in html

    @pytest.mark.parametrize("name", LISTS)
    def test_every_count_equals_the_results_its_link_gives(self, client, name):
        path = reverse(name)
        response = client.get(path, {"process": "rcm"})
        for control in response.context["facets"]:
            if control.name == "process":
                continue
            for link in control.top + control.rest[-2:]:  # the most and the fewest records
                assert total(follow(client, path, link.url)) == link.option.count, (control.name, link.url)

    def test_values_of_one_facet_add_up_and_different_facets_narrow(self, client):
        path = reverse("meetings:agreement-list")
        trafficking = results(client.get(path, {"topic": "trafficking-in-persons"}))
        smuggling = results(client.get(path, {"topic": "migrant-smuggling"}))
        either = client.get(f"{path}?topic=trafficking-in-persons&topic=migrant-smuggling")
        assert results(either) == trafficking | smuggling
        assert len(trafficking | smuggling) > max(len(trafficking), len(smuggling))
        concerning_mexico = results(client.get(path, {"concerned": "MEX"}))
        both = client.get(f"{path}?topic=trafficking-in-persons&topic=migrant-smuggling&concerned=MEX")
        assert results(both) == (trafficking | smuggling) & concerning_mexico

    def test_search_has_the_same_two_country_facets(self, client):
        path = reverse("meetings:search")
        response = client.get(path, {"q": "migration"})
        facets = controls(response)
        assert {"country", "concerned"} <= set(facets)
        for link in facets["concerned"].top:
            followed = client.get(path + link.url)
            assert followed.context["results"].total == link.option.count


@pytest.mark.usefixtures("seeded_db")
class TestLinks:
    def test_a_value_link_keeps_the_other_filters_and_adds_itself(self, client):
        path = reverse("meetings:agreement-list")
        response = client.get(path, {"topic": "trafficking-in-persons", "kind": "request", "page": "1"})
        (mexico,) = [
            link
            for link in controls(response)["country"].top + controls(response)["country"].rest
            if link.option.value == "MEX"
        ]
        query = parse_qs(urlsplit(mexico.url).query)
        assert query == {"topic": ["trafficking-in-persons"], "kind": ["request"], "country": ["MEX"]}
        (smuggling,) = [
            link
            for link in controls(response)["topic"].top + controls(response)["topic"].rest
            if link.option.value == "migrant-smuggling"
        ]
        assert parse_qs(urlsplit(smuggling.url).query)["topic"] == ["trafficking-in-persons", "migrant-smuggling"]

    def test_chosen_values_are_shown_first_and_each_can_be_removed(self, client):
        path = reverse("meetings:agreement-list")
        response = client.get(f"{path}?topic=trafficking-in-persons&topic=migrant-smuggling&country=mex")
        topic = controls(response)["topic"]
        assert {link.option.value for link in topic.top[:2]} == {"trafficking-in-persons", "migrant-smuggling"}
        assert all(link.selected for link in topic.top[:2])
        removals = {(active.label, active.value): active.remove_url for active in response.context["active_filters"]}
        assert removals[("Topic", "Trafficking in persons")] == "?topic=migrant-smuggling&country=MEX"
        assert removals[("Country that took part", "Mexico")] == (
            "?topic=trafficking-in-persons&topic=migrant-smuggling"
        )
        page = Page(response.content.decode())
        assert page.has("a", href="?topic=migrant-smuggling&country=MEX", aria_current="true")

    def test_long_facets_show_their_top_values_and_the_rest_behind_show_all(self, client):
        response = client.get(reverse("meetings:agreement-list"))
        country = controls(response)["country"]
        assert len(country.top) == 6 and country.rest
        counts = [link.option.count for link in country.top]
        assert counts == sorted(counts, reverse=True)
        assert min(counts) >= max(link.option.count for link in country.rest)
        html = response.content.decode()
        assert f"Show all {len(country.options)} values" in html

    def test_the_form_stays_and_takes_several_values(self, client):
        response = client.get(reverse("meetings:agreement-list"), {"topic": ["trafficking-in-persons"]})
        page = Page(response.content.decode())
        assert page.has("select", name="topic", multiple=None)
        assert page.has("option", value="trafficking-in-persons", selected=None)

    @pytest.mark.parametrize("name", LISTS)
    def test_too_many_values_or_an_unknown_one_is_a_clear_400(self, client, name):
        path = reverse(name)
        many = "&".join(f"country=A{chr(65 + n // 26)}{chr(65 + n % 26)}" for n in range(40))
        response = client.get(f"{path}?country=MEX&country=ZZZ")
        assert response.status_code == 400
        assert "There is no country with that code" in response.content.decode()
        too_many = client.get(f"{path}?{many}")
        assert too_many.status_code == 400
        assert "Give at most 30 values of one filter." in too_many.content.decode()
