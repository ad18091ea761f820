"""Surviving the database: after a restart no request fails; while it is away pages answer 503, never 500."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client

from tests import factories


def fetch(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the test's own live server
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def free_port() -> int:
    """A free port in this project's range for test servers (8200-8299)."""
    for port in range(8290, 8200, -1):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port in 8200-8299")


@pytest.fixture
def gunicorn_site(tmp_path):
    """The site under gunicorn with the production configuration (gunicorn.conf.py), on the test database."""
    port = free_port()
    params = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "migconf.test_settings",
        "DATABASE_URL": f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{params['NAME']}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",  # one worker, one thread: every request reuses the one connection
        "GUNICORN_THREADS": "1",
        "GUNICORN_ACCESSLOG": "",
    }
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "migconf.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise AssertionError("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text())
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend is PostgreSQL's")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_the_sites_database_connections_are_cut_the_next_request_succeeds(gunicorn_site):
    factories.meeting("VII Regional Conference on Migration", slug="vii-rcm-2002")
    assert fetch(f"{gunicorn_site}/meetings/vii-rcm-2002/")[0] == 200  # the worker now holds a connection

    with connection.cursor() as cursor:  # what a PostgreSQL restart does to every open connection
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1  # the worker's connection, and any other left open

    for path in ["/meetings/vii-rcm-2002/", "/meetings/", "/healthz"]:
        status, _, _ = fetch(gunicorn_site + path)
        assert status == 200, path


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails as it does while PostgreSQL restarts or refuses connections."""

    def unreachable(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(connection, "ensure_connection", unreachable)


@pytest.fixture
def visitor():
    # The real server's behaviour: an error becomes the error page, not an exception in the test.
    return Client(raise_request_exception=False)


PUBLIC_PAGES = ["/en/", "/es/meetings/", "/en/meetings/vii-rcm-2002/", "/es/search/?q=trafficking", "/en/commitments/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_while_the_database_is_unreachable_public_pages_answer_503_in_the_sites_style(visitor, database_down, path):
    response = visitor.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    # In the page's language, without a database to ask anything.
    assert ("El archivo vuelve en un momento" if path.startswith("/es/") else "The archive is back in a moment") in page
    assert 'class="site-header"' in page  # the site's own page, with its header and stylesheet
    assert "Traceback" not in page and "OperationalError" not in page


@pytest.mark.django_db
def test_a_staff_members_admin_page_answers_503_too_while_the_database_is_unreachable(visitor, staff_user, monkeypatch):
    visitor.force_login(staff_user)

    def unreachable(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(connection, "ensure_connection", unreachable)
    response = visitor.get("/admin/meetings/meeting/")  # reading the session needs the database
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


@pytest.mark.django_db
def test_healthz_answers_200_with_the_database_and_503_without(visitor, monkeypatch):
    response = visitor.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})
    assert "no-cache" in response["Cache-Control"]

    def unreachable(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(connection, "ensure_connection", unreachable)
    response = visitor.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
