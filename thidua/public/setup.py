"""The public site's registrations (sections on the decision page, menu entries)."""


def register() -> None:
    """Called once from PublicConfig.ready()."""
