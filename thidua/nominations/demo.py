"""Demo nominations (filled in below)."""

from __future__ import annotations

from typing import Any

from .models import ProposalBatch


def present() -> bool:
    return ProposalBatch.objects.exists()


def build_nominations(*, rng: Any, orgs: Any, people: Any, first_year: int, last_year: int) -> str | None:
    return None
