"""Keep the translations in step with the code.

    python tools/i18n.py update    # extract every _() string; add new ones to each .po
    python tools/i18n.py compile   # .po -> .mo (the wheel ships the .mo files)

Needs Babel (in the test extra). Translate the empty msgstr entries in
src/focustimer/locale/<lang>/LC_MESSAGES/focustimer.po, then compile.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "focustimer"
LOCALE = SOURCE / "locale"
DOMAIN = "focustimer"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
TRANSLATIONS = ("nl",)


def extract() -> Catalog:
    """Every message the code marks, with where it stands."""
    catalog = Catalog(project="focustimer", charset="utf-8", fuzzy=False)
    messages = extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, _context in messages:
        location = (str(Path("src/focustimer") / filename), lineno)
        catalog.add(message, None, [location], auto_comments=comments)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


def update() -> None:
    template = extract()
    for lang in TRANSLATIONS:
        path = po_path(lang)
        if path.exists():
            catalog = read(lang)
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="focustimer", fuzzy=False)
            catalog.update(template)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalog, width=100, omit_header=False, ignore_obsolete=True)
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} to translate")


def compile_all() -> None:
    for lang in TRANSLATIONS:
        catalog = read(lang)
        with po_path(lang).with_suffix(".mo").open("wb") as file:
            write_mo(file, catalog, use_fuzzy=False)
        print(f"compiled {lang}")


if __name__ == "__main__":
    commands = {"update": update, "compile": compile_all}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]]()
