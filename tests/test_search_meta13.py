"""What a reading says as a whole (issue 11, eighth pass, round 13, meta13):
``SearchOptions.gist``.

Members ask what a reading is about, naming it and no topic of their own ("worum ging es im
Pflegetext nochmal", "was ist Kovačs Hauptthese", "kannst du den Mietentext kurz
zusammenfassen"). Such a question is answered first by the reading's head: its lead (the first
paragraph it serves) and its title; the reply shows the reading's catalogue entry above them,
as for a question about its author or date. A question about a topic of the reading ("worum
geht es beim Streit um die Löhne") is searched by its words as before.

Invented texts (not the seeds), each message run with the mechanism on and switched off.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import html, send
from invented import FILLER, texts_engine

from bot.core.models import Source
from bot.core.search import SearchEngine, SearchOptions

CARE = [
    ("heading", "Wer zahlt für die Pflege?"),
    ("debris", "3. März 2026 | Jana Kovač"),
    ("text", "Die Kliniken sparen am Personal, und die Pflegekräfte zahlen mit ihrer Gesundheit."),
    ("text", "Die Gewerkschaft ruft die Pflegekräfte der Kliniken zum Streik auf."),
    ("text", "Der Senat verweist auf den Haushalt und lehnt höhere Löhne ab."),
    ("text", "Am Montag begannen die Verhandlungen mit dem Senat, ohne Ergebnis."),
    *[("text", x) for x in FILLER],
    ("text", "Im Streit um die Löhne zeigt sich, wem die Kliniken gehören: dem Haushalt."),
]
RENT = [
    ("heading", "Wem gehört die Stadt?"),
    ("text", "Die Mieten steigen schneller als die Löhne, und der Senat sieht zu."),
    ("text", "Der Volksentscheid zur Vergesellschaftung der Wohnungskonzerne fand 2021 eine"
     " Mehrheit, doch der Senat hat ihn nicht umgesetzt."),
    ("text", "Die Genossenschaften bauen langsam, aber ihre Mieten liegen unter dem Mietspiegel."),
    ("text", "Eine Mieterin aus Neukölln soll nach der Sanierung vierzig Prozent mehr zahlen."),
]  # fmt: skip
SOURCES = [
    Source(
        "pflege", "Wer zahlt für die Pflege?", "Jana Kovač", "Monatsblatt der Pflegeinitiative",
        dt.date(2026, 3, 3), "article", "-", "-", aliases=("Pflegetext",),
    ),
    Source(
        "mieten", "Wem gehört die Stadt?", "Lena Vogt", "analyse & kritik",
        dt.date(2026, 2, 17), "blog", "-", "-", aliases=("Mietentext",),
    ),
]  # fmt: skip
CARE_LEAD = "Die Kliniken sparen am Personal"
RENT_LEAD = "Die Mieten steigen schneller"


def _engine(options: SearchOptions) -> SearchEngine:
    return texts_engine(list(zip(SOURCES, (CARE, RENT), strict=True)), options)


@pytest.mark.parametrize(
    ("message", "slug", "lead"),
    [
        ("worum ging es im pflegetext nochmal", "pflege", CARE_LEAD),
        ("worum gehts eigentlich bei jana kovač", "pflege", CARE_LEAD),
        ("was ist die hauptthese vom pflegetext, kurz", "pflege", CARE_LEAD),
        ("was ist die kernaussage vom mietentext", "mieten", RENT_LEAD),
        ("kannst du den mietentext mal zusammenfassen", "mieten", RENT_LEAD),
        ("worum gings im text von lena vogt vom 17. februar", "mieten", RENT_LEAD),
    ],
)
def test_what_a_reading_is_about_gets_its_lead_first(message: str, slug: str, lead: str):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.about == (slug,)  # the reply shows its catalogue entry
    assert answer.hits and answer.hits[0].passage.text.startswith(lead)
    assert {h.passage.kind for h in answer.hits[:2]} == {"text", "heading"}  # lead and title
    # off: searched by its words (or, with none, the reading from its first served passage):
    # the reading is not described and its title is not among the first passages
    off = _engine(SearchOptions(gist=False)).answer(message)
    assert off.about == ()
    assert all(h.passage.kind != "heading" for h in off.hits[:2])


@pytest.mark.parametrize(
    ("message", "expect"),
    [
        # a topic of its own: what the reading says about it, not its lead
        ("worum geht es im pflegetext beim streit um die löhne", "Im Streit um die Löhne"),
        ("worum ging es bei den verhandlungen mit dem senat laut kovač", "Am Montag begannen"),
        ("worum geht es beim volksentscheid im mietentext", "Der Volksentscheid"),
    ],
)
def test_a_question_about_a_topic_of_a_reading_is_searched_by_its_words(message, expect):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.about == ()
    assert answer.hits and answer.hits[0].passage.text.startswith(expect)


@pytest.mark.parametrize(
    "message",
    [
        "worum geht es im kapital eigentlich",  # names no reading
        "was ist die hauptthese vom kommunistischen manifest",
        # a reading's author as the topic of another text, another work of the author, or
        # what the outlet printed today
        "worum ging es in dem interview über jana kovač",
        "kovač hat auch ein buch geschrieben, was ist da die hauptthese",
        "worum geht es im nächsten pflegetext",
        "worum ging es heute bei jana kovač",
    ],
)
def test_what_another_work_is_about_gets_no_reading(message: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.about == ()
    assert all(h.passage.kind != "heading" for h in answer.hits[:2])


def test_the_reply_shows_the_readings_entry_and_its_lead(services):
    # the seeds' protocol is a reading like any other: "worum ging es beim Jour fixe"
    message = "worum ging es nochmal beim letzten jour fixe"
    assert "Zur Quelle:" in html(send(message, services))
    services.search.options = SearchOptions(gist=False)
    assert "Zur Quelle:" not in html(send(message, services))


# -- SearchOptions.reading_list: the list of the readings, and a text that is none of them ----


@pytest.mark.parametrize(
    "message",
    [
        "welche texte haben wir bisher gelesen",
        "was lesen wir gerade",
        "gibt es eine leseliste",
        "welche artikel kennst du eigentlich",
    ],
)
def test_a_question_for_the_reading_list_gets_no_passages(message: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.empty == "readings"
    off = _engine(SearchOptions(reading_list=False)).answer(message)
    assert off.empty != "readings"


@pytest.mark.parametrize(
    "message",
    [
        "welche texte haben wir über die mieten gelesen",  # a topic: a search
        "welche texte haben wir zum streik gelesen",
        "was haben wir im pflegetext über den senat gelesen",  # names a reading
    ],
)
def test_a_question_for_readings_on_a_topic_is_searched(message: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.empty != "readings"
    assert answer.hits


def test_the_reply_to_the_reading_list_question_lists_the_readings(services):
    text = html(send("welche texte haben wir bisher gelesen", services))
    assert "Die Quellen des Lesekreises" in text
    for src in services.catalog.sources:
        assert src.title.split(" – ")[0].split(" / ")[0][:20].replace("&", "&amp;") in text
    services.search.options = SearchOptions(reading_list=False)
    assert "Die Quellen des Lesekreises" not in html(
        send("welche texte haben wir bisher gelesen", services)
    )


@pytest.mark.parametrize(
    "message",
    [
        "wer hat den guardian artikel über den senat geschrieben",  # in both readings
        "wer hat das buch über die pflege im kaiserreich geschrieben",
    ],
)
def test_a_question_about_a_text_we_did_not_read_gets_no_passages(message: str) -> None:
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == [] and answer.empty == "another work"
    off = _engine(SearchOptions(reading_list=False)).answer(message)
    assert off.empty != "another work"


def test_a_question_about_a_reading_by_its_topic_is_still_answered() -> None:
    # its words lead to one reading, or it names one: a question about a reading of ours
    for message in ("wer hat den text über die mieten geschrieben", "von wann ist der pflegetext"):
        answer = _engine(SearchOptions()).answer(message)
        assert answer.empty != "another work" and answer.about


def test_the_reply_to_another_work_says_it_is_none_of_ours(services):
    text = html(send("wer hat den spiegel artikel über die nato geschrieben", services))
    assert "keiner der Texte, die ich kenne" in text and "/quellen" in text
