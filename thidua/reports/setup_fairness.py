"""The registrations (menu entries, tiles, sections) of the reports' fairness part."""


def register() -> None:
    """Called once from ReportsConfig.ready()."""
