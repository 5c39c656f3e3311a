from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "thidua.council"
    label = "council"
