"""The registrations (menu entries, tiles, sections) of the reports' director part."""


def register() -> None:
    """Called once from ReportsConfig.ready()."""
