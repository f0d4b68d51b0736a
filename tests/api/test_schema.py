"""The API against its own OpenAPI schema (schemathesis, inside pytest through WSGI: no server).

Every operation of ``/api/schema/`` gets generated requests — valid and invalid — as anonymous, an asesi and
admin LSP (token auth), and every response must be documented and match its schema, and never be a 500.
Bounded (``EXAMPLES`` per operation and user) so the whole run stays well under a minute."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from rest_framework.authtoken.models import Token
from schemathesis import checks as st_checks

from lsp.models import User
from tests.asesi.factories import AsesiProfileFactory, admin_user, permohonan_draft
from tests.sertifikat.factories import issued, lsp_profile

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

EXAMPLES = 6
CHECKS = [getattr(st_checks, name) for name in (
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance",
    "response_headers_conformance", "negative_data_rejection",
)]


def test_schema_validates_and_documents_every_endpoint(client):
    r = client.get("/api/schema/?format=json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path in ("/api/v1/skema/", "/api/v1/skema/{id}/", "/api/v1/asesi/", "/api/v1/asesi/{id}/",
                 "/api/v1/permohonan/", "/api/v1/permohonan/{id}/", "/api/v1/permohonan/{id}/ajukan/",
                 "/api/v1/jadwal/", "/api/v1/jadwal/{id}/", "/api/v1/rekaman/", "/api/v1/rekaman/{id}/",
                 "/api/v1/sertifikat/", "/api/v1/sertifikat/{id}/", "/api/v1/asesor/", "/api/v1/asesor/{id}/",
                 "/api/v1/verifikasi/{kode}/"):
        assert path in paths, path
    assert set(r.json()["components"]["securitySchemes"]) >= {"tokenAuth", "cookieAuth"}


def test_docs_page_is_served_locally_under_the_csp(client):
    r = client.get("/api/docs/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "<style" not in html and "<script>" not in html  # no inline code: the CSP allows only our files
    assert "cdn" not in html.lower() and "https://" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


@pytest.fixture
def keep_test_connection():
    """The raw WSGI app closes the database connection after each request (Django's test client turns that
    off); keep it open so the requests see this test's transaction."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_api_conforms_to_its_schema(settings, keep_test_connection):
    settings.ALLOWED_HOSTS = ["*"]
    settings.LSP_API_ANON_PER_MINUTE = 0
    settings.LSP_VERIFIKASI_PER_MINUTE = 0
    lsp_profile()
    admin = admin_user()
    asesi = AsesiProfileFactory()
    permohonan_draft(profil=asesi)
    issued(by=admin)
    tokens = {
        "anonim": None,
        "asesi": Token.objects.create(user=asesi.user).key,
        "admin": Token.objects.create(user=admin).key,
    }
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 17
    calls = []
    for operation in operations:
        for who, key in tokens.items():
            headers = {"Authorization": f"Token {key}"} if key else {}
            try:
                _fuzz(operation, headers, calls)
            except Exception as exc:
                raise AssertionError(f"{operation.label} as {who}: {exc}") from exc
    assert len(calls) >= len(operations) * len(tokens)
    assert User.objects.filter(asesi_profile__isnull=False).count() >= 1


def _fuzz(operation, headers, calls):
    @given(case=operation.as_strategy())
    @hyp_settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
    def run(case):
        calls.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    run()
