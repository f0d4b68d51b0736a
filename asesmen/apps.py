from django.apps import AppConfig


class AsesmenConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'asesmen'
