"""PLACEHOLDER: the cluster's documents (covenant, scoring table, review, minutes, tờ trình) — being written."""

from __future__ import annotations

from typing import Any


def proposal_dossier_files(proposal: Any) -> list[tuple[str, str, bytes, Any]]:
    """(dossier kind, file name, bytes, nomination or None) the bloc attaches to its tờ trình's dossier."""
    return []
