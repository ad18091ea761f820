"""The patterns and word lists the parser's steps share."""

from __future__ import annotations

import re

from meetings.models import AgreementSection, DocumentKind

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "primera": 1, "primer": 1, "primero": 1, "segunda": 2, "segundo": 2, "tercera": 3, "tercer": 3, "tercero": 3,
    "cuarta": 4, "cuarto": 4, "quinta": 5, "quinto": 5, "sexta": 6, "sexto": 6, "séptima": 7, "septima": 7,
    "séptimo": 7, "octava": 8, "octavo": 8, "novena": 9, "noveno": 9, "décima": 10, "decima": 10, "décimo": 10,
    "undécima": 11, "duodécima": 12, "vigésima": 20, "vigesima": 20,
}  # fmt: skip

SECTION_HEADINGS = [
    (re.compile(r"^(?:SUBSTANTIVE MATTERS|ASUNTOS SUSTANTIVOS|TEMAS SUSTANTIVOS)\b", re.I), AgreementSection.SUBSTANTIVE),  # noqa: E501 - a pattern or message reads better on one line
    (re.compile(r"^(?:ADMINISTRATIVE MATTERS|ASUNTOS ADMINISTRATIVOS|TEMAS ADMINISTRATIVOS)\b", re.I), AgreementSection.ADMINISTRATIVE),  # noqa: E501 - a pattern or message reads better on one line
    (re.compile(r"^(?:ACKNOWLEDG(?:E)?MENTS|RECONOCIMIENTOS)\b", re.I), AgreementSection.ACKNOWLEDGMENTS),
    (re.compile(r"^(?:Next (?:actions|steps)|Follow[- ]up(?: actions)?|Pr[oó]ximos pasos|Seguimiento)\s*:?$", re.I), AgreementSection.FOLLOW_UP),  # noqa: E501 - a pattern or message reads better on one line
    (re.compile(r"^(?:Part|Parte|Session|Sesi[oó]n|Panel|Topic|Tema|Theme)\s+[\dIVX]+\s*[:.-]", re.I), AgreementSection.THEMATIC),  # noqa: E501 - a pattern or message reads better on one line
]  # fmt: skip
MARKER_LINES = re.compile(r"^(?:APPROVED|APROBADO|AGREEMENTS|ACUERDOS|THEY AGREED|AGREED)\s*:?$", re.I)
DAY_HEADING = re.compile(r"^(?:DAY|D[IÍ]A)\s+\d+\s*:", re.I)
LETTERED_HEADING = re.compile(r"^([a-z])\)\s+(.{2,80}):\s*$")
NUMBERED = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2})+(?=[.\s])|\d{1,2}(?=[.)])|\ufffd(?=\.)|\(\d{1,2}\)(?=\s))[.)]?\s*(?=\S)(.*)$"
)
LETTERED = re.compile(r"^([a-z])\)\s+(.+)$")
BULLET = re.compile(r"^[·•▪◦●○■\-–*]\s*(?=\S)(.*)$")
ROW_NUMBER = re.compile(r"^\d{1,2}$")
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
NEXT_HOST = re.compile(
    r"\b(?:host(?:ing)?|sede|anfitri[oó]n)\b[^.]*\b(?:Meeting|Conference|Reunion|Reuni[oó]n|Conferencia|Summit|Cumbre)\b",
    re.I,
)
SUBLIST_FOLLOW_UP = re.compile(r"\b(?:as a result|follow[- ]up|next steps|next actions|following steps)\b", re.I)
MEETING_VERB = re.compile(
    r"\b(?:took place|was held|were held|met|se celebr[oó]|tuvo lugar|se llev[oó] a cabo|se reuni[oó])\b", re.I
)
#: Verbs that say a meeting happened (or is happening): the sentence says when and where it was.
HELD = re.compile(
    r"\b(?:took place|takes place|was held|were held|is being held|held (?:on|in|at|from)|met|meet|convened|"
    r"was convened|gathered|came together|hosted|opened|was opened|se celebr(?:[oó]|a|aron)|tuvo lugar|"
    r"tienen lugar|se llev(?:[oó]|aron) a cabo|se realiz(?:[oó]|aron)|realizad[ao]s?|se reuni(?:[oó]|eron)|"
    r"reunid[oa]s|se inaugur[oó]|sesion[oó]|se desarroll[oó]|celebrad[ao]|llevad[ao] a cabo|participaron en)\b",
    re.I,
)
#: Words that, just before a meeting verb, make the sentence about another meeting.
OTHER_MEETING = re.compile(
    r"\b(?:next|upcoming|forthcoming|future|previous|preceding|last|former|earlier|subsequent|following|"
    r"pr[oó]xim[ao]s?|anterior(?:es)?|siguiente|pasad[ao]|futur[ao]|will|shall|would|to|scheduled|expected|"
    r"planned|preceded by|followed by)\b[^.;]{0,80}$",
    re.I,
)
#: A meeting verb in the future or the infinitive: the meeting has not happened.
FUTURE_VERB = re.compile(
    r"\b(?:will|shall|would|to|is to|are to|is scheduled to|taking place)\s+(?:be\s+)?(?:take place|held|"
    r"meet|convene|hosted|gather)|\btaking place\b|\b(?:se celebrar[aá]|tendr[aá] lugar|se llevar[aá] a cabo|"
    r"se realizar[aá]|se reunir[aá]n?|ser[aá] sede)\b",
    re.I,
)
REPORTING_VERBS = (
    r"referred|commented|proposed|reaffirmed|considered|outlined|reflected|emphasi[sz]ed|expressed|mentioned|"
    r"presented|highlighted|stated|underlined|stressed|shared|raised|put|underscored|noted|said|recommended|"
    r"pointed|called|indicated|insisted|added|asked|explained|reported|informed|described|requested|welcomed"
)
SPEECH = re.compile(rf"\b(?:{REPORTING_VERBS})\b")
PERSON = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Sr|Sra)\.?\s+[A-Z]")
RUN_IN_ENUMERATION = re.compile(r"\b(?:thematic areas|topics|themes|axes|ejes|temas)\b[^:.]{0,60}:\s*(?=1\.\s)", re.I)
RUN_IN_TOPIC = re.compile(r"\b(Topic|Tema)\s+([IVX]+|\d+)\b:?\s*(.{3,120}?)\s+(?=Contextuali[sz]ation)")
AGREED_SENTENCE = re.compile(
    r"^(?:Finally,\s+|In addition,\s+|Likewise,\s+)?(?:they|the countries|the states|the delegations|delegations|"
    r"participants)\s+(?:also\s+)?agreed\s+(?:on the need|that\b.*\bshould\b|to\b)",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z\"“¿¡])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]+\s)")
PLACE = re.compile(r"(?<![\w])([A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,3}),\s+([^,\n]{2,80})")
KIND_WORDS = [
    (re.compile(r"joint communiqu|comunicado conjunto", re.I), DocumentKind.COMMUNIQUE),
    (re.compile(r"\bdeclaration\b|\bdeclaraci[oó]n\b", re.I), DocumentKind.DECLARATION),
    (re.compile(r"rapporteurship|relator[ií]a", re.I), DocumentKind.RAPPORTEURSHIP),
    (re.compile(r"\bresolution\b|\bresoluci[oó]n\b", re.I), DocumentKind.RESOLUTION),
    (re.compile(r"\bagenda\b", re.I), DocumentKind.AGENDA),
    (re.compile(r"concept note|nota conceptual", re.I), DocumentKind.CONCEPT_NOTE),
    (re.compile(r"plan of action|plan de acci[oó]n", re.I), DocumentKind.PLAN_OF_ACTION),
    (re.compile(r"\bsummary\b|\bresumen\b|this document describes", re.I), DocumentKind.SUMMARY),
    (re.compile(r"\breport\b|\binforme\b", re.I), DocumentKind.REPORT),
]
GENERIC_TITLE_LINES = re.compile(r"^(?:REPORT|INFORME|SUMMARY|RESUMEN|DRAFT|BORRADOR)$", re.I)
SMALL_WORDS = {
    "of",
    "the",
    "on",
    "and",
    "for",
    "in",
    "to",
    "a",
    "an",
    "between",
    "de",
    "la",
    "el",
    "y",
    "sobre",
    "del",
    "los",
    "las",
}

ENGLISH_WORDS = {"the", "of", "and", "to", "in", "that", "with", "for", "on", "was", "were", "is", "by", "as"}
SPANISH_WORDS = {"el", "la", "los", "las", "de", "del", "y", "que", "en", "con", "para", "por", "se", "una", "un"}
