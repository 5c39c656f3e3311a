"""Public disclosure of the accepted nominations before the council sits (legal-rules §6).

The interface the council relies on is `session_open_problems`; the rest of the app is built around it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from thidua.nominations.models import Nomination


def session_open_problems(*, nominations: Iterable[Nomination], on: dt.date) -> list[str]:
    """What stops a council session that considers `nominations` from opening on `on`: a disclosure window
    required for one of them that is not closed yet, or feedback received that is not handled. Empty when the
    session may open."""
    return []
