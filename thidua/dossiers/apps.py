from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "thidua.dossiers"
    label = "dossiers"
