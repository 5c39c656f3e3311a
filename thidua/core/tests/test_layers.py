"""The dependency rules (.importlinter, docs/architecture.md "Layers") hold, and cover every module."""

import configparser
import pkgutil
import re
import subprocess
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# The apps whose data sits below accounts and whose pages sit above it: the contract names each module.
SPLIT_APPS = ("thidua.core", "thidua.audit", "thidua.organizations", "thidua.notifications")


def _layer_modules() -> set[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    text = config["importlinter:contract:layers"]["layers"]
    return {name.strip("() ") for name in re.split(r"[|:\n]", text) if name.strip()}


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_app_is_in_a_layer():
    named = _layer_modules()
    apps = {f"thidua.{path.parent.name}" for path in (ROOT / "thidua").glob("*/apps.py")}
    missing = sorted(app for app in apps if app not in named and app not in SPLIT_APPS)
    assert not missing, f"put these apps in a layer of .importlinter: {missing}"


def test_every_module_of_a_split_app_is_in_a_layer():
    named = _layer_modules()
    for app in SPLIT_APPS:
        package = import_module(app)
        children = {f"{app}.{info.name}" for info in pkgutil.iter_modules(package.__path__)}
        missing = sorted(children - named - {f"{app}.tests"})
        assert not missing, f"name these modules in a layer of .importlinter: {missing}"
