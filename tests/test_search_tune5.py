"""Chat among the members (issue 11, fifth pass): a message addressed to the group ("habt ihr
…", "kann jemand …", "euch") is chat, answered with passages only when words of the texts
make it a question about them; and in such chat a noun the texts lack is what it is about.

Invented texts (not the seeds): the small engine of test_search_gate over a text on a strike,
each message run with the mechanism on (the bot) and switched off.
"""

from bot.core.search import SearchOptions
from bot.core.search_lexicon import addressed
from bot.core.text import words
from tests.test_search_gate import _engine


def _ids(message: str, options: SearchOptions, aliases: tuple[str, ...] = ()) -> list[str]:
    engine = _engine(aliases=aliases)
    engine.options = options
    return [h.passage.id for h in engine.search(message)]


def test_a_message_to_the_members_with_one_word_of_the_texts_gets_no_passages():
    message = "habt ihr das mit dem streik mitbekommen"
    assert _ids(message, SearchOptions()) == []
    assert _ids(message, SearchOptions(addressed=False))  # off: "Streik" carried it


def test_a_question_to_the_members_about_the_texts_is_still_answered():
    # two specific words of the texts make it a question, however it is addressed
    assert _ids("weiß jemand warum der senat die löhne ablehnt", SearchOptions())[0] == "streik:2"
    assert _ids("was haltet ihr vom streik und vom senat", SearchOptions())


def test_a_question_to_the_members_naming_a_source_is_answered():
    message = "habt ihr im klinikblog gelesen warum der senat spart"
    assert _ids(message, SearchOptions(), aliases=("Klinikblog",))[0] == "streik:2"


def test_asking_the_members_to_lend_a_source_is_chat():
    message = "kann mir jemand den klinikblog ausleihen"
    assert _ids(message, SearchOptions(), aliases=("Klinikblog",)) == []


def test_a_noun_the_texts_lack_makes_chat_among_the_members_about_it():
    message = "was haltet ihr vom streik und vom senat in kanada"
    assert _ids(message, SearchOptions()) == []
    assert _ids(message, SearchOptions(chat_lacking=False))  # off: two words of the texts


def test_ihr_as_the_subject_after_its_verb_addresses_the_members_but_not_as_a_possessive():
    assert addressed(words("was haltet ihr davon"))
    assert addressed(words("seid ihr morgen da"))
    assert addressed(words("danke euch allen"))
    assert addressed(words("hat jemand eine idee"))
    assert not addressed(words("die regierung macht ihr ding"))  # "ihr" as a possessive
    assert not addressed(words("warum lehnt der senat die löhne ab"))
