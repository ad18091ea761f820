"""The Spanish interface: a complete catalogue, compiled without GNU gettext, and pages with no English left.

The page test reads each page in English and in Spanish and collects the
English page's interface text (its text nodes and the labels a screen reader
reads, minus the records' own verbatim text); none of it may appear in the
Spanish page.
"""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from meetings.models import ActionItem, Agreement, AgreementSection, Document, DocumentKind, Meeting, ParticipationRole
from meetings.translations import compile_catalogues
from tests import factories as make

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


# -- the catalogue ----------------------------------------------------------------


def entries():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_the_spanish_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogue = entries()
    assert len(catalogue) > 100
    assert [e.msgid for e in catalogue if "fuzzy" in e.flags] == []
    untranslated = [
        e.msgid
        for e in catalogue
        if (not all(e.msgstr_plural.get(i) for i in (0, 1)) if e.msgid_plural else not e.msgstr)
    ]
    assert untranslated == []


def test_every_translation_keeps_the_placeholders_of_its_original():
    for entry in entries():
        originals = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        wanted = set(PLACEHOLDER.findall("".join(originals)))
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert set(PLACEHOLDER.findall(text)) <= wanted, entry.msgid


def test_plurals_are_real_plurals_in_spanish():
    assert polib.pofile(str(CATALOGUE)).metadata["Plural-Forms"].startswith("nplurals=2; plural=(n != 1)")
    with translation.override("es"):
        assert translation.ngettext("%(count)s meeting", "%(count)s meetings", 1) == "%(count)s reunión"
        assert translation.ngettext("%(count)s meeting", "%(count)s meetings", 3) == "%(count)s reuniones"


def test_the_catalogue_compiles_in_pure_python(tmp_path):
    target = tmp_path / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_bytes(CATALOGUE.read_bytes())
    assert compile_catalogues([tmp_path]) == [target / "django.mo"]
    assert compile_catalogues([tmp_path]) == []  # up to date: nothing rebuilt
    compiled = polib.mofile(str(target / "django.mo"))
    assert compiled.find("Agreements").msgstr == "Acuerdos"


# -- the pages ----------------------------------------------------------------------


class Texts(HTMLParser):
    """The text a reader sees or hears: text nodes, and labels, titles and placeholders."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.texts: set[str] = set()
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.texts.add(" ".join(value.split()))
        if tag == "meta" and dict(attrs).get("name") == "description":
            self.texts.add(" ".join(dict(attrs)["content"].split()))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skip:
            self.texts.add(text)


#: Words that read the same in both languages, and names of things.
SAME_IN_BOTH = {"migconf", "CSV", "JSON", "English", "Español", "Agenda"}


@pytest.fixture
def archive(db):
    make.clear_content()
    mexico, guatemala = make.country("MEX", "Mexico"), make.country("GTM", "Guatemala")
    rcm = make.process("rcm", "Regional Conference on Migration", "RCM")
    make.membership(rcm, mexico)
    trafficking = make.topic("trafficking-in-persons", "Trafficking in persons")
    iom = make.organisation("iom", "International Organization for Migration", "IOM")
    vii = make.meeting(
        "VII Regional Conference on Migration",
        start=datetime.date(2002, 5, 30),
        end=datetime.date(2002, 5, 31),
        city="Antigua",
        host_country=guatemala,
        processes=(rcm,),
        attendees=(mexico, guatemala),
    )
    make.participation(vii, iom, ParticipationRole.INVITED)
    communique = make.document(vii, "JOINT COMMUNIQUÉ OF THE VII RCM", kind=DocumentKind.COMMUNIQUE, text="9.1 ...")
    agreement = make.agreement(
        communique,
        "To invite IOM to prepare a plan of action against migrant trafficking.",
        label="9.1",
        topics=(trafficking,),
        countries=(mexico,),
        section=AgreementSection.SUBSTANTIVE,
    )
    make.action_item(
        vii,
        "IOM to prepare a plan of action on migrant trafficking",
        agreement=agreement,
        countries=(mexico,),
        due_date=datetime.date(2003, 3, 1),
    )
    return {
        "Mexico",
        "Guatemala",
        "Regional Conference on Migration",
        "RCM",
        "Trafficking in persons",
        "International Organization for Migration",
        "IOM",
        "VII Regional Conference on Migration",
        "Antigua",
        "JOINT COMMUNIQUÉ OF THE VII RCM",
        "9.1",
        "To invite IOM to prepare a plan of action against migrant trafficking.",
        "IOM to prepare a plan of action on migrant trafficking",
        "1 ...",
        "9.1 ...",
    }


def interface_text(texts: set[str], records: set[str]) -> set[str]:
    """The texts that are the interface's: letters left once the records' names and numbers are taken out."""
    found = set()
    for text in texts:
        rest = text
        for record in sorted(records | SAME_IN_BOTH, key=len, reverse=True):
            rest = rest.replace(record, " ")
        shortened = text.strip(" …").removesuffix("...")  # a record's text cut to fit, or a snippet of it
        if not re.search(r"[A-Za-z]{2,}", rest) or any(shortened in record for record in records):
            continue
        found.add(text)
    return found


PAGES = [
    ("home", "/{lang}/"),
    ("meetings", "/{lang}/meetings/"),
    ("documents", "/{lang}/documents/"),
    ("agreements", "/{lang}/agreements/"),
    ("agreements, filtered", "/{lang}/agreements/?country=MEX&topic=trafficking-in-persons&date_after=2000-01-01"),
    ("agreements, words", "/{lang}/agreements/?q=plan+action&sort=date"),
    ("agreements, nothing found", "/{lang}/agreements/?country=GTM&year=1990"),
    ("agreements, bad filters", "/{lang}/agreements/?country=XXX&date_after=yesterday&sort=size"),
    ("agreements, page out of range", "/{lang}/agreements/?page=99"),
    ("meetings, dates reversed", "/{lang}/meetings/?date_after=2005-01-01&date_before=2001-01-01"),
    ("a record that is not there", "/{lang}/meetings/no-such-meeting/"),
    ("commitments", "/{lang}/commitments/?on=2004-01-01"),
    ("commitments, bad filters", "/{lang}/commitments/?status=maybe&on=someday"),
    ("commitments, nothing found", "/{lang}/commitments/?country=GTM"),
    ("search", "/{lang}/search/?q=trafficking"),
    ("search, nothing found", "/{lang}/search/?q=zorblax"),
    ("search, empty", "/{lang}/search/"),
    ("search, only common words", "/{lang}/search/?q=the+of"),
    ("search, bad filters", "/{lang}/search/?q=plan&type=minutes&country=XXX"),
    ("meeting", "/{lang}/meetings/{meeting}/"),
    ("document", "/{lang}/documents/{document}/"),
    ("agreement", "/{lang}/agreements/{agreement}/"),
    ("commitment", "/{lang}/commitments/{commitment}/?on=2004-01-01"),
    ("country", "/{lang}/countries/MEX/"),
    ("country without records", "/{lang}/countries/GTM/"),
    ("organisation", "/{lang}/organisations/iom/"),
    ("topic", "/{lang}/topics/trafficking-in-persons/"),
    ("process", "/{lang}/processes/rcm/?on=2004-01-01"),
    ("a bad download", "/{lang}/documents/?format=xls"),
]


@pytest.mark.parametrize(("kind", "address"), PAGES, ids=[kind for kind, _ in PAGES])
def test_a_page_in_spanish_shows_no_english_interface_text(archive, kind, address):
    visitor = Client()
    records = {
        "meeting": Meeting.objects.get().slug,
        "document": Document.objects.get().slug,
        "agreement": Agreement.objects.get().pk,
        "commitment": ActionItem.objects.get().pk,
    }
    english = visitor.get(address.format(lang="en", **records))
    spanish = visitor.get(address.format(lang="es", **records))
    assert spanish.status_code == english.status_code
    typed = {value for _, value in parse_qsl(urlsplit(address).query)} | {
        str(v) for v in records.values()
    }  # what the visitor typed is not interface
    english_texts = interface_text(Texts(english.content.decode()).texts, archive | typed)
    assert len(english_texts) > 5  # the comparison has something to compare
    left_in_english = english_texts & Texts(spanish.content.decode()).texts
    assert left_in_english == set()


def test_dates_are_written_as_each_language_writes_them(archive):
    visitor = Client()
    assert "30–31 May 2002" in visitor.get("/en/meetings/").content.decode()
    assert "30 y 31 de mayo de 2002" in visitor.get("/es/meetings/").content.decode()
