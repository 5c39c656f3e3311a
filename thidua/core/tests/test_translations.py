"""The English catalogue: complete, compiled from the committed .po, and used by the pages.

The .po is read with a small parser of our own (no polib in the project); the .mo is read with the
standard library's gettext reader, so "the .mo matches the .po" is checked without any gettext tool.
When msgfmt is installed, it also checks the placeholders (python-format) the way compilemessages does.
"""

import ast
import gettext
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LC = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = LC / "django.po"
MO = LC / "django.mo"
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdifr]|%%|\{[A-Za-z_][A-Za-z0-9_]*\}")


def _unquote(line: str) -> str:
    return ast.literal_eval(line.strip())


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (str or {n: str}), flags, obsolete."""
    entries: list[dict] = []
    current: dict | None = None
    field: str | None = None
    flags: set[str] = set()

    def flush() -> None:
        nonlocal current
        if current is not None and "msgid" in current:
            entries.append(current)
        current = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            field = None
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")}
            continue
        elif line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            assert current is not None and field is not None, f"continuation outside an entry: {raw!r}"
            current[field] += _unquote(line)
            continue
        if (
            keyword in ("msgctxt", "msgid")
            and current is not None
            and ("msgstr" in current or current["msgstr_plural"])
        ):
            flush()
        if current is None:
            current = {"flags": flags, "obsolete": obsolete, "msgstr_plural": {}}
            flags = set()
        m = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if m:
            key = f"msgstr[{m.group(1)}]"
            current[key] = _unquote(rest)
            current["msgstr_plural"][int(m.group(1))] = key
            field = key
        elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            current[keyword] = _unquote(rest)
            field = keyword
        else:
            raise AssertionError(f"unexpected line in {path.name}: {raw!r}")
    flush()
    for e in entries:
        e["msgstr_plural"] = {n: e[key] for n, key in e["msgstr_plural"].items()}
    return entries


@pytest.fixture(scope="module")
def po_entries() -> list[dict]:
    assert PO.is_file(), "locale/en/LC_MESSAGES/django.po is missing: run makemessages -l en"
    return [e for e in parse_po(PO) if not e["obsolete"]]


def _messages(po_entries: list[dict]) -> list[dict]:
    return [e for e in po_entries if e["msgid"] != ""]  # the header is not a message


def test_every_message_is_translated_and_none_is_fuzzy(po_entries):
    messages = _messages(po_entries)
    assert len(messages) > 500
    untranslated = [
        e["msgid"]
        for e in messages
        if (e["msgstr_plural"] and not all(e["msgstr_plural"].get(n) for n in (0, 1)))
        or (not e["msgstr_plural"] and not e.get("msgstr"))
    ]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    fuzzy = [e["msgid"] or "(header)" for e in po_entries if "fuzzy" in e["flags"]]
    assert not fuzzy, f"fuzzy entries: {fuzzy[:5]}"


def test_placeholders_are_kept(po_entries):
    wrong = []
    for e in _messages(po_entries):
        wanted = sorted(PLACEHOLDER.findall(e["msgid"]))
        targets = list(e["msgstr_plural"].values()) or [e["msgstr"]]
        if e.get("msgid_plural"):
            assert sorted(PLACEHOLDER.findall(e["msgid_plural"])) == wanted, e["msgid_plural"]
        wrong += [(e["msgid"], t) for t in targets if sorted(PLACEHOLDER.findall(t)) != wanted]
    assert not wrong, wrong[:5]


def test_compiled_catalogue_matches_the_po(po_entries):
    assert MO.is_file(), "locale/en/LC_MESSAGES/django.mo is missing: run compilemessages -l en"
    with MO.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    expected: dict = {}
    for e in _messages(po_entries):
        key = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if e["msgstr_plural"]:
            for n, text in e["msgstr_plural"].items():
                expected[(key, n)] = text
        else:
            expected[key] = e["msgstr"]
    compiled = {k: v for k, v in catalog.items() if k != ""}
    stale = sorted(str(k) for k in expected.keys() - compiled.keys())
    extra = sorted(str(k) for k in compiled.keys() - expected.keys())
    assert not stale, f"the .mo lacks {len(stale)} messages of the .po (run compilemessages): {stale[:5]}"
    assert not extra, f"the .mo has {len(extra)} messages the .po no longer has: {extra[:5]}"
    differ = [k for k in expected if compiled[k] != expected[k]]
    assert not differ, f"the .mo is older than the .po (run compilemessages): {differ[:5]}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext tools not installed")
def test_msgfmt_accepts_the_po(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check-format", "-c", "-o", str(tmp_path / "django.mo"), str(PO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Đăng nhập", "Log in"),
        ("Phong trào thi đua", "Emulation movements"),
        ("Lao động tiên tiến", "Advanced Worker"),
        ("Chiến sĩ thi đua cơ sở", "Grassroots Emulation Fighter"),
        ("Bằng khen cấp bộ, ban, ngành, tỉnh", "Provincial Certificate of Merit"),
        ("Huân chương Lao động hạng Ba", "Third-Class Labour Order"),
        ("Rà soát khen thưởng", "Candidate discovery"),
        ("Luật Thi đua, khen thưởng số 06/2022/QH15", "Law on Emulation and Commendation No. 06/2022/QH15"),
    ],
)
def test_key_strings_translate(source, english):
    with translation.override("en"):
        assert translation.gettext(source) == english
    with translation.override("vi"):
        assert translation.gettext(source) == source


def test_formats_and_plurals_translate():
    with translation.override("en"):
        assert translation.gettext("Xin chào %(name)s.") % {"name": "Lan"} == "Hello, Lan."
        assert (
            translation.ngettext("%(counter)s người", "%(counter)s người", 1) % {"counter": 1} == "1 person"
        )
        assert (
            translation.ngettext("%(counter)s người", "%(counter)s người", 3) % {"counter": 3} == "3 people"
        )


class _Labels(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.labels: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "label":
            self.depth += 1
            self.labels.append("")

    def handle_endtag(self, tag):
        if tag == "label" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.labels[-1] += data


def _has_vietnamese_marks(text: str) -> bool:
    return "đ" in text.lower() or any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text))


@pytest.mark.django_db
def test_login_page_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/tai-khoan/dang-nhap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    parser = _Labels()
    parser.feed(html)
    labels = [" ".join(label.split()) for label in parser.labels]
    assert "Username" in labels and "Password" in labels
    assert not [label for label in labels if _has_vietnamese_marks(label)], labels
    assert ">Log in</button>" in html
