"""A question about a reading itself, not about what it says (issue 11, eighth pass, round 12,
meta12): ``SearchOptions.provenance``.

Members ask who wrote a text, where and when it appeared, what kind of text it is, how long it
is ("wo ist der Artikel eigentlich erschienen", "von wann ist der WSWS-Text", "wer hat das
Protokoll geschrieben"). Such a question that names a reading (or says "der Text über …" of
one the search finds alone) is answered first by the passages that carry the answer as the
reading's metadata gives it: the byline, the source line, the header (of any kind, debris
too); and the reply shows the reading's catalogue entry above them.

Invented texts (not the seeds), each message run with the mechanism on and switched off.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import html, send
from invented import FILLER, STRIKE_OPENING, one_text_engine, texts_engine

from bot.core.models import Passage, Source
from bot.core.search import SearchEngine, SearchOptions, _dated

CARE = [
    ("heading", "Wer zahlt für die Pflege?"),
    ("debris", "3. März 2026 | Jana Kovač"),
    ("text", "Die Gewerkschaft ruft die Pflegekräfte der Kliniken zum Streik auf."),
    ("text", "Der Senat verweist auf den Haushalt und lehnt höhere Löhne ab."),
    ("text", "Am Montag begannen die Verhandlungen mit dem Senat, ohne Ergebnis."),
    *[("text", x) for x in FILLER],
    ("debris", "Aus: Solidarität am Bett, Monatsblatt der Pflegeinitiative Süd, Nr. 12"),
]
RENT = [
    ("heading", "Wem gehört die Stadt?"),
    ("text", "Der Volksentscheid zur Vergesellschaftung der Wohnungskonzerne fand 2021 eine"
     " Mehrheit, doch der Senat hat ihn nicht umgesetzt."),
    ("text", "Die Genossenschaften bauen langsam, aber ihre Mieten liegen unter dem Mietspiegel."),
    ("text", "Eine Mieterin aus Neukölln soll nach der Sanierung vierzig Prozent mehr zahlen."),
]  # fmt: skip
SOURCES = [
    Source(
        "pflege", "Wer zahlt für die Pflege?", "Jana Kovač",
        "Solidarität am Bett (Monatsblatt der Pflegeinitiative Süd), Nr. 12",
        dt.date(2026, 3, 3), "article", "-", "-", aliases=("Pflegetext",),
    ),
    Source(
        "mieten", "Wem gehört die Stadt?", "Lena Vogt", "analyse & kritik",
        dt.date(2026, 2, 17), "blog", "-", "-", aliases=("Mietentext",),
    ),
]  # fmt: skip


def _engine(options: SearchOptions) -> SearchEngine:
    return texts_engine(list(zip(SOURCES, (CARE, RENT), strict=True)), options)


@pytest.mark.parametrize(
    ("message", "carrier"),
    [
        ("von wann ist der pflegetext eigentlich", "3. März 2026 | Jana Kovač"),
        ("wer hat den pflegetext geschrieben", "3. März 2026 | Jana Kovač"),
        ("wo ist der artikel von jana kovač erschienen", "Aus: Solidarität am Bett"),
        ("in welcher zeitschrift kam der pflegetext raus", "Aus: Solidarität am Bett"),
        ("wann kam der pflegetext eigentlich raus", "3. März 2026 | Jana Kovač"),
        ("wie heißt die autorin vom pflegetext", "3. März 2026 | Jana Kovač"),
        ("was ist eigentlich die quelle vom pflegetext", "Aus: Solidarität am Bett"),
        # names no reading, but "der Text über …" is about one that the search finds alone
        ("wer hat den text über den streik der pflegekräfte geschrieben", "3. März 2026"),
    ],
)
def test_a_question_about_a_reading_gets_the_passage_that_carries_the_answer(
    message: str, carrier: str
) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.about == ("pflege",)
    assert answer.hits and answer.hits[0].passage.text.startswith(carrier)
    # off: searched by its words, the byline or the source line does not come first
    off = _engine(SearchOptions(provenance=False)).answer(message)
    assert off.about == ()
    assert not off.hits or not off.hits[0].passage.text.startswith(carrier)


def test_it_asks_about_the_reading_it_names_not_about_another():
    answer = _engine(SearchOptions()).answer("von wann ist der mietentext")
    assert answer.about == ("mieten",)
    assert all(h.passage.source == "mieten" for h in answer.hits)


@pytest.mark.parametrize(
    "message",
    [
        "wer hat den streik ausgerufen",  # who did something in the text: what it says
        "wann begannen die verhandlungen mit dem senat",
        "was schreibt kovač über den senat",
        "woher kommt das geld für die pflege laut pflegetext",  # not where the text comes from
        "wie lange dauern die verhandlungen schon",
        # which text claimed something: what a reading says
        "wer hat im pflegetext geschrieben, dass der senat nicht zahlt",
        "wer steckt hinter dem streik laut pflegetext",
    ],
)
def test_a_question_about_what_a_reading_says_is_none(message: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.about == ()
    assert not answer.hits or answer.hits[0].passage.kind != "debris"


@pytest.mark.parametrize(
    "message",
    [
        "wer hat das kapital geschrieben",  # names none of the readings
        "von wann ist das kommunistische manifest",
        "wo ist der neue text von sahra wagenknecht erschienen",
        # another work of a reading's author or outlet
        "kovač hat doch auch ein buch geschrieben, wo ist das erschienen",
        "wann kommt der nächste pflegetext raus",
        "wer hat beim pflegetext den artikel über venezuela geschrieben",
    ],
)
def test_a_question_about_a_text_the_group_did_not_read_gets_no_reading(message: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.about == ()
    assert not any(h.passage.kind == "debris" for h in answer.hits)


def test_a_reading_whose_text_does_not_carry_the_answer_is_still_named():
    # the rent text has no byline: the answer names it (the reply shows its entry)
    answer = _engine(SearchOptions()).answer("wer hat den mietentext geschrieben")
    assert answer.about == ("mieten",)
    assert all(h.passage.kind != "debris" for h in answer.hits)


def test_dates_as_german_writes_them():
    ps = [
        Passage(f"x:{i}", "x", i, 0, i, i, "text", 1, t)
        for i, t in enumerate(
            ["Berlin, 20.8.25", "Stand: 20. August 2025", "am 21.08.2025", "2025-08-20"], 1
        )
    ]
    assert _dated(ps, dt.date(2025, 8, 20)) == ["x:1", "x:2"]


# -- the reply ---------------------------------------------------------------------------

READING = """Wem gehört die Stadt?

17. Februar 2026 | Lena Vogt

Seit dem Scheitern des Berliner Mietendeckels suchen die Mieterinitiativen einen neuen Hebel. \
Der Volksentscheid zur Vergesellschaftung großer Wohnungskonzerne hat 2021 eine Mehrheit \
gefunden, doch der Senat hat ihn bis heute nicht umgesetzt.

Die Genossenschaften bauen langsam, aber ihre Mieten liegen im Schnitt ein Drittel unter dem \
Mietspiegel.

Aus: ak – analyse & kritik, Zeitung für linke Debatte und Praxis, Nr. 721
"""


def _add_reading(services, tmp_path: Path) -> None:
    from bot.core.readings import Meta

    meta = Meta(
        title="Wem gehört die Stadt?", author="Lena Vogt", date=dt.date(2026, 2, 17),
        outlet="analyse & kritik", kind="article", slug="mieten-vogt",
    )  # fmt: skip
    services.readings.add(READING.encode(), "vogt.txt", meta, dest_dir=tmp_path)


def test_the_reply_shows_the_readings_entry_above_the_passages(services, tmp_path: Path):
    _add_reading(services, tmp_path)
    text = html(send("wer hat eigentlich den text über die mieten geschrieben", services))
    card, _, rest = text.partition("Textstellen zu deiner Frage")
    assert "<b>Zur Quelle:</b> <i>Wem gehört die Stadt?</i>" in card
    assert "Von: Lena Vogt" in card and "Medium: analyse &amp; kritik" in card
    assert "Datum: 17.02.2026" in card and "Art: Artikel" in card and "Länge: 3 Absätze" in card
    assert "17. Februar 2026 | Lena Vogt" in rest  # the byline, labelled as the page's margin
    services.search.options = SearchOptions(provenance=False)
    off = html(send("wer hat eigentlich den text über die mieten geschrieben", services))
    assert "Zur Quelle:" not in off


def test_meeting_chat_about_the_protocol_gets_no_entry(services):
    for message in ("wer schreibt am montag das protokoll", "ich schick das protokoll morgen"):
        assert "Zur Quelle:" not in html(send(message, services))


# -- SearchOptions.known_sentence: a sentence in the texts' own words ------------------------

COSTS = [
    *STRIKE_OPENING,
    "Am Ende tragen die einfachen Leute die Kosten der Krise.",
    *FILLER,
]


def test_a_sentence_in_the_texts_own_words_is_about_them_whatever_word_it_lacks():
    message = "die kosten der krise müssen am ende halt die malocher tragen"
    answer = one_text_engine(COSTS).answer(message)
    assert answer.hits and answer.weak  # "Ich bin nicht sicher, ob das passt:"
    assert answer.hits[0].passage.text.startswith("Am Ende tragen die einfachen Leute")
    # off: "Malocher", a word the texts lack, makes it off-topic
    off = one_text_engine(COSTS, SearchOptions(known_sentence=False)).answer(message)
    assert off.hits == [] and off.missing == ["malocher"]


@pytest.mark.parametrize(
    "message",
    [
        "die kosten tragen die malocher",  # two words of the texts: too few
        "ich glaub die kosten der krise müssen am ende halt die malocher tragen",  # chat
        "morgen reden wir über die kosten der krise am ende, bringt die malocher mit",
    ],
)
def test_few_words_of_the_texts_or_chat_among_the_members_stay_off_topic(message: str):
    assert one_text_engine(COSTS).answer(message).hits == []
