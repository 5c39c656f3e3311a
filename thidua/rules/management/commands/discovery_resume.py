"""`manage.py discovery_resume`: queue again the chunks of unfinished discovery sweeps whose worker went silent.

Run it from cron (every few minutes) beside the task workers; the run's progress page does the same while someone
watches it."""

from django.core.management.base import BaseCommand

from thidua.rules import services
from thidua.rules.models import DiscoveryRun, DiscoveryStatus


class Command(BaseCommand):
    help = "Queue again the chunks of unfinished discovery sweeps whose worker went silent."

    def handle(self, *args, **options):
        queued = 0
        runs = DiscoveryRun.objects.filter(status__in=(DiscoveryStatus.QUEUED, DiscoveryStatus.RUNNING))
        for run in runs.select_related("organization"):
            queued += services.discovery_resume(run=run)
        if options["verbosity"]:
            self.stdout.write(f"{queued} chunk(s) queued again")
