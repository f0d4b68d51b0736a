from django.apps import AppConfig


class AsesiConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'asesi'
