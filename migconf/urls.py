from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from meetings.admin.importer import urlpatterns as importer_urls
from meetings.health import healthz

urlpatterns = [
    # Before the admin's own URLs, which would otherwise read "import" as a model name.
    *importer_urls,
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # The language chooser of the admin (which has no language prefix) posts here.
    path("i18n/", include("django.conf.urls.i18n")),
]
# Public pages: /en/... and /es/...; an old address without a prefix redirects (meetings/languages.py).
urlpatterns += i18n_patterns(path("", include("meetings.urls")))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in the site's own style (used when DEBUG is off; 500 uses templates/500.html).
handler400 = "meetings.views.bad_request"
handler404 = "meetings.views.page_not_found"
handler500 = "meetings.health.server_error"  # a database outage answers 503, anything else templates/500.html
