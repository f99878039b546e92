"""Derive bot/data/loanwords_en_de.txt from Ding's English-German dictionary (run by a
developer, not at run time).

    apt-get install trans-de-en        # Ding's word list, /usr/share/trans/de-en (GPL-2+)
    pip install wordfreq               # English word frequencies, to keep the file compact
    python tools/make_loanwords.py

Members write English words the texts render in German ("der deal", "nen ceasefire"). The
file maps such an English word to the German single words Ding gives for it, kept compact:

- only one-word expressions on both sides (placeholders such as "sth.", "etw.", "sich" dropped),
  of the head of an entry (not its examples);
- only English words people write (wordfreq Zipf >= MIN_EN_ZIPF) and German words of the
  frequency list (bot/data/wordfreq_de.txt): a translation nobody writes finds nothing;
- at most MAX_TRANSLATIONS per word, in Ding's order (its first senses are the common ones);
- never a German word: an English word that is a German headword of Ding ("Gift", "Rat",
  "also") or a word form common in German (Zipf >= GERMAN_ZIPF: "hat", "will", which Ding lists
  only as "haben", "wollen") keeps its German meaning and is left out. Except a loanword: Ding
  lists it after the German words it stands for, in the same entry ("Abmachung; Handel; Deal
  :: deal"), and never at the head of an entry of its own (as "Lust; Begierde :: lust" is).
  Its translations are the German words of those entries only: the sense it has in German
  (Abmachung, Handel), not the card game's "austeilen".
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.search_lexicon import zipf  # noqa: E402
from bot.core.text import fold  # noqa: E402

SOURCE = Path("/usr/share/trans/de-en")
TARGET = ROOT / "bot" / "data" / "loanwords_en_de.txt"
FREQ = ROOT / "bot" / "data" / "wordfreq_de.txt"
MAX_TRANSLATIONS = 8
MIN_EN_ZIPF = 3.0  # as the German list: about once per ten million words
GERMAN_ZIPF = 5.0  # a word form this common in German is German ("hat", "will", "fast")

_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>")
_PLACEHOLDERS = {
    "sth.", "sb.", "sb.'s", "sb.’s", "one's", "one’s", "oneself", "to", "etw.", "jdn.",
    "jdm.", "jds.", "sich", "jdm./etw.", "jdn./etw.", "sb./sth.",
}  # fmt: skip
_WORD = re.compile(r"^[a-zäöüß]+(?:-[a-zäöüß]+)?$")

HEADER = """\
# English word;German words Ding gives for it (folded like the index: ä -> ae, ß -> ss).
# Derived from Ding's English-German dictionary 1.9 (Debian package trans-de-en), (c) Frank
# Richter <frank.richter@hrz.tu-chemnitz.de> 1999-2022, licensed under the GNU General Public
# License version 2 or (at your option) any later version (full text in DING-LICENSE.txt).
# This file is that data, modified (one-word entries, common words only, folded) by
# tools/make_loanwords.py, and is shared under the same licence.
"""


def single(expr: str) -> str | None:
    """The one word of a dictionary expression, its placeholders dropped; None if several."""
    words = [w for w in _BRACKETS.sub(" ", expr).split() if w.lower() not in _PLACEHOLDERS]
    if len(words) != 1:
        return None
    w = words[0].strip(".,;:!?\"'")
    return w if _WORD.match(w.lower()) else None


def entries(path: Path):
    """(German one-word expressions, English one-word expressions) of each entry's head."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or " :: " not in line:
                continue
            de, en = line.rstrip("\n").split(" :: ", 1)
            de_head, en_head = de.split(" | ")[0], en.split(" | ")[0]
            de_words = [w for w in map(single, de_head.split("; ")) if w]
            en_words = [w.lower() for w in map(single, en_head.split("; ")) if w]
            if de_words:
                yield de_words, en_words


def main() -> None:
    common = {
        w
        for line in FREQ.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
        for w in line.split()[1:]
    }
    plain: dict[str, list[str]] = defaultdict(list)
    loan: dict[str, list[str]] = defaultdict(list)
    german: set[str] = set()  # the words Ding has as German headwords
    first: set[str] = set()  # … and those that head an entry of their own
    for de_words, en_words in entries(SOURCE):
        folded = [fold(w) for w in de_words]
        german.update(folded)
        first.add(folded[0])
        for e in en_words:
            if fold(e) in folded:
                target = loan[e]
            else:
                target = plain[e]
            for g in folded:
                if g != fold(e) and g in common and g not in target:
                    target.append(g)
    out = []
    for e in sorted(set(plain) | set(loan)):
        if wordfreq.zipf_frequency(e, "en") < MIN_EN_ZIPF:
            continue
        if loan.get(e) and fold(e) not in first:
            # a loanword comes after the German words it stands for ("Abmachung; Handel;
            # Deal"); a word that heads an entry is a German word ("Lust; Begierde")
            words = loan[e]
        elif fold(e) in german or zipf(e) >= GERMAN_ZIPF:
            continue  # a German word of its own ("Gift", "also", "hat"): never read as English
        else:
            words = plain.get(e, [])
        if words:
            out.append(fold(e) + ";" + ";".join(words[:MAX_TRANSLATIONS]))
    TARGET.write_text(HEADER + "\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} English words -> {TARGET} ({TARGET.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
