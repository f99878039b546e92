"""Whether a message gets passages at all (issue 11, fifth pass, round 8, gate8): chat about
other things stays unanswered, questions about the texts are still answered.

- ``keep_frequent_words``: a word of German at large that no dictionary lists (a name: "Lanz")
  is not typo-corrected into a word of the texts by a changed letter ("Land"); only a letter
  left out is restored ("nich": nicht, which is then skipped like the function word it is).
- ``anyone``: "hat das wer gesehen", "kennt wer …": a yes/no question with "wer" for "jemand"
  is addressed to the members, like "kann jemand …".
- ``wishes``: "gute" marks chat only as a wish that opens the message ("gute Nacht"), not in
  "was ist das Gute an …".
- ``wer_duty``: "wer" asks for a duty of the meeting only right before the duty's verb ("wer
  macht das Protokoll"), not in "wer kam an die Macht".
- ``head_part``: an unknown compound whose first part is a specific word of the texts
  ("Betriebsratsbaracke") is partly about it; an everyday first part ("Tischkicker") is not.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from invented import FILLER, STRIKE_OPENING, one_text_engine

from bot.core.search import SearchEngine, SearchOptions
from bot.core.search_lexicon import asks_anyone

STRIKE = [
    *STRIKE_OPENING,
    "Das Land zahlt nicht, und der Senat schiebt die Verantwortung an die Kassen weiter.",
    "Der Streik ist nicht vorbei, sagt der Betriebsrat, solange die Löhne nicht steigen.",
    "Nach der Wahl kam noch eine Runde, und noch immer lag kein Angebot auf dem Tisch.",
]


def _engine(options: SearchOptions, extra: tuple[str, ...] = ()) -> SearchEngine:
    """The texts, and ``extra`` paragraphs after them (streik:28, streik:29 …)."""
    return one_text_engine(STRIKE + FILLER + list(extra), options)


# --- keep_frequent_words: a name of German at large is no typo ------------------------------


def test_a_name_known_to_german_is_not_corrected_into_a_word_of_the_texts():
    message = "der betriebsrat war bei lanz"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits == []
    assert answer.missing == ["lanz"]  # the reply names the word the texts lack
    # off: "Lanz" was read as a typo of "Land" and the chat got the Land's paragraph
    answer = _engine(SearchOptions(keep_frequent_words=False)).answer(message)
    assert answer.hits and answer.missing == []


def test_a_letter_left_out_of_a_function_word_is_still_read_as_that_word():
    on = _engine(SearchOptions())
    typed = on.answer("ist der streik nich vorbei")
    spelt = on.answer("ist der streik nicht vorbei")
    assert typed.hits and typed.hits[0].passage.id == "streik:6"
    assert [h.passage.id for h in typed.hits] == [h.passage.id for h in spelt.hits]
    # "nich" is skipped like "nicht"; off, it is a word of its own that also stands for "noch"
    # and "nach" (a changed letter), words of another paragraph
    assert "nich" not in [c.word for c in on.analyse("ist der streik nich vorbei").concepts]
    off = _engine(SearchOptions(keep_frequent_words=False)).analyse("ist der streik nich vorbei")
    nich = next(c for c in off.concepts if c.word == "nich")
    assert len(nich.alternatives) > 1


# --- anyone: "hat das wer gesehen" is addressed to the members ---------------------------------


def test_hat_das_wer_gesehen_is_chat_among_the_members():
    message = "hat das wer gesehen, der betriebsrat war im fernsehen"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.organisational and answer.hits == []
    # off: "wer" was a question word like any other, and "Betriebsrat" answered the chat
    answer = _engine(SearchOptions(anyone=False)).answer(message)
    assert answer.hits and not answer.organisational


def test_a_question_to_anyone_with_words_of_the_texts_is_still_answered():
    answer = _engine(SearchOptions()).answer("hat wer die verhandlungen mit dem senat verfolgt")
    assert answer.hits and answer.hits[0].passage.id == "streik:3"


def test_wer_as_the_question_word_is_not_read_as_jemand():
    assert asks_anyone("hat das wer gesehen")
    assert asks_anyone("was ist da eigentlich los, weiß da wer mehr")
    assert asks_anyone("kennt wer ein gutes buch dazu")
    assert not asks_anyone("wer zahlt am ende für den streik")
    assert not asks_anyone("egal wer regiert, die kassen zahlen nicht")
    assert not asks_anyone("weißt du, wer das geschrieben hat")  # (after the comma: asks who)
    assert not asks_anyone("weißt du wer das geschrieben hat")
    assert not asks_anyone("der streik ist vorbei, wer kommt mit zur feier")


# --- wishes: "gute" marks chat only as a wish that opens the message --------------------------


def test_das_gute_an_something_is_a_question_not_chat():
    message = "was ist überhaupt das gute an den verhandlungen"
    answer = _engine(SearchOptions()).answer(message)
    assert not answer.organisational
    assert answer.hits and answer.hits[0].passage.id == "streik:3"
    # off: "gute" (of "gute Nacht") anywhere made it chat about the meeting, answered with nothing
    answer = _engine(SearchOptions(wishes=False)).answer(message)
    assert answer.organisational and answer.hits == []


def test_a_wish_is_still_chat():
    answer = _engine(SearchOptions()).answer("gute nacht zusammen, bis montag")
    assert answer.organisational and answer.hits == []


# --- wer_duty: "wer" asks for a duty only right before its verb --------------------------------


def test_an_die_macht_is_no_duty_of_the_meeting():
    extra = ("Nach der Wahl kam eine neue Koalition im Senat an die Macht.",)
    message = "wer kam im senat an die macht"
    answer = _engine(SearchOptions(), extra).answer(message)
    assert not answer.organisational
    assert answer.hits and answer.hits[0].passage.id == "streik:28"
    # off: "wer" and "macht" (a duty verb: "wer macht das Protokoll") made it meeting chat
    answer = _engine(SearchOptions(wer_duty=False), extra).answer(message)
    assert answer.organisational and answer.hits == []


def test_who_does_a_duty_is_still_meeting_chat():
    answer = _engine(SearchOptions()).answer("wer macht am montag das protokoll zum streik")
    assert answer.organisational and answer.hits == []


# --- head_part: an unknown compound whose first part is a specific word of the texts -----------


def test_a_compound_of_a_specific_text_word_is_partly_known():
    message = "wo genau verhandelt der betriebsrat, in einer betriebsratsbaracke?"
    answer = _engine(SearchOptions()).answer(message)
    assert answer.hits and answer.hits[0].passage.id in {"streik:4", "streik:6"}
    # off: "Betriebsratsbaracke" is an unknown key word that outweighs the texts' words
    answer = _engine(SearchOptions(head_part=False)).answer(message)
    assert answer.hits == [] and answer.missing == ["betriebsratsbaracke"]


def test_a_compound_of_an_everyday_word_stays_a_key_word():
    # "Tisch" is a word of the texts ("kein Angebot auf dem Tisch"), but an everyday one: a
    # "Tischkicker" is not about it, and the reply names the word the texts lack
    answer = _engine(SearchOptions()).answer("wer hat den tischkicker kaputt gemacht")
    assert answer.hits == [] and answer.missing == ["tischkicker"]
