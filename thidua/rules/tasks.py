from django.tasks import task


@task()
def discovery_task(run_id: int) -> int:
    """Background sweep for candidate discovery."""
    from .services import discovery_execute

    return discovery_execute(run_id=run_id).pk
