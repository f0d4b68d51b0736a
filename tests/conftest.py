"""Shared fixtures and the service markers.

Tests marked ``postgres``, ``redis`` or ``celery_worker`` need a real service. Locally they skip when
it is missing; with ``CI=true`` they fail instead, so CI can never go green by skipping them."""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

from tests.factories import UserFactory

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _missing(reason):
    if CI:
        pytest.fail(f"CI=true and a required service is missing: {reason}", pytrace=False)
    pytest.skip(reason)


def _redis_reachable(url: str) -> bool:
    if not url.startswith("redis"):
        return False
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _require_services(request):
    if request.node.get_closest_marker("postgres"):
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            _missing(f"needs Postgres (DATABASE_URL), the database is {engine}")
    if request.node.get_closest_marker("redis") or request.node.get_closest_marker("celery_worker"):
        url = os.environ.get("CELERY_BROKER_URL", "")
        if not _redis_reachable(url):
            _missing(f"needs Redis at CELERY_BROKER_URL (got {url!r})")
    if request.node.get_closest_marker("browser") and not os.path.exists("/usr/bin/chromium"):
        _missing("needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")


@pytest.fixture(autouse=True)
def _eager_celery_and_private_media(settings, tmp_path):
    """Unit tests run tasks in-process; the ``celery_worker`` fixture switches to the real broker.
    Uploaded files go to a temporary folder, never the developer's media/."""
    from lsp.celery import app

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _no_login_lockout(settings):
    """django-axes counts failed logins; tests that try wrong passwords must not lock each other out.
    The lockout itself is tested with it switched back on (tests/lsp/test_auth_and_roles.py)."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _empty_cache():
    """The email throttles (lsp/throttle.py) count in the cache: every test starts with nothing counted."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Factories set a password for every user; the production hasher takes ~0.3 s each. The one test
    about hashing (tests/lsp/test_auth_and_roles.py) puts the production hasher back."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def celery_worker_on_redis(transactional_db):
    """A real Celery worker thread consuming from the Redis broker (``CELERY_BROKER_URL``)."""
    from celery.contrib.testing.worker import start_worker

    from lsp.celery import app

    url = os.environ.get("CELERY_BROKER_URL", "")
    if not _redis_reachable(url):
        _missing(f"needs Redis at CELERY_BROKER_URL (got {url!r})")
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app.conf.result_backend = url  # the tests wait for results; the app itself runs without a result backend
    reset_celery_clients(app)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        yield app
    app.conf.task_always_eager = True
    app.conf.result_backend = settings.CELERY_RESULT_BACKEND
    reset_celery_clients(app)


def reset_celery_clients(app):
    """Forget the app's broker connections and result backend, so a changed URL is used from now on."""
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def make_user(db):
    def make(*roles, **kwargs):
        return UserFactory(roles=roles, **kwargs)

    return make


@pytest.fixture
def admin_lsp(make_user):
    return make_user("admin_lsp", username="admin_test")


@pytest.fixture
def asesi_user(make_user):
    return make_user("asesi", username="asesi_test")


@pytest.fixture
def asesor_user(make_user):
    return make_user("asesor", username="asesor_test")
