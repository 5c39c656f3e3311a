from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "thidua.rules"
    label = "rules"
