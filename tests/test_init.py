"""The public API: a flat, sorted __all__, and `import recoupe` pulling in nothing heavy."""
from __future__ import annotations

import subprocess
import sys

import recoupe


def test_all_is_sorted_and_complete() -> None:
    public = {name for name in vars(recoupe) if not name.startswith("_") and name not in {"annotations", "logging"}
              and not isinstance(getattr(recoupe, name), type(recoupe))}
    assert recoupe.__all__ == sorted(recoupe.__all__)
    assert set(recoupe.__all__) - {"__version__"} == public


def test_import_is_light() -> None:
    heavy = ["spacy", "dask", "distributed", "fastapi", "typer", "rich", "trafilatura", "lingua", "dateparser",
             "jinja2", "warcio"]
    code = f"import sys, recoupe; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""


def test_analyze_is_usable_as_a_library(tmp_path) -> None:
    from conftest import SEEDS

    corpus = recoupe.analyze([SEEDS])
    assert [a.language for a in corpus.articles] == ["fr"] * 5
    assert all(isinstance(a, recoupe.Article) for a in corpus.articles)
