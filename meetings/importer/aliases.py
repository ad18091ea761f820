"""Names the documents print that the reference tables do not hold, and the capitals of countries.

Kept here, not in the database, because they are reading aids of the importer: a variant spelling
("Luxemburg", "Cap Verde"), an acronym in another language ("OIM", "ACNUR", "HCR") or the fact
that a meeting "in Madrid" is a meeting in Spain. Staff still see and correct every value.
"""

from __future__ import annotations

#: Country names beside the ISO names and the aliases in the database.
COUNTRY_NAMES = {
    "turkey": "TUR", "turquia": "TUR", "russia": "RUS", "rusia": "RUS", "uae": "ARE",
    "cap verde": "CPV", "cape verde": "CPV", "guinea equatorial": "GNQ", "ivory coast": "CIV",
    "cote d ivoire": "CIV", "costa de marfil": "CIV", "luxemburg": "LUX", "congo": "COG",
    "republic of congo": "COG", "republic of the congo": "COG", "congo brazzaville": "COG", "drc": "COD",
    "dr congo": "COD", "congo kinshasa": "COD", "former yugoslav republic of macedonia": "MKD", "fyrom": "MKD",
    "macedonia": "MKD", "north macedonia": "MKD", "swaziland": "SWZ", "burma": "MMR",
    "republica cooperativa de guyana": "GUY", "cooperative republic of guyana": "GUY",
    "republica federativa del brasil": "BRA", "republica federativa de brasil": "BRA",
    "federative republic of brazil": "BRA", "holland": "NLD", "great britain": "GBR", "britain": "GBR",
    "czechia": "CZE",
    "yugoslav republic of macedonia": "MKD", "the gambia": "GMB", "south sudan": "SSD", "vatican": "VAT",
    "holy see": "VAT",
}  # fmt: skip

#: Adjectives the documents use for a country ("the Peruvian delegation", "la Presidencia salvadoreña").
DEMONYMS = {
    "argentine": "ARG", "argentinian": "ARG", "belizean": "BLZ", "bolivian": "BOL", "brazilian": "BRA",
    "canadian": "CAN", "chilean": "CHL", "colombian": "COL", "costa rican": "CRI", "cuban": "CUB",
    "dominican": "DOM", "ecuadorian": "ECU", "salvadoran": "SLV", "salvadorean": "SLV", "guatemalan": "GTM",
    "haitian": "HTI", "honduran": "HND", "mexican": "MEX", "nicaraguan": "NIC", "panamanian": "PAN",
    "paraguayan": "PRY", "peruvian": "PER", "uruguayan": "URY", "venezuelan": "VEN", "american": "USA",
    "eritrean": "ERI", "ethiopian": "ETH", "kenyan": "KEN", "ugandan": "UGA", "sudanese": "SDN",
    "moroccan": "MAR", "spanish": "ESP", "italian": "ITA", "turkish": "TUR", "indonesian": "IDN",
    "australian": "AUS", "sri lankan": "LKA", "polish": "POL", "slovak": "SVK", "czech": "CZE",
}  # fmt: skip

#: Organisations by the other names and acronyms documents give them (Spanish and French ones included).
ORGANISATION_NAMES = {
    "iom": ["OIM", "Organización Internacional de las Migraciones", "UN Migration"],
    "unhcr": ["ACNUR", "HCR", "UN Refugee Agency", "Agencia de la ONU para los Refugiados",
              "Agencia de las Naciones Unidas para los Refugiados", "United Nations High Commissioner for Refugees",
              "Alto Comisionado de las Naciones Unidas para los Refugiados"],
    "eclac": ["CEPAL", "CELADE", "Comisión Económica para América Latina"],
    "icrc": ["CICR", "Cruz Roja Internacional", "International Red Cross"],
    "oas": ["OEA", "Organización de Estados Americanos"],
    "ilo": ["OIT", "International Labour Office"],
    "iachr": ["CIDH"],
    "european-union": ["UE", "Unión Europea"],
    "european-commission": ["Comisión Europea"],
    "council-of-the-eu": ["Council of the EU", "Consejo de la UE"],
    "rncom": ["RROCM", "Red Regional de Organizaciones Civiles para las Migraciones"],
    "unodc": ["ONUDD"],
    "african-union": ["AUC", "African Union Commission", "Unión Africana"],
    "andean-community": ["Comunidad Andina de Naciones"],
    "world-bank": ["the World Bank"],
    "interpol": ["Interpol"],
    "unicef": ["Unicef"],
}  # fmt: skip

#: Organisations whose member states are a process's members ("IGAD Member States", "SADC Member States").
ORGANISATION_PROCESS = {"igad": "igad-rcp", "sadc": "midsa", "celac": "celac", "csm": "sacm", "crm": "rcm"}

#: Processes by names the reference table does not spell ("Sudamericana", with or without "the").
PROCESS_NAMES = {
    "sacm": ["Conferencia Sudamericana sobre Migraciones", "South-American Conference on Migration",
             "Conferencia Suramericana de Migraciones", "CSM"],
    "rcm": ["Conferencia Regional de Migración", "Regional Conference on Migration", "CRM"],
    "bali-process": ["Bali Process"],
    "budapest-process": ["Budapest Process"],
    "rabat-process": ["Rabat Process", "Proceso de Rabat", "Euro-African Dialogue on Migration and Development"],
    "khartoum-process": ["Khartoum Process"],
    "prague-process": ["Prague Process"],
    "colombo-process": ["Colombo Process"],
    "quito-process": ["Proceso de Quito", "Quito Process"],
    "igad-rcp": ["IGAD RCP", "Regional Consultative Process on Migration (RCP) of the Intergovernmental Authority"],
    "midsa": ["Migration Dialogue for Southern Africa"],
}  # fmt: skip

#: Capital cities (and the seats of government documents name as such), with the spellings
#: documents use: a meeting "in Madrid" took place in Spain. Other cities need their country printed.
CAPITALS = """
ARG Buenos Aires; BOL La Paz, Sucre; BRA Brasília|Brasilia; CHL Santiago|Santiago de Chile; COL Bogotá|Bogota;
ECU Quito; GUY Georgetown; PRY Asunción|Asuncion; PER Lima; SUR Paramaribo; URY Montevideo; VEN Caracas;
BLZ Belmopan; CAN Ottawa; CRI San José|San Jose; DOM Santo Domingo; SLV San Salvador; GTM Guatemala City|
Ciudad de Guatemala; HND Tegucigalpa; MEX Mexico City|Ciudad de México|Ciudad de Mexico; NIC Managua;
PAN Panama City|Ciudad de Panamá|Ciudad de Panama; USA Washington;
CUB Havana|La Habana; HTI Port-au-Prince; JAM Kingston; TTO Port of Spain; BRB Bridgetown; BHS Nassau;
VCT Kingstown; LCA Castries; GRD St. George's; ATG St. John's; DMA Roseau; KNA Basseterre;
ESP Madrid; PRT Lisbon|Lisboa; FRA Paris|París; BEL Brussels|Bruselas; NLD Amsterdam, The Hague;
DEU Berlin|Berlín; ITA Rome|Roma; CHE Bern|Berna; AUT Vienna|Viena; POL Warsaw|Varsovia;
CZE Prague|Praga; SVK Bratislava; HUN Budapest; ROU Bucharest; BGR Sofia; GRC Athens|Atenas;
SWE Stockholm|Estocolmo; NOR Oslo; DNK Copenhagen; FIN Helsinki; IRL Dublin; GBR London|Londres;
LUX Luxembourg; MLT Valletta; CYP Nicosia; SVN Ljubljana; HRV Zagreb; SRB Belgrade; BIH Sarajevo;
MNE Podgorica; ALB Tirana; MKD Skopje; EST Tallinn; LVA Riga; LTU Vilnius; BLR Minsk; UKR Kyiv|Kiev;
MDA Chișinău|Chisinau; RUS Moscow|Moscú; GEO Tbilisi; ARM Yerevan; AZE Baku; TUR Ankara; ISL Reykjavik;
KAZ Astana; UZB Tashkent; KGZ Bishkek; TJK Dushanbe; TKM Ashgabat;
MAR Rabat; DZA Algiers; TUN Tunis; LBY Tripoli; EGY Cairo|El Cairo; SEN Dakar; MLI Bamako;
BFA Ouagadougou; NER Niamey; NGA Abuja; GHA Accra; CIV Abidjan, Yamoussoukro; GIN Conakry; GMB Banjul;
MRT Nouakchott; CPV Praia; GNB Bissau; SLE Freetown; LBR Monrovia; TGO Lomé|Lome; BEN Porto-Novo, Cotonou;
CMR Yaoundé|Yaounde; TCD N'Djamena; CAF Bangui; GAB Libreville; GNQ Malabo; COG Brazzaville;
COD Kinshasa; ETH Addis Ababa|Adís Abeba; ERI Asmara; DJI Djibouti; SOM Mogadishu; KEN Nairobi;
UGA Kampala; SSD Juba; SDN Khartoum|Jartum; RWA Kigali; BDI Gitega; TZA Dodoma, Dar es Salaam;
ZAF Pretoria, Cape Town; NAM Windhoek; BWA Gaborone; ZWE Harare; ZMB Lusaka; MWI Lilongwe;
MOZ Maputo; AGO Luanda; LSO Maseru; SWZ Mbabane; MDG Antananarivo; MUS Port Louis; SYC Victoria;
COM Moroni;
AFG Kabul; PAK Islamabad; IND New Delhi; BGD Dhaka; NPL Kathmandu; LKA Colombo; MDV Malé;
CHN Beijing; JPN Tokyo; KOR Seoul; MNG Ulaanbaatar; THA Bangkok; VNM Hanoi; KHM Phnom Penh; LAO Vientiane;
MMR Naypyidaw; MYS Kuala Lumpur; SGP Singapore; IDN Jakarta; PHL Manila; AUS Canberra; NZL Wellington;
ARE Abu Dhabi; SAU Riyadh; QAT Doha; KWT Kuwait City; BHR Manama; OMN Muscat; YEM Sana'a; JOR Amman;
LBN Beirut; IRQ Baghdad; IRN Tehran; ISR Jerusalem
"""


def capitals() -> dict[str, tuple[str, str]]:
    """Each capital's printed name → (the name recorded, the alpha-3 code of its country).

    In the table, cities are separated by commas and the spellings of one city by "|", the
    name to record first ("Mexico City|Ciudad de México").
    """
    out: dict[str, tuple[str, str]] = {}
    for entry in CAPITALS.replace("\n", " ").split(";"):
        code, _, cities = entry.strip().partition(" ")
        for city in cities.split(","):
            spellings = [name.strip() for name in city.split("|") if name.strip()]
            for name in spellings:
                out[name] = (spellings[0], code)
    return out
