"""Derive bot/data/openthesaurus_de.txt and openthesaurus_phrases_de.txt from OpenThesaurus
(run by a developer, not at run time).

    apt-get install -y openthesaurus-de-text
    python tools/make_thesaurus.py [/usr/share/openthesaurus-de/openthesaurus.txt]

Keeps what the search can use at low weight: synonym sets of single words (phrases, register
notes in parentheses, abbreviations and archaic/vulgar entries are dropped), sets of 2 to 12
words. The phrase file keeps the idioms and fixed phrases of 2 to 4 content words ("in die Knie
zwingen", "ein Ass im Ärmel haben") with the single words of their set ("besiegen",
"Trumpf"): chat retells an argument in such phrases. The data is OpenThesaurus (LGPL 2.1, see
bot/data/OPENTHESAURUS-LICENSE.txt).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SOURCE = Path("/usr/share/openthesaurus-de/openthesaurus.txt")
TARGET = Path(__file__).resolve().parent.parent / "bot" / "data" / "openthesaurus_de.txt"
PHRASES = TARGET.with_name("openthesaurus_phrases_de.txt")
PLACEHOLDER = re.compile(r"\([^)]*\)|\[[^\]]*\]")  # "(jemandem)", "(ugs.)", "[beim Menschen]"
PHRASE_WORD = re.compile(r"^[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß-]*$")
MAX_PHRASE_SET = 30  # idioms come in large sets; larger ones are too vague to expand
DROP = re.compile(r"\((?:[^)]*\b(?:veraltet|vulg|derb|abwertend|fachspr|lat|engl|schweiz|österr)\b[^)]*)\)")
NOTE = re.compile(r"\s*\([^)]*\)\s*")
WORD = re.compile(r"^[A-Za-zÄÖÜäöüß][a-zäöüß-]+$")

PHRASES_HEADER = """\
# Idioms and fixed phrases derived from OpenThesaurus (https://www.openthesaurus.de), Debian
# package openthesaurus-de-text. Copyright (C) 2003-2014 Daniel Naber and the OpenThesaurus
# contributors. Licensed under the GNU Lesser General Public License 2.1 or later; see
# bot/data/OPENTHESAURUS-LICENSE.txt. Modified: per line a phrase of 2-4 words without its
# notes and placeholders, then ";" and the single words of its synonym set
# (tools/make_thesaurus.py).
"""

HEADER = """\
# Synonym sets derived from OpenThesaurus (https://www.openthesaurus.de), Debian package
# openthesaurus-de-text. Copyright (C) 2003-2014 Daniel Naber and the OpenThesaurus
# contributors. Licensed under the GNU Lesser General Public License 2.1 or later; see
# bot/data/OPENTHESAURUS-LICENSE.txt. Modified: only sets of 2-12 single words kept, register
# notes removed (tools/make_thesaurus.py). One synonym set per line, words separated by ";".
"""


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    seen: set[tuple[str, ...]] = set()
    out: list[str] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        terms: list[str] = []
        for raw in line.split(";"):
            if DROP.search(raw):
                continue
            term = NOTE.sub(" ", raw).strip()
            if WORD.match(term) and term not in terms:
                terms.append(term)
        key = tuple(sorted(terms))
        if 2 <= len(terms) <= 12 and key not in seen:
            seen.add(key)
            out.append(";".join(terms))
    TARGET.write_text(HEADER + "\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} synonym sets -> {TARGET}")
    phrases = phrase_lines(source)
    PHRASES.write_text(PHRASES_HEADER + "\n".join(phrases) + "\n", encoding="utf-8")
    print(f"{len(phrases)} phrases -> {PHRASES}")
    return 0


def phrase_lines(source: Path) -> list[str]:
    """"phrase;word;word…" for each idiom of a set that also has single words."""
    out: dict[str, set[str]] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        entries = [raw for raw in line.split(";") if not DROP.search(raw) and "..." not in raw]
        if len(entries) > MAX_PHRASE_SET:
            continue
        singles: list[str] = []
        phrases: list[str] = []
        for raw in entries:
            ws = PLACEHOLDER.sub(" ", raw).split()
            if not ws or not all(PHRASE_WORD.match(w) for w in ws):
                continue
            if len(ws) == 1:
                singles.append(ws[0])
            elif len(ws) <= 6:
                phrases.append(" ".join(ws))
        for phrase in phrases:
            out.setdefault(phrase, set()).update(singles)
    return [f"{p};{';'.join(sorted(ws))}" for p, ws in sorted(out.items()) if ws]


if __name__ == "__main__":
    raise SystemExit(main())
