from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "thidua.exchange"
    label = "exchange"
