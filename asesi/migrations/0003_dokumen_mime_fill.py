"""Every document gets the type its stored bytes are, so that it is served with that type and never
with one guessed from its name. Rows whose file is missing or is not a PDF/JPEG/PNG get
``application/octet-stream`` (served as a download)."""

import filetype
from django.db import migrations

SERVED = ("application/pdf", "image/jpeg", "image/png")
UNKNOWN = "application/octet-stream"


def sniffed_type(fieldfile) -> str:
    if not fieldfile:
        return UNKNOWN
    try:
        with fieldfile.storage.open(fieldfile.name, "rb") as handle:
            kind = filetype.guess(handle.read(2048))
    except OSError:  # missing file
        return UNKNOWN
    return kind.mime if kind and kind.mime in SERVED else UNKNOWN


def fill_mime(apps, schema_editor):
    Dokumen = apps.get_model("asesi", "Dokumen")
    for dokumen in Dokumen.objects.exclude(mime__in=SERVED).only("pk", "berkas").iterator():
        Dokumen.objects.filter(pk=dokumen.pk).update(mime=sniffed_type(dokumen.berkas))


class Migration(migrations.Migration):
    dependencies = [
        ("asesi", "0002_apl02_verbose_name"),
    ]

    operations = [
        migrations.RunPython(fill_mime, migrations.RunPython.noop),
    ]
