"""Layers hold: no app imports an app above it (README "Layers", `make layers`)."""

import subprocess
import sys
import textwrap
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LAYERS = BASE_DIR / "bin" / "layers"


def run_layers(*args):
    return subprocess.run(
        [sys.executable, str(LAYERS), *args], capture_output=True, text=True, check=False
    )


def test_no_app_imports_an_app_above_it():
    result = run_layers()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["No upward imports."]


def plant(root: Path, files: dict[str, str]):
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")


def test_a_planted_upward_import_is_caught(tmp_path):
    plant(
        tmp_path,
        {
            "deelnemers/__init__.py": "",
            # A lazy import inside a function is still an import.
            "deelnemers/adapter.py": """\
                from django.conf import settings


                def save_user(user):
                    from privacy.toestemming import bewaar
                    return bewaar(user)
            """,
            "audit/weergave.py": """\
                from django.apps import apps

                groep = apps.get_model("groepen", "Groep")
            """,
            "groepen/models.py": """\
                from django.db import models


                class Groep(models.Model):
                    pad = models.ForeignKey("herstelmodel.Reflectie", on_delete=models.CASCADE)
                    eigen = models.ForeignKey("self", on_delete=models.CASCADE)
            """,
            # One floor: impact and privacy do not import each other.
            "impact/views/export.py": "from privacy import export\n",
            # Downward, relative and third-party imports are fine.
            "herstelmodel/models.py": """\
                import rules
                from groepen.models import Groep
                from audit.log import record
                from . import stappen
                from .stappen import Stap
            """,
            "herstelmodel/views/lijst.py": "from ..models import Reflectie\n",
            "herstelacademie/urls.py": """\
                from django.urls import include, path

                urlpatterns = [path("", include("nazorg.urls"))]
            """,
        },
    )
    result = run_layers("--root", str(tmp_path))
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "deelnemers/adapter.py:5: deelnemers -> privacy.toestemming",
        "audit/weergave.py:3: audit -> groepen.Groep",
        "groepen/models.py:5: groepen -> herstelmodel.Reflectie",
        "impact/views/export.py:1: impact -> privacy",
    ]


def test_a_clean_tree_says_so(tmp_path):
    plant(tmp_path, {"groepen/models.py": "from deelnemers.models import User\n"})
    result = run_layers("--root", str(tmp_path))
    assert (result.returncode, result.stdout) == (0, "No upward imports.\n")
