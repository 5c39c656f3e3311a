"""Background work of the documents toolkit: posting a queued edXML package to the e-office gateway
(``THIDUA_EOFFICE_URL``) runs as a task (the database worker under `make run`, the immediate backend in tests),
so that a slow or unreachable gateway never holds the clerk's request."""

from django.tasks import task

from .services import dispatch_deliver


@task
def deliver_edxml(dispatch_id: int) -> str:
    return dispatch_deliver(dispatch_id)
