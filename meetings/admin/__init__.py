"""The secretariat's editing tool.

A whole meeting outcome is entered from the meeting's one page (its
participants, its documents with their agreements nested, its commitments:
`meetings.admin.meetings`); each document's and each agreement's own page hold
the rest (a document's text and file, an agreement's countries and links to
earlier agreements).

Publishing goes through the "Publish selected" and "Withdraw selected" actions
(for holders of the publish permissions only, and checked again in
`meetings.services`); a record's status is never edited in a form. A published
record cannot be deleted, only withdrawn. Every page keeps its edit history
(django-simple-history), from which a past version can be restored.

One module per concern; importing them here registers their pages (Django's
admin autodiscovery imports this package).
"""

from meetings.admin import (  # noqa: F401 - imported for their registrations
    agreements,
    commitments,
    documents,
    meetings,
    reference,
    revisions,
)
