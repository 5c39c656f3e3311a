"""The dossier package sent up with a proposal (hồ sơ đề nghị khen thưởng gửi cấp trên), as one ZIP.

What the deciding level receives for each proposed line (NĐ 98/2023 Điều 84 and NĐ 152/2025: tờ trình, the list,
the council's minutes and vote result, each subject's achievement report and the other items of the dossier):

    00-to-trinh-<number>.pdf            the signed proposal (the file that was signed; unsigned draft if not yet)
    01-bien-ban-kiem-phieu.pdf          the council's tally record, when the proposal comes from a session
    02-bien-ban-hop.pdf                 the council's minutes
    NN-<subject>/bao-cao-thanh-tich.pdf the achievement report (saved sections, else the prefill)
    NN-<subject>/<kind>-<file name>     every dossier item uploaded for the line, as uploaded
    MANIFEST.txt                        every file with its size and SHA-256, for the receiver to check
    SHA256SUMS                          the same in `sha256sum -c` form

Paths are ASCII (no diacritics) so that every unzip tool on a closed network reads them.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator

from thidua.council.documents import minutes_document, tally_document
from thidua.documents.layout import render_pdf
from thidua.dossiers.models import DossierItem
from thidua.dossiers.reports import report_document

from . import documents
from .models import Decision

# Kept out of the package (a ZIP must not carry a zip bomb or an executable along from an upload).
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_name(text: str, *, limit: int = 60) -> str:
    """`Nguyễn Văn An` → `nguyen-van-an` (đ → d), safe in a ZIP path."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    safe = re.sub(r"-?\.{2,}-?", "-", _SAFE.sub("-", plain))  # no ".." segment
    return re.sub(r"-{2,}", "-", safe).strip("-.").lower()[:limit] or "tep"


def _proposal_pdf(decision: Decision) -> bytes:
    if decision.signed_pdf:
        with decision.signed_pdf.open("rb") as handle:
            return handle.read()
    content = documents.build(
        decision, number_symbol=decision.number_symbol or None, issued_on=decision.decided_on
    )
    return render_pdf(content)


def package_files(decision: Decision) -> Iterator[tuple[str, bytes]]:
    """(path in the ZIP, bytes) of every file of the package, in order."""
    number = ascii_name(decision.number_symbol or "du-thao")
    yield f"00-to-trinh-{number}.pdf", _proposal_pdf(decision)
    session = decision.council_session
    if session is not None:
        yield (
            "01-bien-ban-kiem-phieu.pdf",
            render_pdf(tally_document(session, number_symbol=None, issued_on=None)),
        )
        yield "02-bien-ban-hop.pdf", render_pdf(minutes_document(session, number_symbol=None, issued_on=None))
    lines = decision.lines.select_related("nomination__batch__unit", "nomination__batch__office").order_by(
        "position", "pk"
    )
    for index, line in enumerate(lines, start=1):
        folder = f"{index:02d}-{ascii_name(line.subject_name)}"
        nomination = line.nomination
        if nomination is None:
            continue
        yield f"{folder}/bao-cao-thanh-tich.pdf", render_pdf(report_document(nomination))
        items = DossierItem.objects.filter(nomination=nomination).order_by("kind", "uploaded_at", "pk")
        for item in items:
            stem, _dot, extension = item.original_name.rpartition(".")
            name = f"{item.kind}-{ascii_name(stem or item.original_name)}.{ascii_name(extension or 'bin', limit=8)}"
            with item.file.open("rb") as handle:
                yield f"{folder}/{name}", handle.read()


def build_package(decision: Decision) -> bytes:
    """The ZIP of `package_files`, with a manifest and SHA256SUMS."""
    buffer = io.BytesIO()
    manifest: list[str] = [
        f"Hồ sơ đề nghị khen thưởng kèm {decision.get_kind_display()} {decision.number_symbol}"
    ]
    sums: list[str] = []
    seen: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, data in package_files(decision):
            while path in seen:  # two uploads with the same name
                stem, dot, extension = path.rpartition(".")
                path = f"{stem}-1{dot}{extension}" if dot else f"{path}-1"
            seen.add(path)
            archive.writestr(path, data)
            digest = hashlib.sha256(data).hexdigest()
            manifest.append(f"{path}\t{len(data)} byte\t{digest}")
            sums.append(f"{digest}  {path}")
        archive.writestr("MANIFEST.txt", "\n".join(manifest) + "\n")
        archive.writestr("SHA256SUMS", "\n".join(sums) + "\n")
    return buffer.getvalue()
