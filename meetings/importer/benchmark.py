"""A large communiqué for measuring the importer: made, not stored, so it can be any size.

It has the shape of a vice-ministerial joint communiqué: a member list, numbered substantive
matters with sub-items, acknowledgments, administrative matters, requests to bodies and dated
commitments, and the next meeting's host.
"""

from __future__ import annotations

MEMBERS = "Belize, Canada, Costa Rica, the Dominican Republic, El Salvador, Guatemala, Honduras, Mexico, Nicaragua, Panama and the United States of America"  # noqa: E501 - a pattern or message reads better on one line
TOPICS = [
    "the protection of the human rights of migrants, whatever their migratory status",
    "the fight against trafficking in persons and the smuggling of migrants",
    "consular protection for nationals detained in countries of transit",
    "the return and reintegration of migrants in dignified and safe conditions",
    "labour migration programmes and the rights of temporary workers",
    "statistics and data on migration flows in the region",
    "border management in full respect of the human rights of migrants",
    "the protection of unaccompanied migrant children and adolescents",
]


def large_communique(target_bytes: int = 60_000) -> str:
    """A communiqué of about `target_bytes` bytes."""
    head = (
        "XX REGIONAL CONFERENCE ON MIGRATION\nJOINT COMMUNIQUÉ\n\n"
        f"The XX Regional Conference on Migration (RCM) took place in San Salvador, El Salvador, on 21 and 22 June 2015, "  # noqa: E501 - a pattern or message reads better on one line
        f"with the participation of the member countries of {MEMBERS}. They welcomed the participation, as "
        "observers, of Argentina, Colombia, Ecuador and Peru, as well as the following International "
        "Organizations: the Office of the United Nations High Commissioner for Refugees (UNHCR), the Economic "
        "Commission for Latin America and the Caribbean (ECLAC/CELADE) and the International Organization for "
        "Migration (IOM).\n\nTHEY AGREED:\n\nSUBSTANTIVE MATTERS\n\n"
    )
    parts, number = [head], 1
    while sum(len(p.encode()) for p in parts) < target_bytes * 0.985:
        topic = TOPICS[number % len(TOPICS)]
        parts.append(
            f"  {number}. To reaffirm the commitment of the member countries to {topic}, recognising the work "
            "done since the last Conference by the liaison officer networks and the Technical Secretariat, and "
            "the contributions of civil society and of the international organisations; to this end they agreed:\n"
        )
        for sub in range(1, 3):
            if sub == 2 and number % 3 == 0:
                parts.append(
                    f"    {number}.{sub} To request that IOM prepare a proposal on {topic} and present it "
                    "within 30 days to the Technical Secretariat.\n"
                )
            elif sub == 1 and number % 3 == 1:
                parts.append(
                    f"    {number}.{sub} To organize a seminar on {topic} in Tegucigalpa during the second "
                    "semester of 2015.\n"
                )
            else:
                parts.append(
                    f"    {number}.{sub} To exchange information and good practices on {topic}, through the "
                    "liaison officer networks and the virtual secretariat, before the next meeting of the "
                    "Regional Consultation Group on Migration.\n"
                )
        number += 1
    parts.append("\nACKNOWLEDGMENTS\n\n")
    for index in range(6):
        parts.append(f"  {index + 1}. To acknowledge the support of the Government of Canada to {TOPICS[index]}.\n")
    parts.append(
        "\nADMINISTRATIVE MATTERS\n\n  1. To approve the budget of the Technical Secretariat for 2016.\n"
        "  2. To accept the offer of the Government of Honduras to host the XXI Regional Conference on Migration "
        "during the first semester of 2016.\n"
    )
    return "".join(parts)
