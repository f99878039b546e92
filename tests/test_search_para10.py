"""Questions and paraphrases answered by our own paraphrases (issue 11, seventh pass, round 10).

expansion_cover: positions, theses and summaries (our paraphrases of a source) are expansion
text of the passages they point at: a word found only there adds to a passage's score at half
weight (EXPANSION_WEIGHT). It used to count fully in how much of the message the passage
covers, and that share multiplies the score: a passage that says one of the message's words
itself and has the others only in our paraphrase outranked the passage that says most of them
itself. Now a word only our paraphrase has covers the message as much as it scores
(EXPANSION_COVER, the same half): the passage that says the words wins, and a message worded
like our paraphrase still finds its passage.

expansion_idf: a word found only in our paraphrase of a passage is as specific as it is in the
texts or in our paraphrases, whichever makes it commoner. A position that points at many
passages gives each of them its words; such a word says little about which of them a message
means, while a word of a paraphrase that points at one passage says much.

Invented texts (not the seeds), each message run with the mechanism on (the bot's options) and
switched off.
"""

from invented import FILLER, one_text_engine

from bot.core.search import SearchEngine, SearchOptions

TEXTS = [
    "Die Kreisklinik hat lange mit Betriebsrat und Gewerkschaft verhandelt, nun schließt der "
    "Kreißsaal zum Jahresende: auf jede Ausschreibung meldeten sich seit dem Sommer kaum "
    "Hebammen.",
    "Der Landrat lobte im Kreistag die neue Haushaltsdisziplin und dankte allen Fraktionen für "
    "die sachliche Debatte über den Etat des kommenden Jahres.",
    "Der Protest vor dem Rathaus blieb friedlich, die Polizei hielt sich zurück.",
    *FILLER,
]
# our paraphrase of the second passage (a position that points at it as evidence)
POSITION = {"streik:2": ["Der Landrat spart an der Kreisklinik: Kreißsaal zu, Hebammen weg."]}


def _engine(options: SearchOptions) -> SearchEngine:
    engine = one_text_engine(TEXTS, options)
    engine.set_expansions(POSITION)
    return engine


def _ids(message: str, options: SearchOptions) -> list[str]:
    return [h.passage.id for h in _engine(options).search(message)]


def test_the_passage_that_says_the_words_outranks_one_whose_paraphrase_has_them():
    message = "was sagt der landrat zur kreisklinik, dem kreißsaal und den hebammen"
    assert _ids(message, SearchOptions())[:1] == ["streik:1"]
    # off: the Landrat passage covers every word of the message through our paraphrase and
    # comes first, though it says only "Landrat" itself
    assert _ids(message, SearchOptions(expansion_cover=False))[:1] == ["streik:2"]


def test_a_message_worded_like_our_paraphrase_still_finds_its_passage():
    message = "spart der landrat an der kreisklinik"
    for options in (SearchOptions(), SearchOptions(expansion_cover=False)):
        assert _ids(message, options)[:1] == ["streik:2"]


def test_without_our_paraphrase_the_mechanism_changes_nothing():
    message = "was sagt der landrat zur kreisklinik, dem kreißsaal und den hebammen"
    got = [
        [h.passage.id for h in one_text_engine(TEXTS, options).search(message)]
        for options in (SearchOptions(), SearchOptions(expansion_cover=False))
    ]
    assert got[0] == got[1] and got[0][:1] == ["streik:1"]


# --- expansion_idf: a word our paraphrases give many passages says little --------------------

COUNTY = [
    "Der Landrat lobte die Kreisklinik und sprach lange mit dem Personal über den Sommer.",
    "Der Landrat besuchte die Kreisklinik und sprach lange mit dem Personal über den Winter.",
    "Der Protest vor dem Rathaus blieb friedlich, die Polizei hielt sich zurück.",
    "Der Sparkurs trifft auch die Schulen.",
    "Im Kreißsaal fehlt es an allem.",
    *FILLER,
]
# a general position that points at seven passages, a thesis that points at one
PARAPHRASES = {
    **{f"streik:{i}": ["Der Landkreis fährt einen harten Sparkurs."] for i in (1, *range(6, 12))},
    "streik:2": ["Der Kreißsaal soll schließen."],
}


def _county(message: str, options: SearchOptions) -> dict[str, float]:
    engine = one_text_engine(COUNTY, options)
    engine.set_expansions(PARAPHRASES)
    return {h.passage.id: h.score for h in engine.search(message)}


def test_a_word_of_a_paraphrase_for_one_passage_outweighs_one_for_many():
    message = "was sagt der landrat zum sparkurs und zum kreißsaal der kreisklinik"
    on = _county(message, SearchOptions())
    assert next(iter(on)) == "streik:2" and on["streik:2"] > on["streik:1"]
    # off: "Sparkurs", which our position gives seven passages, weighs as much as "Kreißsaal",
    # which only the one thesis gives: the two Landrat passages tie
    off = _county(message, SearchOptions(expansion_idf=False))
    assert off["streik:1"] >= off["streik:2"]


def test_a_word_of_a_paraphrase_for_one_passage_weighs_as_before():
    message = "kreißsaal kreisklinik"
    on, off = (_county(message, o) for o in (SearchOptions(), SearchOptions(expansion_idf=False)))
    assert next(iter(on)) == next(iter(off)) == "streik:2"
    assert on["streik:2"] == off["streik:2"]
