"""The public pages, by concern. No login; only published records, through the selectors.

`meetings.urls` and the error handlers import the views from here.
"""

from meetings.views.dossiers import (
    country_detail,
    country_download,
    organisation_detail,
    process_detail,
    topic_detail,
)
from meetings.views.errors import bad_request, page_not_found
from meetings.views.home import home
from meetings.views.lists import (
    AgreementListView,
    ArchiveListView,
    CommitmentListView,
    DocumentListView,
    MeetingListView,
)
from meetings.views.records import (
    agreement_detail,
    commitment_detail,
    document_detail,
    document_side_by_side,
    meeting_detail,
)
from meetings.views.search import search_page

__all__ = [
    "AgreementListView",
    "ArchiveListView",
    "CommitmentListView",
    "DocumentListView",
    "MeetingListView",
    "agreement_detail",
    "bad_request",
    "commitment_detail",
    "country_detail",
    "country_download",
    "document_detail",
    "document_side_by_side",
    "home",
    "meeting_detail",
    "organisation_detail",
    "page_not_found",
    "process_detail",
    "search_page",
    "topic_detail",
]
