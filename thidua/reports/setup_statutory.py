"""The registrations (menu entries, tiles, sections) of the reports' statutory part."""


def register() -> None:
    """Called once from ReportsConfig.ready()."""
