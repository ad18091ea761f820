"""Project-level promises: migrations are complete, settings fail loudly, setup commands behave."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from migconf.env import env_bool, env_int, env_list


@pytest.mark.django_db
def test_the_models_need_no_migration_that_is_not_written():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def _settings_import(env: dict) -> subprocess.CompletedProcess:
    """Import the production settings in a clean interpreter with only `env` set."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-c", "import migconf.settings"],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_import({"ALLOWED_HOSTS": "archive.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _settings_import({"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_its_settings_given():
    result = _settings_import({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "archive.example.org"})
    assert result.returncode == 0, result.stderr


def test_a_malformed_debug_value_stops_the_start(monkeypatch):
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG", default=False)


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), ("off", False), ("", False)])
def test_boolean_settings_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", default=not expected) is expected


def test_numbers_and_lists_are_read_strictly(monkeypatch):
    monkeypatch.setenv("N", "many")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", default=1)
    monkeypatch.setenv("HOSTS", "a.example.org, b.example.org,")
    assert env_list("HOSTS", default=[]) == ["a.example.org", "b.example.org"]


def test_without_database_url_the_archive_uses_an_embedded_sqlite_file():
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"],
        env={
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "DJANGO_SETTINGS_MODULE": "migconf.settings",
            "DEBUG": "true",
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3"


@pytest.mark.django_db
class TestLocalAdminAccount:
    def test_it_is_created_once_in_development(self, settings):
        settings.DEBUG = True
        call_command("ensure_local_admin", stdout=StringIO())
        call_command("ensure_local_admin", stdout=StringIO())
        users = get_user_model().objects.filter(is_superuser=True)
        assert list(users.values_list("username", flat=True)) == ["admin"]
        assert users.get().check_password("admin")

    def test_it_is_refused_outside_development(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="DEBUG is off"):
            call_command("ensure_local_admin")
        assert not get_user_model().objects.exists()
