from django.apps import AppConfig


class AsesorConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'asesor'
