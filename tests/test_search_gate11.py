"""A message about a page's debris gets that debris as a weak match (issue 11, seventh pass,
round 11, gate11): ``SearchOptions.debris``.

Debris is what a web page carries besides the article: a photo caption, the source line
("Aus: …"), a book promoted under the text. It stays out of the vocabulary and never displaces
a passage of the text; but a message whose unknown words one piece of it has ("wer ist Jana
Kovač?", "Hafen von Gdynia") asks about what the group read. Judged again with the piece's
words as known, it is answered with the piece (all of it: a book's author, title and blurb
are one piece), as a weak match. A first name alone ("wer ist julia") or a date line is no
question about it: it takes two words that say something, or one rare unknown word.

A message that asks where a text said something ("wo stand nochmal, dass …", "brauch die
Stelle, wo …", "das Zitat, in dem …") presupposes a text the group read: like a retelling, a
specific word the texts repeat makes it a weak match (``SearchOptions.locates``); "wo steht"
(where a thing stands) is no such question.

Invented texts (not the seeds), each message run with the mechanism on and switched off.
"""

import datetime as dt

import pytest
from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.models import Passage, Source
from bot.core.search import SearchEngine, SearchOptions

PAGE = [
    ("debris", "Streikende vor dem Klinikum am Hafen von Gdynia. [Foto: Julia Brandt]"),
    *[("text", x) for x in STRIKE_OPENING],
    ("text", "Der Streik ist nicht vorbei, sagt der Betriebsrat, solange die Löhne steigen."),
    *[("text", x) for x in FILLER],
    ("debris", "Jana Kovač"),
    ("debris", "Die Kasse der Kliniken: Wer zahlt für die Pflege?"),
    ("debris", "Kovač untersucht die Finanzierung der Krankenhäuser seit den Neunzigern."),
    ("debris", "Aus: Solidarität am Bett, Monatsblatt der Pflegeinitiative Süd, Nr. 12"),
    ("debris", "3. März 2026 | Thomas Weber"),
]


def _engine(options: SearchOptions) -> SearchEngine:
    return one_text_engine(PAGE, options, author="Weber")


def _kinds(answer) -> list[str]:
    return [h.passage.kind for h in answer.hits]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("wer ist jana kovač", "Jana Kovač"),  # the promoted book
        ("das buch von jana kovač, worum geht es da", "Kovač untersucht die Finanzierung"),
        ("gdynia hafen", "am Hafen von Gdynia"),  # the photo caption
        ("wo ist das erschienen, in der pflegeinitiative süd?", "Aus: Solidarität am Bett"),
    ],
)
def test_a_message_about_the_debris_gets_it_as_a_weak_match(message, expected):
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits and answer.weak
    assert any(expected in h.passage.text for h in answer.hits[:3])
    assert set(_kinds(answer)) == {"debris"}
    # off: its words are unknown to the texts, the message is judged off-topic
    answer = _engine(SearchOptions(debris=False)).answer(message)
    assert answer.hits == [] and answer.empty == "off-topic"


def test_a_promoted_book_is_one_piece_author_title_and_blurb():
    answer = _engine(SearchOptions()).answer("jana kovač")
    texts = [h.passage.text for h in answer.hits]
    assert texts[0] == "Jana Kovač"  # the passage that has most of the message first
    assert "Die Kasse der Kliniken: Wer zahlt für die Pflege?" in texts  # it lacks the name


@pytest.mark.parametrize(
    "message",
    [
        "wer ist julia",  # a first name of a photo credit: maybe a member of the group
        "hat julia die fotos?",
        "thomas kommt am 3. märz",  # the date line
        "wer hat lust auf bier nach dem treffen",
        "kennt jemand ein gutes buch über die französische revolution",
    ],
)
def test_chat_that_meets_the_debris_by_a_name_or_a_date_stays_empty(message):
    for options in (SearchOptions(), SearchOptions(debris=False)):
        answer = _engine(options).answer(message)
        assert answer.hits == []


def test_debris_never_displaces_the_text():
    # the text answers "Streik" and "Betriebsrat": the caption's strikers are not served
    answer = _engine(SearchOptions()).answer("was sagt der betriebsrat zum streik")
    assert answer.hits and set(_kinds(answer)) == {"text"}


def test_a_search_over_other_kinds_gets_no_debris():
    engine = _engine(SearchOptions())
    assert engine.search("wer ist jana kovač", kinds=("contribution", "answer")) == []


def test_words_from_two_pieces_of_a_footer_make_no_question():
    # "Siehe auch" names the Tafel, the call to action asks for money: consecutive debris,
    # yet chat that has one word of each is no question about either
    src = Source("streik", "Streik", "Weber", "Blog", dt.date(2026, 1, 1), "article", "-", "-")
    page = [
        *[("text", x) for x in STRIKE_OPENING + FILLER],
        ("debris", "Siehe auch: Pflegenotstand in Bremen – die Tafeln sind überlastet"),
        ("debris", "Unterstützen Sie unabhängigen Journalismus – spenden Sie jetzt per Paypal"),
    ]
    passages = [
        Passage(f"streik:{i}", "streik", i, 0, i, i, kind, 1, x)
        for i, (kind, x) in enumerate(page, 1)
    ]
    engine = SearchEngine.in_memory(passages, [src])
    engine.options = SearchOptions()
    assert engine.answer("sollen wir was für die tafel spenden").hits == []
    hits = engine.answer("pflegenotstand bremen").hits  # … the piece itself is found
    assert hits and hits[0].passage.text.startswith("Siehe auch")


# -- SearchOptions.locates: asking where a text said something ------------------------------

STRIKE = [
    *STRIKE_OPENING,
    "Das Land zahlt nicht, und der Senat schiebt die Verantwortung an die Kassen weiter.",
    "Der Streik ist nicht vorbei, sagt der Betriebsrat, solange die Löhne nicht steigen.",
]


@pytest.mark.parametrize(
    "message",
    [
        "wo stand nochmal, dass der senat die malocher im regen stehen lässt",
        "brauch die stelle, wo der senat die malocher hängen lässt",
    ],
)
def test_asking_where_the_text_said_it_is_a_weak_match_by_a_word_it_repeats(message):
    # "Senat" recurs in the text; "Malocher", "Regen" are unknown to it
    answer = one_text_engine(STRIKE + FILLER, SearchOptions()).answer(message)
    assert answer.hits and answer.weak
    assert "Senat" in answer.hits[0].passage.text
    # off: judged by its words alone, the unknown ones outweigh "Senat"
    answer = one_text_engine(STRIKE + FILLER, SearchOptions(locates=False)).answer(message)
    assert answer.hits == [] and answer.empty == "off-topic"


@pytest.mark.parametrize(
    "message",
    [
        "wo steht nochmal das auto vom senat",  # where a thing stands, not where a text says
        "wo stand nochmal, dass marx die religion opium des volkes nennt",  # no word of it
        "brauch das zitat wo brecht sagt erst kommt das fressen dann die moral",
    ],
)
def test_asking_where_something_else_is_stays_empty(message):
    for options in (SearchOptions(), SearchOptions(locates=False)):
        assert one_text_engine(STRIKE + FILLER, options).answer(message).hits == []
