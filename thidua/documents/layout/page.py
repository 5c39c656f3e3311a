"""Page geometry and type sizes of the Decree 30/2020/NĐ-CP layout, shared by the DOCX and PDF renderers.

Each value sits inside the range Decree 30 (Phụ lục I) allows; the range is in the comment.
"""

from __future__ import annotations

# Paper: A4 portrait (Phụ lục I, I.1).
WIDTH_MM = 210
HEIGHT_MM = 297
# Margins (I.3): top 20–25, bottom 20–25, left 30–35, right 15–20 mm.
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_MM = WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165
# Distance from the page edge to the page-number line: inside the 20 mm top margin.
HEADER_DISTANCE_MM = 10

# Masthead: two borderless columns. The table reaches 5 mm into the left margin, as the Decree's own samples
# do, so that a 25-letter issuer name in bold 13 and the national title in bold 12 each fit on one line.
MASTHEAD_OUTDENT_MM = 5
MASTHEAD_LEFT_MM = 75
MASTHEAD_RIGHT_MM = 95
CELL_PADDING_MM = 1
CLOSING_LEFT_MM = 75
CLOSING_RIGHT_MM = 90

# Type sizes in points.
ISSUER_SIZE = 13  # 12–13; parent upright, issuer bold
NUMBER_SIZE = 13  # 13
DISPATCH_ABSTRACT_SIZE = 12  # 12–13, "V/v ..." of a Công văn
NATIONAL_TITLE_SIZE = 12  # 12–13, bold capitals
MOTTO_SIZE = 13  # 13–14, bold
PLACE_DATE_SIZE = 14  # 13–14, italic
TYPE_TITLE_SIZE = 14  # 13–14, bold capitals
ABSTRACT_SIZE = 14  # 13–14, bold
SALUTATION_SIZE = 14  # 14
BODY_SIZE = 14  # 13–14
TABLE_SIZE = 13  # tables are not fixed by the Decree; 13 keeps award lists readable
RECIPIENTS_LABEL_SIZE = 12  # 12, bold italic
RECIPIENTS_SIZE = 11  # 11
SIGNATURE_SIZE = 14  # 13–14, bold capitals; name bold
PAGE_NUMBER_SIZE = 14  # 13–14

# Body paragraphs (I.5): first-line indent 1–1.27 cm, spacing ≥ 6 pt, line spacing single to 1.5 lines.
FIRST_LINE_INDENT_MM = 12.7
PARAGRAPH_SPACING = 6
LINE_SPACING = 1.0  # Word's "single"; the CSS uses line-height 1.15, the same for Times New Roman

# Rules: under the issuer 1/3–1/2 of its length; under the motto as long as the text; under the abstract 1/3–1/2.
ISSUER_RULE_FRACTION = 0.4
ABSTRACT_RULE_FRACTION = 0.35

# Room for the handwritten signature and seal between the signer's title and name.
SIGNATURE_SPACE_PT = 72
# Left edge of "Kính gửi:" when there are several addressees.
SALUTATION_INDENT_MM = 25
