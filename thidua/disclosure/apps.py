from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "thidua.disclosure"
    label = "disclosure"
