"""A word only our note on a paragraph has weighs more than a word of our positions (issue 11,
round 25, notes25).

- ``note_weight``: a message word that only our note on a paragraph has, and that no text of
  the readings uses ("Abstellgleis" for a paragraph about a bus line that is cut), counts for
  that paragraph at search.NOTE_WEIGHT (0.7) instead of the positions' EXPANSION_WEIGHT (0.5),
  in its score and in how much of the message it covers. A note word the texts use themselves
  weighs as before.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

from invented import FILLER, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

TEXTS = [
    # 1: the bus line; our note says it in other words
    "Der Kreistag beschloss nach langer Debatte, die Buslinie einzustellen.",
    # 2-6: the clinics, which the texts name often
    "Die Pflegekräfte im Klinikum warten auf den Tarifvertrag.",
    *[f"Auch im Klinikum Nummer {i} fehlt Geld für die Pflege." for i in range(4)],
    *FILLER,
]
NOTES = {
    "streik:1": [
        "Die Dörfer stehen auf dem Abstellgleis, wer kein Auto hat, bleibt zu Hause.",
    ]
}


def _ids(message: str, options: SearchOptions) -> list[str]:
    engine: SearchEngine = one_text_engine(TEXTS, options)
    engine.set_expansions({}, NOTES)
    return [h.passage.id for h in engine.search(message)]


def test_a_word_only_our_note_has_brings_its_paragraph_first() -> None:
    # "Abstellgleis" only in our note on the bus line, "Klinikum" in five paragraphs' text
    message = "abstellgleis klinikum"
    assert _ids(message, SearchOptions())[0] == "streik:1"
    # off: the note's word weighs like a position's, and a clinic paragraph comes first
    assert _ids(message, SearchOptions(note_weight=False))[0] == "streik:2"


def test_a_note_word_the_texts_use_weighs_as_before() -> None:
    # "Pflege" is in our note on the bus line and in the clinic paragraphs' own text: no word
    # of the note alone, so the answer and its scores are the same either way
    notes = {"streik:1": ["Ohne Bus leidet auch die Pflege auf den Dörfern."]}
    message = "pflege buslinie debatte"
    on_engine = one_text_engine(TEXTS, SearchOptions())
    on_engine.set_expansions({}, notes)
    off_engine = one_text_engine(TEXTS, SearchOptions(note_weight=False))
    off_engine.set_expansions({}, notes)
    on = [(h.passage.id, round(h.score, 6)) for h in on_engine.search(message)]
    off = [(h.passage.id, round(h.score, 6)) for h in off_engine.search(message)]
    assert on and on == off
