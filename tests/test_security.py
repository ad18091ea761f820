"""Hardening: login lockout, the Content-Security-Policy and HSTS in production, `check --deploy`,
the request-body cap, the formats a document's file may have, and how original files are served."""

import datetime
import io
import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse

from meetings.models import Document
from tests import factories
from tests.helpers import admin_url, change_form_data

BASE_DIR = Path(settings.BASE_DIR)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# The production environment the README documents (Configuration), with made-up secrets.
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "archive.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://archive.example.org",
    "SECURE_HSTS_PRELOAD": "true",
}


def production(script: str, tmp_path, **extra) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with the production settings (migconf.settings, DEBUG unset)."""
    # The test run's own variables stay out (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    test_only = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="migconf.settings", **extra)
    # Its own SQLite file, whatever database the suite runs on: the suite's PostgreSQL database
    # (DATABASE_URL) is only created under a test_ name, so a production process could not reach it.
    env["DATABASE_URL"] = extra.get("DATABASE_URL", f"sqlite:///{tmp_path / 'production.sqlite3'}")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


# --- logins -----------------------------------------------------------------


@pytest.mark.django_db
class TestLoginLockout:
    def login(self, client, password):
        return client.post(
            "/admin/login/?next=/admin/", {"username": "staff", "password": password}, REMOTE_ADDR="203.0.113.7"
        )

    def test_after_the_limit_even_the_right_password_is_refused_until_the_lockout_ends(self, client, staff_user):
        limit = settings.AXES_FAILURE_LIMIT
        for _ in range(limit - 1):
            response = self.login(client, "wrong")
            assert response.status_code == 200
            assert "Please enter the correct username and password" in response.content.decode()
        response = self.login(client, "wrong")  # the limit-th failure locks the account for this address
        assert response.status_code == 429

        response = self.login(client, "correct horse battery")
        assert response.status_code == 429
        page = response.content.decode()
        assert "Too many failed logins" in page and "even the right password is refused" in page
        assert "_auth_user_id" not in client.session
        assert client.get("/admin/").status_code == 302  # still sent to the login page

        # Once the cool-off has passed, the right password works again.
        AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - settings.AXES_COOLOFF_TIME)
        response = self.login(client, "correct horse battery")
        assert response.status_code == 302 and response["Location"] == "/admin/"

    def test_a_success_before_the_limit_starts_the_count_again(self, client, staff_user):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.login(client, "wrong")
        assert self.login(client, "correct horse battery").status_code == 302
        client.logout()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert self.login(client, "wrong").status_code == 200


# --- production headers and check --deploy ----------------------------------


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = production(
        "import sys; from django.core.management import execute_from_command_line as run;"
        "run(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="archive.example.org")
over_https = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https")
over_http = client.get("/meetings/")
print(json.dumps({
    "https": [over_https.status_code, dict(over_https.headers)],
    "http": [over_http.status_code, dict(over_http.headers)],
}))
"""


def test_production_sends_a_strict_csp_and_hsts_and_redirects_plain_http(tmp_path):
    result = production(HEADERS_SCRIPT, tmp_path)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    status, headers = seen["https"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'none'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers = seen["http"]
    assert status == 301 and headers["Location"] == "https://archive.example.org/meetings/"


def test_the_proxy_ssl_header_and_hsts_come_from_the_environment(tmp_path):
    script = "import django; django.setup(); from django.conf import settings as s;" + (
        "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)"
    )
    result = production(
        script, tmp_path, SECURE_PROXY_SSL_HEADER="X-Scheme: https", SECURE_HSTS_SECONDS="600", SECURE_SSL_REDIRECT="0"
    )
    assert result.stdout.split() == ["('HTTP_X_SCHEME',", "'https')", "600", "False"], result.stderr
    result = production(script, tmp_path, SECURE_PROXY_SSL_HEADER="nonsense")
    assert result.returncode != 0 and "SECURE_PROXY_SSL_HEADER must look like" in result.stderr


TEMPLATES = sorted((BASE_DIR / "templates").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(BASE_DIR / "templates")))
def test_no_template_has_inline_script_style_or_event_handlers(template):
    """The Content-Security-Policy refuses them; everything lives in static/."""
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script\b(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"<style\b", text), "inline <style>"
    assert not re.search(r"\sstyle\s*=", text), "style attribute"
    assert not re.search(r"\son[a-z]+\s*=", text), "event handler attribute"
    assert "javascript:" not in text


def test_gunicorn_listens_on_the_loopback_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    assert runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["bind"] == "127.0.0.1:8000"
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    assert runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["bind"] == "0.0.0.0:9000"


# --- request bodies ---------------------------------------------------------


class CountingStream(io.RawIOBase):
    """A request body of `size` bytes that counts how much of it anybody reads."""

    def __init__(self, size):
        self.size, self.read_bytes = size, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.size - self.read_bytes)
        buffer[:n] = b"x" * n
        self.read_bytes += n
        return n


@pytest.mark.django_db
def test_a_120_mb_upload_is_refused_before_its_body_is_read(staff_user):
    body = CountingStream(120 * 1024 * 1024)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/admin/meetings/import/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "CONTENT_TYPE": "multipart/form-data; boundary=xyz",
        "CONTENT_LENGTH": str(body.size),
        "wsgi.input": body,
        "wsgi.url_scheme": "http",
    }
    statuses = []
    chunks = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    page = b"".join(chunks).decode()
    assert statuses == ["413 Request Entity Too Large"]
    assert "too large" in page and "120 MB" in page
    assert body.read_bytes == 0


# --- documents' files -------------------------------------------------------


DOCX_PARTS = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}


def zip_bytes(parts: dict[str, str]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document/>"})


@pytest.fixture
def document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = factories.meeting("VII Regional Conference on Migration")
    return factories.document(meeting, "Joint communiqué")


def upload(client, document, name, content):
    url = admin_url(Document, "change", document.pk)
    data = change_form_data(client.get(url))
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(url, data)


@pytest.mark.django_db
class TestDocumentFiles:
    @pytest.mark.parametrize(
        "name, content",
        [
            ("communique.pdf", PDF),
            ("communique.txt", "JOINT COMMUNIQUÉ\n\n1. To acknowledge…\n".encode()),
            ("communique.txt", "COMUNICADO CONJUNTO: migración\n".encode("cp1252")),
            ("communique.docx", zip_bytes(DOCX_PARTS)),
            ("communique.odt", ODT),
        ],
    )
    def test_the_kept_formats_are_accepted(self, staff_client, document, name, content):
        response = upload(staff_client, document, name, content)
        assert response.status_code == 302, response.context["adminform"].form.errors
        document.refresh_from_db()
        assert document.file.name.endswith(name.rsplit(".", 1)[-1])

    @pytest.mark.parametrize(
        "name, content, message",
        [
            ("communique.txt", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "not a plain text file"),
            ("communique.pdf", b"<html><body onload=alert(1)>%PDF-1.4</body></html>", "not a PDF file"),
            ("communique.txt", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "not a plain text"),
            ("communique.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "is not one of these"),
            ("communique.html", b"<p>Joint communiqu\xc3\xa9</p>", "is not one of these"),
            ("communique.docx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "not a Word (DOCX) file"),
            ("communique.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "is not one of these"),
            ("communique.docx", PDF, "its content is PDF"),
            ("communique.docx", zip_bytes({**DOCX_PARTS, "word/vbaProject.bin": "x"}), "contains macros"),
            ("communique.odt", zip_bytes({"mimetype": "text/html", "content.xml": "<x/>"}), "not a OpenDocument"),
            ("communique.pdf", b"", "empty"),
        ],
    )
    def test_a_disguised_or_unkept_format_is_refused_with_a_form_error(
        self, staff_client, document, name, content, message
    ):
        response = upload(staff_client, document, name, content)
        assert response.status_code == 200
        errors = " ".join(response.context["adminform"].form.errors.get("file", []))
        assert message in errors
        document.refresh_from_db()
        assert not document.file

    def test_an_oversized_file_is_refused_with_a_form_error(self, staff_client, document, settings):
        settings.DOCUMENT_FILE_MAX_SIZE = 1024
        response = upload(staff_client, document, "communique.pdf", PDF + b"%" * 2000)
        assert response.status_code == 200
        assert "can be at most" in " ".join(response.context["adminform"].form.errors["file"])
        document.refresh_from_db()
        assert not document.file


@pytest.mark.django_db
class TestOriginalFiles:
    def test_a_published_documents_file_downloads_as_an_attachment_from_its_page(self, client, document):
        document.file.save("communique.pdf", ContentFile(PDF))
        page = client.get(document.get_absolute_url()).content.decode()
        link = reverse("meetings:document-file", args=[document.slug])
        assert f'href="{link}"' in page and "Download the original" in page
        response = client.get(link)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="communique.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"

    @pytest.mark.parametrize("status", [factories.DRAFT, "withdrawn"])
    def test_the_file_of_a_document_the_public_may_not_see_is_a_404(self, client, document, status):
        document.file.save("communique.pdf", ContentFile(PDF))
        Document.objects.filter(pk=document.pk).update(status=status)
        assert client.get(f"/documents/{document.slug}/original").status_code == 404

    def test_the_file_of_a_published_document_of_a_draft_meeting_is_a_404(self, client, document):
        document.file.save("communique.pdf", ContentFile(PDF))
        type(document.meeting).objects.filter(pk=document.meeting_id).update(status=factories.DRAFT)
        assert client.get(f"/documents/{document.slug}/original").status_code == 404

    def test_a_document_without_a_file_or_whose_file_is_missing_is_a_404(self, client, document):
        assert client.get(f"/documents/{document.slug}/original").status_code == 404
        document.file.save("communique.pdf", ContentFile(PDF))
        Path(document.file.path).unlink()
        assert client.get(f"/documents/{document.slug}/original").status_code == 404
