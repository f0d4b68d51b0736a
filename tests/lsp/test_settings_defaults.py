"""Safe defaults: DEBUG is off unless DJANGO_DEBUG turns it on, and without DEBUG a missing secret key
stops start-up with a clear message. Each case imports the settings in a fresh process, with none of
the developer's DJANGO_* variables and without reading a local .env file."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

BASE_DIR = settings.BASE_DIR

PROBE = """
import json
import environ
environ.Env.read_env = staticmethod(lambda *args, **kwargs: None)  # a developer's .env must not decide
from django.core.exceptions import ImproperlyConfigured
try:
    import {module} as s
except ImproperlyConfigured as exc:
    print(json.dumps({{"error": str(exc)}}))
else:
    from lsp import settings as s
    print(json.dumps({{"DEBUG": s.DEBUG, "dev_key": s.SECRET_KEY == s._DEV_SECRET_KEY,
                      "ssl_redirect": getattr(s, "SECURE_SSL_REDIRECT", False)}}))
"""

PRODUCTION_KEY = "x9" * 30 + "-production-like-secret"


def load(module="lsp.settings", **variables):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | variables
    env["DJANGO_SETTINGS_MODULE"] = "lsp.settings"
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_nothing_set_stops_with_a_clear_message():
    error = load()["error"]
    assert "DJANGO_SECRET_KEY must be set" in error
    assert "DJANGO_DEBUG=1" in error  # tells a developer what to do


def test_the_wsgi_application_does_not_start_without_a_key():
    assert "DJANGO_SECRET_KEY must be set" in load("lsp.wsgi")["error"]


def test_a_key_without_debug_is_production():
    assert load(DJANGO_SECRET_KEY=PRODUCTION_KEY) == {"DEBUG": False, "dev_key": False, "ssl_redirect": True}


def test_debug_on_uses_the_development_key():
    assert load(DJANGO_DEBUG="1") == {"DEBUG": True, "dev_key": True, "ssl_redirect": False}


@pytest.mark.parametrize(
    "variables",
    [
        {"DJANGO_DEBUG": "0"},
        {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "django-insecure-development-only-key-never-use-in-production"},
        {"DJANGO_SECRET_KEY": ""},
    ],
    ids=["debug-off-no-key", "debug-off-dev-key", "empty-key"],
)
def test_debug_off_refuses_a_missing_or_development_key(variables):
    assert "DJANGO_SECRET_KEY must be set" in load(**variables)["error"]


@pytest.mark.parametrize("command", ["check", "makemigrations"])
def test_manage_py_refuses_to_start_without_debug_or_key(command):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    if (BASE_DIR / ".env").is_file():
        pytest.skip("a local .env file sets variables for manage.py")
    result = subprocess.run(
        [sys.executable, "manage.py", command], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY must be set" in result.stderr


def test_the_test_suite_runs_with_the_development_settings():
    assert settings.SECRET_KEY.startswith("django-insecure-development-only")
    assert not getattr(settings, "SECURE_SSL_REDIRECT", False)
