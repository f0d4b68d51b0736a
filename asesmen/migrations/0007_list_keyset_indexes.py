# The admin lists of batches and assessment records page by cursor: an index per filter ending in their order.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('asesmen', '0006_validasi'),
        ('lsp', '0011_audit_filter_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='jadwal',
            index=models.Index(fields=['skema', '-mulai', '-id'], name='jadwal_skema_list_idx'),
        ),
        migrations.AddIndex(
            model_name='jadwal',
            index=models.Index(fields=['tuk', '-mulai', '-id'], name='jadwal_tuk_list_idx'),
        ),
        migrations.AddIndex(
            model_name='rekamanasesmen',
            index=models.Index(fields=['status', '-created_at', '-id'], name='rekaman_status_list_idx'),
        ),
    ]
