"""Discovery over many subjects, spread over the machine's cores.

The engine is pure Python and single-threaded; a province-sized sweep evaluates hundreds of thousands of
(subject, title) pairs. After the facts are loaded once, worker processes forked from this one read them
copy-on-write and return compact findings; nothing touches the database in the workers. Small sweeps (and
platforms without `fork`) run in-process, through exactly the same function.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from typing import NamedTuple

from .engine.config import RuleConfig
from .engine.discovery import discover
from .engine.facts import SubjectFacts

PARALLEL_THRESHOLD = 4_000


class CompactFinding(NamedTuple):
    key: int
    name: str
    code: str
    status: str
    missing: tuple[str, ...]
    rule_set: str | None


_JOB: tuple[Sequence[SubjectFacts], int, RuleConfig] | None = None


def _discover_slice(bounds: tuple[int, int]) -> list[CompactFinding]:
    assert _JOB is not None
    subjects, year, config = _JOB
    start, stop = bounds
    return [
        CompactFinding(
            f.subject_key,
            f.subject_name,
            f.code,
            f.status,
            f.missing,
            f.evaluation.rule_set if f.evaluation else None,
        )
        for f in discover(subjects[start:stop], year=year, config=config)
    ]


def sweep_findings(
    subjects: Sequence[SubjectFacts], *, year: int, config: RuleConfig, workers: int | None = None
) -> list[CompactFinding]:
    """Findings for every subject, in the subjects' order, using up to `workers` processes."""
    global _JOB
    workers = workers or os.cpu_count() or 1
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    _JOB = (subjects, year, config)
    try:
        if workers == 1 or len(subjects) < PARALLEL_THRESHOLD or not can_fork:
            return _discover_slice((0, len(subjects)))
        step = -(-len(subjects) // (workers * 4))  # a few slices per worker balance uneven subjects
        slices = [(start, min(start + step, len(subjects))) for start in range(0, len(subjects), step)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_discover_slice, slices)
        return [finding for part in results for finding in part]
    finally:
        _JOB = None
