from django.tasks import task


@task()
def discovery_task(run_id: int) -> int:
    """Background sweep for candidate discovery: plan it and queue its chunks for any worker."""
    from .services import discovery_fan_out

    return discovery_fan_out(run_id=run_id)


@task()
def discovery_chunk_task(chunk_id: int) -> bool:
    """One chunk of a sweep, on whichever worker takes it (one process: the workers are the parallelism)."""
    from .services import discovery_chunk_execute

    return discovery_chunk_execute(chunk_id=chunk_id, processes=1)
