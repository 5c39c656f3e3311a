"""Background work of the exchange: an import job runs as a task (the database worker under `make run`,
the immediate backend in tests)."""

from django.tasks import task

from .services import import_job_run


@task
def run_import(job_id: int) -> str:
    job = import_job_run(job_id=job_id)
    return job.status
