"""House rules that ruff cannot express: raw SQL only in sql.py modules, no CDN, vendored assets licensed."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CODE = [p for p in (ROOT / "thidua").rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]
RAW_SQL = re.compile(r"\.raw\(|RawSQL\(|connection\.cursor\(|\.extra\(")


def test_raw_sql_only_in_sql_modules():
    offenders = [
        str(p.relative_to(ROOT)) for p in CODE if p.name != "sql.py" and RAW_SQL.search(p.read_text())
    ]
    assert offenders == []


def test_templates_load_nothing_from_other_origins():
    pattern = re.compile(r"""(src|href)=["']https?://""")
    templates = list((ROOT / "thidua").rglob("*.html"))
    offenders = [str(p.relative_to(ROOT)) for p in templates if pattern.search(p.read_text())]
    assert templates and offenders == []


def test_vendored_assets_have_licences_and_a_pinned_manifest():
    vendor = ROOT / "thidua" / "core" / "static" / "vendor"
    manifest = (vendor / "README.md").read_text()
    for package in [p for p in vendor.iterdir() if p.is_dir()]:
        assert any(f.name.upper().startswith("LICENSE") for f in package.iterdir()), package
        assert package.name.split("-")[0] in manifest.lower()
    assert re.search(r"\| bootstrap \| \d+\.\d+\.\d+ \|", manifest)


def test_dependencies_are_pinned():
    lock = (ROOT / "requirements.lock").read_text().splitlines()
    packages = [line for line in lock if line and not line.startswith("#")]
    assert packages and all("==" in line for line in packages)
    names = {line.split("==")[0].lower().replace("_", "-") for line in packages}
    for line in (ROOT / "requirements.in").read_text().splitlines():
        name = re.split(r"[\[=<>]", line.split("#")[0].strip())[0].lower()
        if name:
            assert name in names, f"{name} is not pinned in requirements.lock"


def test_models_document_is_up_to_date(db):
    from django.core.management import call_command

    call_command("document_models", check=True)


def test_django_messages_read_well_in_vietnamese():
    from django import forms
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("vi"):
        assert str(BLANK_CHOICE_LABEL) == "- Chọn -"
        field = forms.IntegerField(min_value=1990)
        try:
            field.clean(5)
        except forms.ValidationError as error:
            assert error.messages == ["Giá trị phải lớn hơn hoặc bằng 1990."]
        else:
            raise AssertionError("5 should be refused")
