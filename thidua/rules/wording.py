"""Legal bases as people read them: without the research notes' references ("legal-rules §…", "[K]",
"UNCONFIRMED") and with the eras named by their period. One wording for the configuration page, the dossier
catalogue and any page that shows a basis."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# Developer references in the sources (rows of the research notes, "[K]" marks) that people do not need.
NOTE_REFS = re.compile(
    r"\s*\((?:legal-rules )?§[^()]*\)|legal-rules §[\d.–]+(?: mục \d+)?:?\s*|\s*\[K[^\]]*\]|\s*\[C\]"
)


def plain_basis(source: str) -> str:
    """The legal basis without the research notes' references, the eras named by their period."""
    text = NOTE_REFS.sub("", str(source)).strip(" ;:,")
    text = re.sub(r"\bUNCONFIRMED\b", _("chưa xác nhận"), text)
    periods = {
        "E1/E2": _("đến 30/06/2025"),
        "E2/E3": _("từ năm 2024"),
        "E1": _("đến năm 2023"),
        "E2": _("năm 2024 đến 30/06/2025"),
        "E3": _("từ 01/07/2025"),
    }
    text = re.sub(r"\bE[123](?:/E[123])?\b", lambda match: periods[match.group(0)], text)
    return text[:1].upper() + text[1:]
