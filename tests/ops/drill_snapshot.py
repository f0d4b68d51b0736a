"""What the backup drill compares before and after (run in ``manage.py shell``; prints one JSON line):
every certificate as the public verification page and API show it, with its PDF's checksum; every
stored file's checksum by model and row; every asesi document as its owner downloads it; the audit trail
(count, last id) and the row count of every table."""

import hashlib
import json

from django.apps import apps
from django.db import models
from django.test import Client

from asesi.models import Dokumen
from lsp.backup import audit_state, table_counts
from sertifikat.models import Sertifikat


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


client = Client()
certificates = {}
for cert in Sertifikat.objects.order_by("pk"):
    page = client.get(f"/verifikasi/{cert.token}/")
    api = client.get(f"/api/v1/verifikasi/{cert.token}/")
    certificates[cert.nomor] = {
        "page": page.status_code, "api": api.status_code, "status": api.json().get("status"),
        "pdf": sha(cert.pdf.read()) if cert.pdf else None,
    }

stored = {}
for model in apps.get_models():
    file_fields = [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]
    for field in file_fields:
        for pk, name in model.objects.exclude(**{field.name: ""}).values_list("pk", field.name):
            with field.storage.open(name, "rb") as handle:
                stored[f"{model._meta.label}.{field.name}#{pk}"] = sha(handle.read())

downloads = {}
for dokumen in Dokumen.objects.select_related("permohonan__asesi__user").order_by("pk"):
    owner = Client()
    owner.force_login(dokumen.permohonan.asesi.user)
    response = owner.get(f"/asesi/dokumen/{dokumen.pk}/")
    downloads[dokumen.pk] = [response.status_code, sha(b"".join(response.streaming_content))
                             if response.status_code == 200 else None]

counts = table_counts()
for table in ("django_session", "axes_accesslog", "axes_accessattempt"):  # the owners' sign-ins above
    counts.pop(table, None)
print("SNAPSHOT " + json.dumps({
    "certificates": certificates, "stored": stored, "downloads": downloads, "audit": audit_state(),
    "tables": counts,
}, sort_keys=True))
