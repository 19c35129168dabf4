"""The French catalogue of the interface (issue 20): every message of the templates and of the view
models and web errors (render/views.py, web/views.py, web/errors.py) has a French
translation, so that a new string without one fails here, not on a French page.

The messages are extracted as ``pybabel extract -F babel.cfg`` would (Jinja2's extractor for the templates,
Python's for the view models), and looked up in src/recoupe/locale/fr/LC_MESSAGES/messages.po.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po

from recoupe.render import templates

SRC = Path(__file__).resolve().parents[1] / "src" / "recoupe"
TEMPLATES = SRC / "render" / "templates"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _messages() -> dict[str | tuple[str, ...], str]:
    """Every message the interface writes, with where it is (file:line)."""
    found: dict[str | tuple[str, ...], str] = {}
    python = [SRC / "render" / "views.py", SRC / "web" / "views.py", SRC / "web" / "errors.py"]
    sources = [("jinja2", p) for p in sorted(TEMPLATES.glob("*.html"))] + [("python", p) for p in python]
    for method, path in sources:
        for line, message, _comments, _context in extract_from_file(method, str(path), keywords=DEFAULT_KEYWORDS):
            found.setdefault(message, f"{path.name}:{line}")
    return found


@pytest.fixture(scope="module")
def french() -> Catalog:
    with (templates.LOCALE / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale="fr")


def test_the_templates_and_views_are_extracted() -> None:
    messages = _messages()
    assert len(messages) > 150
    assert "People and organisations" in messages  # the nav
    assert ("%(num)d article", "%(num)d articles") in messages  # count(), by ngettext
    assert "unnamed outlet" in messages  # views.py, marked N_()


def test_every_message_has_a_french_translation(french: Catalog) -> None:
    missing, fuzzy, empty = [], [], []
    for message, where in _messages().items():
        key = message[0] if isinstance(message, tuple) else message
        entry = french.get(key)
        if entry is None:
            missing.append(f"{where}: {message!r}")
        elif entry.fuzzy:
            fuzzy.append(f"{where}: {message!r}")
        elif isinstance(message, tuple) != entry.pluralizable or not all(
                entry.string if isinstance(entry.string, tuple) else (entry.string,)):
            empty.append(f"{where}: {message!r}")
    assert not missing, "no French translation in messages.po for:\n" + "\n".join(missing)
    assert not fuzzy, "fuzzy in messages.po:\n" + "\n".join(fuzzy)
    assert not empty, "empty (or without its plural) in messages.po:\n" + "\n".join(empty)


def test_translations_keep_the_placeholders(french: Catalog) -> None:
    wrong = []
    for entry in french:
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        want = set(PLACEHOLDER.findall(ids[0])) | set(PLACEHOLDER.findall(ids[-1]))
        wrong += [f"{ids[0]!r} → {s!r}" for s in strings if set(PLACEHOLDER.findall(s)) != want]
    assert not wrong, "\n".join(wrong)


def test_french_plurals_count_zero_and_one_as_singular() -> None:
    with templates.language("fr"):
        said = [templates.ngettext("%(num)d article", "%(num)d articles", n) % {"num": n} for n in (0, 1, 2, 5)]
        assert templates.gettext("Stories") == "Sujets"
    assert said == ["0 article", "1 article", "2 articles", "5 articles"]
    with templates.language("en"):
        assert [templates.ngettext("%(num)d article", "%(num)d articles", n) % {"num": n} for n in (0, 1, 2)] == \
            ["0 articles", "1 article", "2 articles"]


def test_an_unknown_language_is_english() -> None:
    assert templates.ui_language("fr-FR") == "fr" and templates.ui_language("FR") == "fr"
    assert templates.ui_language("xx") == "en" and templates.ui_language(None) == "en"
    with templates.language("de"):
        assert templates.gettext("Stories") == "Stories"
