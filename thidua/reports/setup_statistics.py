"""The registrations (menu entries, tiles, sections) of the reports' statistics part."""


def register() -> None:
    """Called once from ReportsConfig.ready()."""
