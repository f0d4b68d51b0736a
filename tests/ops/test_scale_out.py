"""The production deployment scales out (issue 16 item 6): TWO gunicorn web nodes (deploy/gunicorn.conf.py)
and TWO Celery workers against one Postgres, one Redis (broker and cache) and one S3-compatible object
store (moto's server), all started by this test as README "Deploying" says. A client may land on either
node: the session, the rate limit, the uploaded file, the PDF made by a worker and the verification cache
are the same on both."""

import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from tests.conftest import _missing

from .services import (
    ROOT,
    Browser,
    MotoS3,
    Processes,
    ThrowawayPostgres,
    ThrowawayRedis,
    free_port,
    manage,
    production_env,
    wait_for,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"x" * 2000


def _require_binaries():
    for binary in ("redis-server", "runuser" if os.geteuid() == 0 else "true"):
        if shutil.which(binary) is None:
            _missing(f"needs {binary}")
    from .services import PG_BIN

    if PG_BIN is None:
        _missing("needs the Postgres server binaries (/usr/lib/postgresql/*/bin)")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    _require_binaries()
    tmp = tmp_path_factory.mktemp("scale")
    postgres = ThrowawayPostgres().init()
    redis = ThrowawayRedis().start()
    s3 = MotoS3().start()
    processes = Processes(tmp)
    try:
        postgres.psql("CREATE DATABASE lsp")
        env = production_env(
            tmp, postgres.url("lsp"),
            CELERY_BROKER_URL=redis.url, CACHE_URL=f"redis://127.0.0.1:{redis.port}/1",
            LSP_VERIFIKASI_PER_MINUTE="8", LSP_TRUSTED_PROXY_COUNT="1", **s3.env(),
        )
        # migrate and collectstatic (whitenoise's compressed manifest) side by side, as a deploy does
        static = subprocess.Popen([sys.executable, "manage.py", "collectstatic", "--noinput"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        manage("migrate", "--noinput", env=env)
        manage("compile_translations", env=env)
        assert static.wait(timeout=600) == 0, static.stderr.read()
        out = manage("shell", "-c", open(ROOT / "tests/ops/scale_setup.py").read(),
                     env={**env, "DJANGO_S3_BUCKET": s3.bucket}).stdout
        data = json.loads(out.split("SETUP ", 1)[1])
        ports = free_port(), free_port()
        for name, port in zip(("web1", "web2"), ports, strict=True):
            processes.web(name, port, env)
        for name in ("worker1", "worker2"):
            processes.worker(name, env)
        for name in ("worker1", "worker2"):
            wait_for(lambda name=name: "ready." in processes.log(name), 90, f"{name} to be ready")
        yield {"a": f"http://127.0.0.1:{ports[0]}", "b": f"http://127.0.0.1:{ports[1]}", "data": data,
               "postgres": postgres, "s3": s3, "tmp": tmp, "processes": processes}
    finally:
        processes.stop_all()
        s3.stop()
        redis.stop()
        postgres.remove()


def sql(stack, query: str) -> str:
    return stack["postgres"].psql(query, db="lsp")


def test_static_files_come_from_whitenoise_with_the_csp(stack):
    page = Browser().get(stack["a"] + "/akun/masuk/")
    assert page.status_code == 200 and "Content-Security-Policy" in page.headers
    css = re.search(r'href="(/static/[^"]+\.css)"', page.text).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.css$", css), css  # the manifest's hashed name
    for base in (stack["a"], stack["b"]):
        response = Browser().get(base + css, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200 and "max-age=315360000" in response.headers["Cache-Control"]


def test_a_session_made_on_one_node_works_on_the_other(stack):
    admin = Browser()
    admin.login(stack["a"], "admin_scale", stack["data"]["password"])
    page = admin.get(stack["b"] + "/sertifikat/")
    assert page.status_code == 200 and "/akun/keluar/" in page.text  # signed in there too
    anonymous = Browser().get(stack["b"] + "/sertifikat/")
    assert anonymous.status_code == 302 and "/akun/masuk/" in anonymous.headers["Location"]
    admin.post(stack["b"] + "/akun/keluar/", form_url=stack["b"] + "/sertifikat/")
    assert admin.get(stack["a"] + "/sertifikat/").status_code == 302  # logged out on both


def test_an_upload_on_one_node_downloads_from_the_other_and_lives_in_the_object_store(stack):
    asesi = Browser()
    asesi.login(stack["a"], "asesi_scale", stack["data"]["password"])
    detail = f"/asesi/permohonan/{stack['data']['draft']}/"
    response = asesi.post(
        stack["a"] + detail + "dokumen/", {"keterangan": "ijazah"}, form_url=stack["a"] + detail,
        files={"berkas": ("ijazah.pdf", PDF_BYTES, "application/pdf")},
    )
    assert response.status_code == 302, response.text[:3000]
    page = asesi.get(stack["b"] + detail)
    dokumen = re.search(r"/asesi/dokumen/(\d+)/", page.text).group(0)
    download = asesi.get(stack["b"] + dokumen)
    assert download.status_code == 200 and download.content == PDF_BYTES
    stored = sql(stack, "SELECT berkas FROM asesi_dokumen ORDER BY id DESC LIMIT 1")
    body = stack["s3"].client().get_object(Bucket=stack["s3"].bucket, Key=stored)["Body"].read()
    assert body == PDF_BYTES
    assert not [p for p in (stack["tmp"] / "media").rglob("*") if p.is_file()], "a file went to the local disk"


def test_pdf_made_by_a_worker_is_seen_from_both_and_a_revocation_shows_at_once_on_the_other(stack):
    admin = Browser()
    admin.login(stack["b"], "admin_scale", stack["data"]["password"])
    response = admin.post(stack["b"] + "/sertifikat/penerbitan/", {"permohonan": stack["data"]["decided"]})
    assert response.status_code == 302, response.text[:3000]
    cert_id, token = sql(stack, f"SELECT id, token FROM sertifikat_sertifikat WHERE permohonan_id = "
                                f"{stack['data']['decided']}").split("|")
    wait_for(lambda: sql(stack, f"SELECT pdf_status FROM sertifikat_sertifikat WHERE id = {cert_id}") == "siap",
             120, "a worker to make the PDF")
    pdfs = [admin.get(f"{base}/sertifikat/{cert_id}/pdf/") for base in (stack["a"], stack["b"])]
    assert [r.status_code for r in pdfs] == [200, 200]
    assert pdfs[0].content[:5] == b"%PDF-" and pdfs[0].content == pdfs[1].content
    made_by = [name for name in ("worker1", "worker2") if "sertifikat_pdf_generate" in stack["processes"].log(name)]
    assert made_by, "no worker made the PDF"

    visitor = Browser(**{"X-Forwarded-For": "198.51.100.7"})
    for base in (stack["a"], stack["b"]):  # both nodes cache the public data
        assert visitor.get(f"{base}/verifikasi/{token}/").status_code == 200
        assert json.loads(visitor.get(f"{base}/api/v1/verifikasi/{token}/").text)["status"] == "aktif"
    response = admin.post(f"{stack['a']}/sertifikat/{cert_id}/status/", {"ke": "dicabut", "alasan": "Uji dua node"},
                          form_url=f"{stack['a']}/sertifikat/{cert_id}/")
    assert response.status_code == 302, response.text[:3000]
    assert json.loads(visitor.get(f"{stack['b']}/api/v1/verifikasi/{token}/").text)["status"] == "dicabut"
    assert "Dicabut" in visitor.get(f"{stack['b']}/verifikasi/{token}/").text


def test_the_rate_limit_counts_across_both_nodes(stack):
    if time.time() % 60 > 45:  # one fixed window per minute: start in a fresh one
        time.sleep(61 - time.time() % 60)
    visitor = Browser(**{"X-Forwarded-For": "203.0.113.9"})  # one client address, behind the proxy
    statuses = [visitor.get(f"{base}/verifikasi/TIDAK-ADA-{i}/").status_code
                for i in range(5) for base in (stack["a"], stack["b"])]
    # 8 per minute from one address in total, not 8 per node: the ninth and tenth are refused
    assert statuses[:8] == [404] * 8 and statuses[8:] == [429, 429], statuses
    other = Browser(**{"X-Forwarded-For": "203.0.113.10"})
    assert other.get(f"{stack['a']}/verifikasi/TIDAK-ADA/").status_code == 404
