from django.apps import AppConfig


class SertifikatConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'sertifikat'
