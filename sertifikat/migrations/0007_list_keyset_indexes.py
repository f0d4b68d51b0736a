# The admin certificate list pages by cursor: an index per filter ending in its order (-tanggal_terbit, -id).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sertifikat', '0006_pengaduan'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='sertifikat',
            name='sertifikat_skema_idx',
        ),
        migrations.AddIndex(
            model_name='sertifikat',
            index=models.Index(fields=['skema', '-tanggal_terbit', '-id'], name='sertifikat_skema_terbaru_idx'),
        ),
        migrations.AddIndex(
            model_name='sertifikat',
            index=models.Index(fields=['pdf_status', '-tanggal_terbit', '-id'], name='sertifikat_pdf_terbaru_idx'),
        ),

    ]
