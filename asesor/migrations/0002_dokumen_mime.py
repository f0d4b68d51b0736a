"""Rows with a document record the type its bytes were checked to be (``dokumen_mime``); existing rows
get the type their stored bytes are, or ``application/octet-stream`` (served as a download) when the
file is missing or is not a PDF/JPEG/PNG."""

import filetype
from django.db import migrations, models

SERVED = ("application/pdf", "image/jpeg", "image/png")
UNKNOWN = "application/octet-stream"
MODELS = ("KompetensiTeknis", "RiwayatAsesmen", "SertifikatAsesor")


def sniffed_type(fieldfile) -> str:
    if not fieldfile:
        return UNKNOWN
    try:
        with fieldfile.storage.open(fieldfile.name, "rb") as handle:
            kind = filetype.guess(handle.read(2048))
    except OSError:  # missing file
        return UNKNOWN
    return kind.mime if kind and kind.mime in SERVED else UNKNOWN


def fill_dokumen_mime(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("asesor", name)
        for row in model.objects.exclude(dokumen="").filter(dokumen_mime="").only("pk", "dokumen").iterator():
            model.objects.filter(pk=row.pk).update(dokumen_mime=sniffed_type(row.dokumen))


class Migration(migrations.Migration):
    dependencies = [
        ("asesor", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="kompetensiteknis",
            name="dokumen_mime",
            field=models.CharField(blank=True, editable=False, max_length=50, verbose_name="jenis"),
        ),
        migrations.AddField(
            model_name="riwayatasesmen",
            name="dokumen_mime",
            field=models.CharField(blank=True, editable=False, max_length=50, verbose_name="jenis"),
        ),
        migrations.AddField(
            model_name="sertifikatasesor",
            name="dokumen_mime",
            field=models.CharField(blank=True, editable=False, max_length=50, verbose_name="jenis"),
        ),
        migrations.RunPython(fill_dokumen_mime, migrations.RunPython.noop),
    ]
