from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "thidua.appraisals"
    label = "appraisals"
