from django.apps import AppConfig


class PesertaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "peserta"
