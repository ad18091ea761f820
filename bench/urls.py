"""Print the request mix of the load benchmark, one path a line, from what the database holds.

Lists (plain and filtered), detail pages, searches and downloads (CSV/JSON
exports and documents' original files) of published records, weighted
roughly as visitors use the archive. Run by bench/load through manage.py shell.
"""

from urllib.parse import urlencode

from django.core.files.base import ContentFile

from meetings.models import Agreement, Country, Document, Meeting, Topic

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" + b"%" * 200_000


def ensure_original_files() -> None:
    """Give every published document an original file (about 200 kB) so that downloads have something to send."""
    for document in Document.objects.public().filter(file=""):
        document.file.save(f"{document.slug}.pdf", ContentFile(PDF))


def paths() -> list[str]:
    lists = ["/", "/meetings/", "/documents/", "/agreements/", "/commitments/", "/agreements/?page=2"]
    took_part = Country.objects.filter(participations__isnull=False).distinct()
    countries = list(took_part.values_list("alpha3", flat=True)[:8])
    topics = list(Topic.objects.filter(agreements__isnull=False).distinct().values_list("slug", flat=True)[:6])
    lists += [f"/agreements/?country={c}" for c in countries[:4]] + [f"/meetings/?topic={t}" for t in topics[:3]]
    details = [m.get_absolute_url() for m in Meeting.objects.public()]
    details += [d.get_absolute_url() for d in Document.objects.public()]
    details += [a.get_absolute_url() for a in Agreement.objects.public().order_by("pk")[:30]]
    details += [f"/countries/{c}/" for c in countries] + [f"/topics/{t}/" for t in topics]
    words = ["migration", "trafficking", "consular protection", '"technical secretariat"', "smuggling OR refugees"]
    searches = ["/search/?" + urlencode({"q": w}) for w in words]
    searches += ["/agreements/?q=migrants", "/meetings/?q=conference"]
    downloads = ["/agreements/?format=csv", "/meetings/?format=json", "/commitments/?format=csv"]
    downloads += [f"/countries/{c}/agreements.csv" for c in countries[:3]]
    downloads += [f"/documents/{d.slug}/original" for d in Document.objects.public().exclude(file="")]
    # Weights: lists 30 %, details 40 %, search 20 %, downloads 10 % (each group repeated to its share).
    mix = []
    for group, share in ((lists, 30), (details, 40), (searches, 20), (downloads, 10)):
        mix += [group[i % len(group)] for i in range(share * 4)]
    return mix


ensure_original_files()
print("\n".join(paths()))
