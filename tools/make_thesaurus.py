"""Derive bot/data/openthesaurus_de.txt from OpenThesaurus (run by a developer, not at run time).

    apt-get install -y openthesaurus-de-text
    python tools/make_thesaurus.py [/usr/share/openthesaurus-de/openthesaurus.txt]

Keeps what the search can use at low weight: synonym sets of single words (phrases, register
notes in parentheses, abbreviations and archaic/vulgar entries are dropped), sets of 2 to 12
words. The data is OpenThesaurus (LGPL 2.1, see bot/data/OPENTHESAURUS-LICENSE.txt).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SOURCE = Path("/usr/share/openthesaurus-de/openthesaurus.txt")
TARGET = Path(__file__).resolve().parent.parent / "bot" / "data" / "openthesaurus_de.txt"
DROP = re.compile(r"\((?:[^)]*\b(?:veraltet|vulg|derb|abwertend|fachspr|lat|engl|schweiz|österr)\b[^)]*)\)")
NOTE = re.compile(r"\s*\([^)]*\)\s*")
WORD = re.compile(r"^[A-Za-zÄÖÜäöüß][a-zäöüß-]+$")

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
