"""The public addresses. They are permanent links: change them only by adding."""

from django.urls import path, re_path

from meetings import downloads, views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting-detail"),
    path("documents/", views.DocumentListView.as_view(), name="document-list"),
    path("documents/<slug:slug>/", views.document_detail, name="document-detail"),
    path("documents/<slug:slug>/original", downloads.document_file, name="document-file"),
    path("documents/<slug:slug>/with/<slug:other>/", views.document_side_by_side, name="document-side-by-side"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement-list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    re_path(r"^countries/(?P<alpha3>[A-Za-z]{3})/$", views.country_detail, name="country-detail"),
    re_path(
        r"^countries/(?P<alpha3>[A-Za-z]{3})/(?P<dataset>meetings|agreements|commitments)\.(?P<fmt>csv|json)$",
        views.country_download,
        name="country-download",
    ),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("processes/<slug:slug>/", views.process_detail, name="process-detail"),
    path("commitments/", views.CommitmentListView.as_view(), name="commitment-list"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment-detail"),
]
