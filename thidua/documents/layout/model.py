"""The content of a Decree 30/2020/NĐ-CP administrative document, independent of the output format.

Every generated document (Công văn, Kế hoạch, Quyết định, Tờ trình, Báo cáo, Biên bản, ...) is one
:class:`OfficialDocument`; the renderers in this package only decide how it looks.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from thidua.documents.formatting import place_date_line

Align = Literal["justify", "left", "center", "right"]


@dataclass(frozen=True)
class Run:
    """A piece of inline text with its emphasis, e.g. the movement's theme in bold inside a paragraph."""

    text: str
    bold: bool = False
    italic: bool = False


# A paragraph's content: plain text, or a sequence of plain strings and emphasised runs.
Content = str | Sequence[str | Run]


def runs_of(content: Content) -> tuple[Run, ...]:
    """Normalise :data:`Content` to runs."""
    if isinstance(content, str):
        return (Run(content),)
    return tuple(part if isinstance(part, Run) else Run(part) for part in content)


def plain_text(content: Content) -> str:
    """The text of :data:`Content` without emphasis."""
    return "".join(run.text for run in runs_of(content))


@dataclass(frozen=True)
class Heading:
    """A section heading, bold. Level 1: "I. MỤC TIÊU ...", level 2: "1. Mục tiêu", level 3: bold italic."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified with a first-line indent unless told otherwise."""

    content: Content
    align: Align = "justify"
    indent: bool = True


@dataclass(frozen=True)
class NumberedItem:
    """A numbered paragraph such as "2.1. Tiếp tục đẩy mạnh ..."; the number is written as given."""

    number: str
    content: Content


@dataclass(frozen=True)
class Bullet:
    """A list paragraph introduced by a dash, the Vietnamese administrative bullet."""

    content: Content
    marker: str = "-"


@dataclass(frozen=True)
class Table:
    """A bordered table, e.g. the list of awardees appended to a decision.

    ``widths`` are relative column widths (default: equal); ``align`` one alignment per column
    (default: left, header row always centred).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None
    align: tuple[Align, ...] | None = None

    def __post_init__(self) -> None:
        n = len(self.header)
        if any(len(row) != n for row in self.rows):
            raise ValueError("every row needs one cell per header column")
        if self.widths is not None and len(self.widths) != n:
            raise ValueError("widths needs one value per column")
        if self.align is not None and len(self.align) != n:
            raise ValueError("align needs one value per column")

    def column_fractions(self) -> tuple[float, ...]:
        widths = self.widths or (1.0,) * len(self.header)
        total = sum(widths)
        return tuple(w / total for w in widths)

    def column_align(self, index: int) -> Align:
        return self.align[index] if self.align else "left"


@dataclass(frozen=True)
class PageBreak:
    """Start a new page, e.g. before an appendix."""


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Image:
    """A picture (PNG bytes, e.g. a chart) centred in the text width, ``width_mm`` wide (at most the text
    width), with an optional caption in italics under it. ``alt`` is the text the PDF gives screen readers."""

    data: bytes
    width_mm: float
    caption: str | None = None
    alt: str = ""

    def __post_init__(self) -> None:
        if not self.data.startswith(PNG_SIGNATURE):
            raise ValueError("an image block takes PNG bytes")
        if self.width_mm <= 0:
            raise ValueError("an image needs a positive width")


@dataclass(frozen=True)
class Signatures:
    """Several signature blocks side by side in the body, ``columns`` to a row (a covenant signed by every
    member, minutes signed by the chair and the secretary), under an optional bold centred ``heading``."""

    signatures: tuple[Signature, ...]
    columns: int = 2
    heading: str | None = None

    def __post_init__(self) -> None:
        if self.columns < 1:
            raise ValueError("at least one column of signatures")

    def rows(self) -> tuple[tuple[Signature, ...], ...]:
        n = self.columns
        return tuple(self.signatures[i : i + n] for i in range(0, len(self.signatures), n))


Block = Heading | Paragraph | NumberedItem | Bullet | Table | PageBreak | Image | Signatures


@dataclass(frozen=True)
class Signature:
    """The signature block (Decree 30, Phụ lục I, ô 7).

    ``authority`` is the signing-authority prefix ("KT.", "TM.", "TL.", "TUQ.", "Q.") written before
    ``position``; ``signer_position`` is the signer's own title under it when signing on someone's behalf,
    e.g. "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC".
    """

    position: str
    name: str
    authority: str | None = None
    signer_position: str | None = None

    @property
    def title_lines(self) -> tuple[str, ...]:
        first = f"{self.authority.rstrip('.')}. {self.position}" if self.authority else self.position
        return (first, self.signer_position) if self.signer_position else (first,)


@dataclass(frozen=True)
class OfficialDocument:
    """One administrative document in the Decree 30/2020/NĐ-CP layout.

    ``number_symbol`` is the symbol without its label ("05/KH-SKHCN"; see
    :func:`thidua.documents.formatting.number_symbol`); the renderers write "Số: ". A document without
    ``doc_type_title`` is a Công văn: its ``abstract`` is written "V/v ..." under the number; otherwise the
    abstract is the bold centred line under the type title. ``recipients`` are the "Nơi nhận" lines without
    the leading dash ("Ban TD-KT tỉnh;"); ``addressees`` follow "Kính gửi:". ``appendix`` is printed after the
    signature block, from a new page.
    """

    issuer: str
    number_symbol: str
    place: str
    date: datetime.date
    signature: Signature
    issuer_parent: str | None = None
    doc_type_title: str | None = None
    abstract: str | None = None
    addressees: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    recipients: tuple[str, ...] = field(default=())
    # What follows the signature on pages of its own (Decree 30: an appendix or annexed list, e.g. the awardees
    # of a decision "kèm theo Quyết định số ..."), starting on a new page.
    appendix: tuple[Block, ...] = ()

    @property
    def is_dispatch(self) -> bool:
        """A Công văn: no type title, abstract as "V/v ..." in the left header column."""
        return self.doc_type_title is None

    @property
    def number_line(self) -> str:
        return f"Số: {self.number_symbol}"

    @property
    def place_date(self) -> str:
        return place_date_line(self.place, self.date)

    @property
    def dispatch_abstract(self) -> str | None:
        """The "V/v ..." line of a Công văn (the prefix is added when missing)."""
        if not (self.is_dispatch and self.abstract):
            return None
        return self.abstract if self.abstract.startswith("V/v") else f"V/v {self.abstract}"

    @property
    def title(self) -> str:
        """A one-line title for file metadata."""
        parts = [self.doc_type_title or "Công văn", self.number_line, self.abstract or ""]
        return " ".join(p for p in parts if p)


# Decree 30 Phụ lục I, fixed texts.
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
SALUTATION = "Kính gửi:"
