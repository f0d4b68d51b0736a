# The surveillance queue pages by cursor: a partial index on its order (review first, then due day, id).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sertifikat', '0007_list_keyset_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='surveilans',
            index=models.Index(models.Case(models.When(status='diunggah', then=models.Value(0)), default=models.Value(1), output_field=models.IntegerField()), models.F('jatuh_tempo'), models.F('id'), condition=models.Q(('status', 'diterima'), _negated=True), name='surveilans_antrean_urut_idx'),
        ),
    ]
