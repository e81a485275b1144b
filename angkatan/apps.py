from django.apps import AppConfig


class AngkatanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "angkatan"
