"""Which reading a message means, and where in it (issue 11, round 23, source23).

- ``title_names``: "was sagt der warnstreik-artikel zu den löhnen", "im warnstreiktext": a word
  of one reading's title (of no other reading's title, no everyday word) right before or
  joined to a noun for a text ("Artikel", "Text", "Beitrag" …) names that reading like one of
  its aliases: its passages rank ahead, and the two words are its name, not words to search.
- ``placed_reading``: "was fordert die streikzeitung ganz am schluss" names a reading and says
  where in it the answer stands, with no noun of a topic: the reading's last (or first)
  paragraphs answer it, though they need not share a word with the message.
- ``title_asked``: "wie hieß der Artikel der Streikzeitung nochmal", "um welchen Artikel ging es
  beim Jour fixe": the title of the reading it names; its heading and lead come first.
- ``behind_asked``: "welche Partei steckt da dahinter": who stands behind the reading it names,
  its author; the passages that carry the author come first.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from __future__ import annotations

import datetime as dt

import pytest
from invented import FILLER, STRIKE_OPENING, first_id, one_text_engine, texts_engine

from bot.core.models import Source
from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import behind_asked, title_asked
from bot.core.text import words

# the strike text (its wages: "lehnt höhere Löhne ab"); its title says "Warnstreik", its
# aliases do not
STRIKE = STRIKE_OPENING
# the rent text mentions a warning strike and wages in passing: without the title's word as
# a name, its paragraph has both words of the message
RENT = [
    "Die Mieten in der Stadt steigen seit Jahren schneller als die Löhne.",
    "Beim Warnstreik der Busfahrer ging es um Löhne, die mit den Mieten nicht Schritt halten.",
    "Die Mieterinitiative sammelt Unterschriften für einen Mietendeckel.",
    "Der Senat verweist auf den Wohnungsbau, der die Mieten senken soll.",
]


def _engine(options: SearchOptions) -> SearchEngine:
    strike = Source(
        "streik",
        "Warnstreik an den Kliniken: die Pflege gegen den Senat",
        "Betriebsgruppe",
        "Blog",
        dt.date(2026, 1, 1),
        "article",
        "-",
        "-",
        aliases=("Streikzeitung",),
    )
    rent = Source(
        "mieten",
        "Mietendeckel jetzt! Die Stadt gehört den Mietern",
        "Mieterinitiative",
        "Flugblatt",
        dt.date(2026, 1, 2),
        "article",
        "-",
        "-",
        aliases=("Mieterzeitung",),
    )
    return texts_engine([(strike, STRIKE + FILLER), (rent, RENT)], options)


def _first(message: str, options: SearchOptions) -> str:
    return first_id(_engine(options), message)


@pytest.mark.parametrize(
    "message",
    [
        "was sagt der warnstreik-artikel zu den löhnen",
        "was schreibt der warnstreik artikel über den lohn",
        "im warnstreiktext: was war mit den löhnen",
        "die löhne im warnstreik-text",
    ],
)
def test_a_word_of_the_title_and_a_text_noun_name_the_reading(message: str) -> None:
    assert _first(message, SearchOptions()) == "streik:2"
    # off: "Warnstreik" is a word to search, and the rent text has it with the wages
    assert _first(message, SearchOptions().without("title_names")) == "mieten:2"


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ("was sagt der warnstreik-artikel zu den löhnen", ("streik",)),
        ("der mietendeckel-text zu den löhnen", ("mieten",)),
        # no text noun: the title's word is a word to search for
        ("was war beim warnstreik mit den löhnen", ()),
        # "Pflege" is in one title, but an everyday word: no name ("der Pflege-Artikel")
        ("was sagt der pflege-artikel zu den löhnen", ()),
        # "Stadt" is an everyday word too, and "den" a stop word
        ("der stadt-artikel zu den löhnen", ()),
    ],
)
def test_which_words_of_a_title_name_a_reading(message: str, named: tuple[str, ...]) -> None:
    assert _engine(SearchOptions()).analyse(message).named == named
    assert _engine(SearchOptions().without("title_names")).analyse(message).named == ()


def test_a_word_of_two_titles_names_neither() -> None:
    engine = _engine(SearchOptions())
    assert engine._title_names().get("warnstreik") == "streik"
    both = Source(
        "bus",
        "Warnstreik bei den Busfahrern",
        "Verdi",
        "Flugblatt",
        dt.date(2026, 1, 3),
        "article",
        "-",
        "-",
    )
    streik = engine.catalog.get("streik")
    assert streik is not None
    two = texts_engine([(both, ["Die Busse stehen still."]), (streik, [STRIKE[1]])])
    assert "warnstreik" not in two._title_names()
    assert two.analyse("was sagt der warnstreik-artikel zu den löhnen").named == ()


# - ``placed_reading``: "was fordert die streikzeitung ganz am schluss" names a reading and
#   places its answer, with no noun of a topic: the reading's last paragraphs answer it, though
#   the closing one lacks the verb (5: an early demand with it; 26: the closing paragraph)
CLOSING = [
    *STRIKE_OPENING,
    "Die Gewerkschaft fordert zwölf Prozent mehr Lohn.",
    *FILLER,
    "Am Ende steht der Ruf nach festen Stellen für alle Pflegekräfte.",
]


def _closing(options: SearchOptions) -> SearchEngine:
    return one_text_engine(CLOSING, options, aliases=("Streikzeitung",))


@pytest.mark.parametrize(
    "message",
    [
        "was fordert die streikzeitung ganz am schluss",
        "was fordert die streikzeitung am ende vom artikel",
        "was fordert die streikzeitung im letzten absatz",
    ],
)
def test_a_named_reading_and_a_place_find_what_stands_there(message: str) -> None:
    hits = _closing(SearchOptions()).search(message)
    assert hits[0].passage.id == "streik:26"
    # off: only passages its words recall; the closing paragraph lacks them
    off = _closing(SearchOptions().without("placed_reading")).search(message)
    assert "streik:26" not in [h.passage.id for h in off]


@pytest.mark.parametrize(
    ("message", "first"),
    [
        # a noun of a topic: its words decide, as before
        ("was sagt die streikzeitung ganz am schluss zum lohn", "streik:5"),
        # no reading named: every reading's end is only ranked higher where the words meet
        ("was fordert die gewerkschaft ganz am schluss", "streik:5"),
    ],
)
def test_a_topic_or_no_reading_named_keeps_the_ranking(message: str, first: str) -> None:
    for options in (SearchOptions(), SearchOptions().without("placed_reading")):
        assert _closing(options).search(message)[0].passage.id == first


def test_a_title_word_of_many_passages_names_no_reading() -> None:
    # "Pflegenotstand" stands in more than a fifth of the passages: the subject of the text, no
    # name of it ("Putin" in the seeds); "Warnstreik" stands in none
    paragraphs = [
        *STRIKE_OPENING,
        *FILLER,
        *(f"Der Pflegenotstand trifft auch die Station {n}." for n in range(1, 11)),
    ]
    engine = one_text_engine(
        paragraphs, SearchOptions(), title="Pflegenotstand: der Warnstreik an den Kliniken"
    )
    assert engine.analyse("was sagt der warnstreik-artikel zu den löhnen").named == ("streik",)
    assert engine.analyse("was sagt der pflegenotstand-artikel zu den löhnen").named == ()


# - ``title_asked``: "wie hieß der Artikel der Streikzeitung nochmal" asks for the title of the
#   reading it names: its heading (1) and its lead (2) come first, like its author or date
TITLED = [
    ("heading", "Warnstreik an den Kliniken"),
    *STRIKE_OPENING,
    "Die Schlichtung im Rathaus dauerte bis in die Nacht.",
    *FILLER,
]


def _titled(options: SearchOptions) -> SearchEngine:
    return one_text_engine(TITLED, options, aliases=("Streikzeitung",))


@pytest.mark.parametrize(
    "message",
    [
        "wie hieß nochmal der artikel der streikzeitung",
        "um welchen artikel der streikzeitung gings beim letzten mal",
        "welcher text der streikzeitung war nochmal dran",
        "streikzeitung, mit vollem titel bitte",
    ],
)
def test_a_question_for_the_title_gets_the_heading(message: str) -> None:
    answer = _titled(SearchOptions()).answer(message)
    assert [h.passage.id for h in answer.hits[:2]] == ["streik:1", "streik:2"]
    assert answer.asked == ("title",) and answer.about == ("streik",)
    # off: the heading is no passage its words find
    off = _titled(SearchOptions().without("title_asked")).answer(message)
    assert "streik:1" not in [h.passage.id for h in off.hits]
    assert off.asked == ()


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("wie hieß der gs-artikel nochmal", True),
        ("um welchen artikel gings beim jour fixe am 12.1.", True),
        ("welcher artikel war am 12. januar dran", True),
        ("den artikel mit vollem titel bitte", True),
        # the next meeting's text, another work, or a present "ist dran": no reading read
        ("welcher artikel ist nächstes mal dran", False),
        ("welcher artikel ist am 26. dran", False),
        ("wie heißt das neue buch von fazi", False),
        ("wie hieß nochmal der typ von der denkfabrik", False),
    ],
)
def test_which_messages_ask_for_a_title(message: str, asks: bool) -> None:
    assert title_asked(words(message)) is asks


def test_a_topic_of_its_own_asks_no_title() -> None:
    engine = _titled(SearchOptions())
    # "Schlichtung": which text discusses it, not what the named one is called
    assert (
        engine.analyse(
            "in welchem artikel der streikzeitung ging es um die schlichtung"
        ).provenance
        == ()
    )
    assert engine.analyse("um welchen artikel der streikzeitung ging es").provenance == ("title",)


# - ``behind_asked``: "streikzeitung – welche gruppe steckt da dahinter" asks who stands behind
#   the reading it names: its author, whose byline (25, the page's margin) comes first
BYLINED = [*STRIKE_OPENING, *FILLER, ("debris", "Herausgegeben von der Betriebsgruppe Nord")]


def _bylined(options: SearchOptions) -> SearchEngine:
    return one_text_engine(
        BYLINED, options, author="Betriebsgruppe Nord", aliases=("Streikzeitung",)
    )


@pytest.mark.parametrize(
    "message",
    [
        "streikzeitung – welche gruppe steckt da eigentlich dahinter",
        "was für eine organisation steht hinter der streikzeitung",
        "wer steckt da dahinter, bei der streikzeitung",
    ],
)
def test_who_is_behind_a_reading_asks_for_its_author(message: str) -> None:
    answer = _bylined(SearchOptions()).answer(message)
    assert answer.asked == ("author",) and answer.about == ("streik",)
    assert answer.hits[0].passage.id == "streik:25"
    # off: its words are searched; the byline is no passage they find
    off = _bylined(SearchOptions().without("behind_asked")).answer(message)
    assert off.asked == () and "streik:25" not in [h.passage.id for h in off.hits[:1]]


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("welche partei steckt da eigentlich dahinter", True),
        ("welche partei steckt hinter der streikzeitung", True),
        ("welche leute stehen hinter dem text", True),
        # someone behind something of the texts' world, not behind the reading
        ("wer steckt laut streikzeitung hinter dem streikbruch", False),
        ("wer steht hinter dem senat", False),
    ],
)
def test_which_messages_ask_who_is_behind_a_text(message: str, asks: bool) -> None:
    assert behind_asked(words(message), {"streikzeitung", "text"}) is asks
