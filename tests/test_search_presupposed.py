"""Whether a message that asks where the texts say something gets a weak answer instead of
none (issue 11, round 16, weak16).

- ``presupposed``: "wo stand, dass …", "wo steht, dass …", "die Stelle, dass …" presuppose a
  text the group read. Retold in words the texts lack ("Kohle", "Knauserei"), such a message
  was judged off-topic; with specific words that meet in too many passages, it was left
  unrescued. When two content words of its own meet in one passage, it is now answered as a
  weak match, and the reply says "Ich bin nicht sicher, ob das passt:". Whose words meet
  nowhere, chat about the meeting, and the same words without the question for a place stay
  as they were.

Invented texts (not the seeds) for the engine, each message with the mechanism on (the bot's
options) and switched off; the reply a member reads through the handler, on the seeds, with an
invented message.
"""

from __future__ import annotations

import pytest
from helpers import send
from invented import FILLER, STRIKE_OPENING, one_text_engine

import bot.handlers  # noqa: F401  (registers every command)
from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import locates_claim
from bot.services import Services
from bot.texts import quotes as t

STRIKE = [
    *STRIKE_OPENING,
    "Der Senat und die Gewerkschaft streiten seit Wochen über die Löhne.",
    "Die Gewerkschaft wirft dem Senat vor, die Kliniken kaputtzusparen.",
    "Der Schlichter schlägt eine Einmalzahlung vor, der Senat zögert.",
    "Die Gewerkschaft droht dem Senat mit einem unbefristeten Streik.",
    "Am Ende zahlen die Beschäftigten die Rechnung für die Sparpolitik, schreibt die Autorin.",
    "Die Klinikleitung zeigt sich offen für längere Gespräche, aber nicht für mehr Geld.",
]
BILL = "streik:9"  # "Am Ende zahlen die Beschäftigten die Rechnung …"
TALKS = "streik:10"  # "Die Klinikleitung zeigt sich offen für längere Gespräche …"

# the union, the nurses and the clinics meet in six of 26 paragraphs: too many to rescue
UNION = [
    f"Die Gewerkschaft verhandelt für die Pflegekräfte der Kliniken über {topic}."
    for topic in ["Löhne", "Schichten", "Zulagen", "Urlaub", "Personal", "Pausen"]
] + FILLER

OFF = SearchOptions().without("presupposed")


def _engine(options: SearchOptions, paragraphs: list[str] | None = None) -> SearchEngine:
    return one_text_engine(paragraphs or STRIKE + FILLER, options)


@pytest.mark.parametrize(
    ("message", "expected", "lacking"),
    [
        ("wo stand, dass am ende die beschäftigten die ganze kohle abdrücken", BILL, "kohle"),
        (
            "wo steht, dass die beschäftigten am ende die zeche für die knauserei zahlen",
            BILL,
            "knauserei",
        ),
        (
            "die stelle, dass die klinikleitung zwar länger quatschen will aber keine kohle "
            "rausrückt",
            TALKS,
            "kohle",
        ),
    ],
)
def test_asking_where_the_texts_say_it_in_other_words_is_a_weak_match(
    message: str, expected: str, lacking: str
) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits and answer.hits[0].passage.id == expected
    assert answer.weak  # the reply says "Ich bin nicht sicher, ob das passt:"
    # off: the words the texts lack make it off-topic, and the member got nothing
    off = _engine(OFF).answer(message)
    assert off.hits == [] and off.empty == "off-topic" and lacking in off.missing


def test_specific_words_that_meet_everywhere_are_asked_where_a_place_is_asked_for() -> None:
    message = (
        "wo stand, dass die gewerkschaft für die pflegekräfte der kliniken nur einen trostpreis "
        "rausholt"
    )
    answer = _engine(SearchOptions(), UNION).answer(message)
    assert answer.hits and answer.weak
    assert "Gewerkschaft verhandelt für die Pflegekräfte" in answer.hits[0].passage.text
    # off: they meet in six of 26 paragraphs, too many to rescue it
    off = _engine(OFF, UNION).answer(message)
    assert off.hits == [] and off.empty == "off-topic, not rescued"


@pytest.mark.parametrize(
    "message",
    [
        # its words meet in no passage: nothing the texts say
        "wo steht dass man im park nicht grillen darf",
        # chat about the meeting asks no place in the texts
        "wo stand nochmal, dass wir uns am montag im café treffen",
        # the same words, retold without asking where: judged by its words as before
        "am ende drücken die beschäftigten die ganze kohle ab, so ist das halt",
    ],
)
def test_no_place_asked_or_no_words_that_meet_stay_empty(message: str) -> None:
    for options in (SearchOptions(), OFF):
        answer = _engine(options).answer(message)
        assert answer.hits == [] and answer.missing, (options.presupposed, message)


def test_a_message_that_retells_without_asking_where_is_not_rescued_by_it() -> None:
    message = "die gewerkschaft holt für die pflegekräfte der kliniken nur einen trostpreis raus"
    for options in (SearchOptions(), OFF):
        assert _engine(options, UNION).answer(message).hits == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wo steht, dass die Beschäftigten zahlen", True),
        ("wo wird gesagt, dass der Senat zögert", True),
        ("wo schreibt sie nochmal, dass …", True),
        ("Wo heißt es, dass die Klinik schließt?", True),
        ("brauch die Stelle, dass der Senat zögert", True),
        ("wo steht der Drucker", False),  # where a thing stands
        ("wo wird das Treffen sein", False),
        ("ich glaube, dass der Senat zögert", False),  # no place asked for
    ],
)
def test_asking_where_a_claim_is_made(text: str, expected: bool) -> None:
    assert locates_claim(text) is expected


# --- what the member reads (the handler, on the seeds) ---------------------------------------

# invented; the texts say "Millionen ehemaliger Soldaten" would be discontented after the war,
# not "Kriegsheimkehrer"
LOCATED = "wo stand, dass die kriegsheimkehrer am ende für zoff in der bevölkerung sorgen"


def _ask(text: str, services: Services) -> list:
    return send(text, services).messages


def test_the_member_reads_the_passage_under_a_doubt(services: Services) -> None:
    message = _ask(LOCATED, services)[-1]
    assert message.html.startswith(t.UNSURE)  # "Ich bin nicht sicher, ob das passt:"
    assert "<blockquote>" in message.html and "ehemaliger Soldaten" in message.html
    assert any(b.data.startswith("vg:") for row in message.buttons for b in row)  # topics


def test_switched_off_the_member_read_that_the_texts_lack_the_word(services: Services) -> None:
    engine = services.search
    try:
        engine.options = OFF
        html = "\n".join(m.html for m in _ask(LOCATED, services))
    finally:
        engine.options = SearchOptions()
    assert "Zu „Kriegsheimkehrer“ steht in den Texten nichts." in html
    assert "<blockquote>" not in html
