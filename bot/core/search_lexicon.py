"""General German knowledge the search uses beside its own index (no Telegram, no database).

- :func:`is_german_word`: a valid German word form (simplemma's dictionary, about 1.1 million
  forms). The search never "corrects" such a word into a different word of the texts: "Wetter"
  is not a typo of "weiter", "lohnt" not one of "lehnt".
- :func:`is_noun`: a word that is a noun in its own right (not a nominalised infinitive);
  unknown nouns are the key words of a chat message ("Corona", "Pizza").
- :func:`frames`: chat fillers and question frames ("eh", "die Stelle wo", "hat … recht").
- :func:`chat_anchors` / :func:`chat_words`: organisational chat about the meeting itself.
- :func:`zipf`, :func:`focus`: how common a word is in German at large (wordfreq data,
  CC BY-SA, bot/data/); the common words of a question are its frame, the rare ones its focus.
- :class:`Thesaurus`: synonym sets derived from OpenThesaurus (LGPL, bot/data/), used at low
  weight for words of a question the texts do not use.

Every function here is bounded in the length of its input: callers pass words already cut to
``MAX_WORD_CHARS``, and the functions cut again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.text import fold, normalize, stem, words

DATA = Path(__file__).resolve().parent.parent / "data"
FRAMES_FILE = DATA / "search_frames.txt"
CHAT_FILE = DATA / "search_chat.txt"
THESAURUS_FILE = DATA / "openthesaurus_de.txt"
LOANWORDS_FILE = DATA / "loanwords_en_de.txt"  # Ding (GPL-2+): tools/make_loanwords.py
METONYMS_FILE = DATA / "metonyms_de.txt"  # ours: capitals, seats, nicknames of states
PHRASES_FILE = DATA / "openthesaurus_phrases_de.txt"
WORDFREQ_FILE = DATA / "wordfreq_de.txt"
STRONG_VERBS_FILE = DATA / "strong_verbs_de.txt"  # ours: strong verbs and their nouns
RARE_ZIPF = 2.5  # a word not in the frequency list (below Zipf 3): rare, informative
MAX_WORD_CHARS = 40  # after folding; longer "words" are no German words (and cost)
MAX_TYPO_CHARS = 16
MAX_SYNSET_USES = 6  # a word in more synonym sets than this is too vague to expand


def _word_file(path: Path) -> dict[str, frozenset[str]]:
    """Sections ("[name]") of whitespace-separated folded words; comments start with #."""
    sections: dict[str, set[str]] = defaultdict(set)
    name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1]
        elif line:
            sections[name].update(fold(w) for w in line.split())
    return {k: frozenset(v) for k, v in sections.items()}


@lru_cache(maxsize=1)
def frames() -> frozenset[str]:
    return frozenset().union(*_word_file(FRAMES_FILE).values())


@lru_cache(maxsize=1)
def text_frames() -> frozenset[str]:
    """The frames that speak of a text ("Artikel", "schreiben", "stand"), by dictionary form."""
    return _word_file(FRAMES_FILE).get("text", frozenset())


# words of the text frames that carry the message's own meaning: "stimmt es, dass …", "wer
# hat recht", "liegt er falsch" (kept in the message the semantic extra embeds, bare_message)
_JUDGING = frozenset(
    "recht unrecht stimmt stimmen richtig falsch antwort antworten frage fragen".split()
)
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\ufe0f]")
_EDGE = re.compile(r"^\W+|\W+$")


@lru_cache(maxsize=1)
def _bare_drop() -> frozenset[str]:
    """The chat fillers and the text frames but the judging words (bare_message)."""
    return frames() - _JUDGING


def bare_message(text: str) -> str:
    """The message as the semantic extra embeds it (SearchOptions.semantic_bare): without
    emoji, chat fillers ("halt", "eigentlich", "nochmal", "leute") and the words that frame a
    question about a text ("wo stand", "die Stelle", "im Artikel", "meinte"), so that the
    meaning of what it asks is not diluted by how the chat asks it. Judging words ("stimmt",
    "falsch") stay; a message with fewer than two words left is embedded with its frames."""
    plain = " ".join(_EMOJI.sub(" ", text).split())
    drop = _bare_drop()
    kept = [t for t in plain.split() if fold(_EDGE.sub("", t)) not in drop or not _EDGE.sub("", t)]
    return " ".join(kept) if len(kept) >= 2 else plain or text


@lru_cache(maxsize=1)
def _chat() -> dict[str, frozenset[str]]:
    return _word_file(CHAT_FILE)


def chat_anchors() -> frozenset[str]:
    return _chat().get("anchors", frozenset())


def chat_duties() -> frozenset[str]:
    """Verbs that make "wer …" a question about the meeting ("wer schreibt das Protokoll")."""
    return _chat().get("duties", frozenset())


def addressed(ws: list[str]) -> bool:
    """A message addressed to the members of the group, not about the texts: a pronoun of the
    second person plural ("euch", "eure") or an indefinite person ("jemand", "irgendwer"), or
    "ihr" as the subject of a question, after its verb at the start ("habt ihr …") or after a
    question word ("was haltet ihr …"); not the possessive ("die Regierung macht ihr Ding").
    Folded words."""
    pronouns = _chat().get("address", frozenset())
    if any(w in pronouns for w in ws):
        return True
    return any(
        w == "ihr"
        and i > 0
        and (ws[i - 1].endswith("t") or ws[i - 1] == "seid")
        and (i == 1 or ws[i - 2] in _QUESTION_WORDS)
        for i, w in enumerate(ws)
    )


_CLAUSE_END = re.compile(r"[,.;:!?()\[\]\"“”„«»–—]+|\s-\s")
_PERSONS = frozenset("ich du er sie es wir ihr man jemand".split())


def asks_members(text: str) -> bool:
    """The members addressed at the start of any clause, not only of the message ("orbán
    wackelt, was meint ihr", "…, habt ihr das gesehen"): addressed() clause by clause."""
    return any(
        addressed([fold(w) for w in clause.split()[:12]])
        for clause in _CLAUSE_END.split(text[:2000])
    )


def asks_anyone(text: str) -> bool:
    """A yes/no question to anyone in the group with "wer" as the indefinite pronoun ("hat
    das wer gesehen", "kennt wer ein Buch"): in a clause that opens with its finite verb, a
    "wer" after it is colloquial "jemand", not the question word, which opens its clause ("wer
    zahlt …", "egal wer …"); not after a person ("weißt du, wer …" asks who)."""
    for clause in _CLAUSE_END.split(text[:2000]):
        raw = clause.split()[:12]
        if len(raw) < 2:
            continue
        ws = [fold(w) for w in raw]
        if "wer" not in ws[1:]:
            continue
        first = raw[0]
        if ws[0] in _QUESTION_WORDS or ws[0] in _PERSONS or not first.isalpha():
            continue
        lemma = _lemma(first.lower())
        if lemma is None:
            continue
        lemma = fold(lemma)
        verb = lemma != ws[0] and lemma.endswith("n")  # "hat": haben, "weiß": wissen
        i = ws.index("wer", 1)
        if verb and ws[i - 1] not in _PERSONS:
            return True
    return False


# a clause ends at a subordinating conjunction too: "haben Angst, dass er von heute auf morgen
# …" reports no news of today in its main clause
_SUBORDINATE = frozenset("dass weil ob wenn obwohl damit sodass falls nachdem bevor".split())
# deictic adverbs of time anchored to the speaker's present (a closed class of German grammar;
# "schon wieder", "mal wieder": the event recurs now), matched as words or pairs of words
_NOW = frozenset(
    ["heute", "gestern", "vorgestern", "gerade", "grad", "vorhin", "neulich", "soeben"]
    + ["schon wieder", "mal wieder"]
)
_HAVE = frozenset("hat haben hatte hatten".split())  # 3rd person of the perfect's auxiliary


def _main_clauses(text: str) -> Iterator[tuple[list[str], list[str]]]:
    """Each clause of the text up to its first subordinating conjunction: its words folded,
    and as typed (lower case, for the dictionary)."""
    for clause in _CLAUSE_END.split(text[:2000]):
        raw = [w.lower()[:MAX_WORD_CHARS] for w in clause.split()[:20]]
        ws = [fold(w) for w in raw]
        cut = next((i for i, w in enumerate(ws) if w in _SUBORDINATE), len(ws))
        if ws[:cut]:
            yield ws[:cut], raw[:cut]


def reports_news(text: str) -> bool:
    """A report of today's news ("Trump hat gerade neue Zölle angekündigt", "Putin hat heute
    was gesagt"): a main clause in the perfect with "hat"/"haben" as its second word or so,
    no question word in it, anchored to the speaker's now by a deictic adverb of time
    ("heute", "gerade", "schon wieder"). The texts are earlier than the chat: what happened
    "today" is not in them, however many of their actors the report names. A question ("warum
    bombardiert Russland gerade …"), a subordinate clause ("egal wer gerade Präsident ist") or
    a clause with no event ("die haben heute kaum Einfluss") reports nothing."""
    for ws, raw in _main_clauses(text):
        pairs = {" ".join(p) for p in zip(ws, ws[1:], strict=False)}
        if not (any(w in _NOW for w in ws) or pairs & _NOW):
            continue
        if _asks(ws) or not any(w in _HAVE for w in ws[1:4]):  # "Putin hat heute …"
            continue
        if any(_participle(w) for w in raw):  # "haben eben kein Interesse": no event
            return True
    return False


# "es gibt" as one word or two ("gibts", "gibt's", "gibt es")
_THERE_IS = frozenset(["gibts", "gibt es", "gibt s", "gibt's"])
# what is asked for: "Neuigkeiten", or "neu" as a noun after an indefinite pronoun ("was
# Neues", "nichts Neues"), or before one when asked as the latest ("schon neue Umfragen")
_NEWS_NOUN = frozenset(["neuigkeiten", "neuigkeit"])
_SOMETHING = frozenset("was etwas nix nichts irgendwas".split())
_NEW = frozenset("neues neue neuen".split())
_LATEST = frozenset("schon inzwischen mittlerweile wieder endlich".split())
# words that may open the clause before its verb ("und", "hey", "was"): a lead-in or "was"
_NEWS_OPENERS = frozenset("und aber also hey na sag mal was".split())


def asks_news(text: str) -> bool:
    """A question for the latest news ("gibts eigentlich was Neues zur Heizungsreform", "gibt
    es schon neue Zahlen zur Bürgermeisterwahl", "was gibt's Neues von …"): a clause that
    opens with "es gibt" (after a lead-in or "was") and asks for something new within a few
    words: "was Neues", "Neuigkeiten", "schon neue …" ("gibt es eine neue Weltordnung" asks
    no news). German asks for news this way; the texts the group read are older than the
    chat, so what is new is not in them, however many of their words the message has."""
    for clause in _CLAUSE_END.split(text[:2000]):
        ws = [re.sub(r"[^\w']+", "", fold(w)) for w in clause.lower().split()[:20]]
        ws = [w for w in ws if w]
        i = 0
        while i < len(ws) and i < 3 and ws[i] in _NEWS_OPENERS:
            i += 1
        head = ws[i : i + 2]
        if not head or not (head[0] in _THERE_IS or " ".join(head) in _THERE_IS):
            continue
        after = ws[i + 1 : i + 6]
        pairs = list(zip([ws[i], *after], after, strict=False))
        if (
            any(w in _NEWS_NOUN for w in after)
            or any(a in _SOMETHING and b == "neues" for a, b in pairs)
            or any(a in _LATEST and b in _NEW for a, b in pairs)
            or (ws[:1] == ["was"] and after[:1] == ["neues"])  # "was gibt's Neues"
        ):
            return True
    return False


# the present of the auxiliaries and modals: irregular, yet no past ("hat" is no "hab-")
_PRESENT_IRREGULAR = frozenset(
    "hat ist sind wird werden will kann muss darf soll mag weiss gibt gibts".split()
)
# the simple past of the auxiliaries and modals (a closed class)
_PAST_IRREGULAR = frozenset(
    "war waren wart warst hatte hatten hattest wurde wurden konnte konnten wollte wollten"
    " sollte sollten musste mussten durfte durften mochte mochten".split()
)
# persons of the speaker and the members ("wir waren am Montag …": the meeting's day)
_MEMBERS = frozenset(
    "ich mich mir mein meine meinen meinem meiner wir uns unser unsere unseren unserem ihr euch"
    " euer eure euren eurem eurer eures du dich dir dein deine deinen deinem deiner jemand".split()
)


def _preterite(word: str) -> bool:
    """A verb in the simple past: "sagte(n)" (weak: the stem and "-te"), "ging", "kam"
    (strong: the dictionary form's stem changed its vowel), "war", "hatte"."""
    if fold(word) in _PAST_IRREGULAR:
        return True
    if len(word) < 3 or fold(word) in _PRESENT_IRREGULAR:
        return False
    lemma = (_lemma(word) or word).lower()
    if lemma == word or not lemma.endswith("en") or len(lemma) < 4:
        return False
    stem = lemma[:-2]
    if word.startswith(stem):
        return word[len(stem) :] in ("te", "ten", "tet", "test")
    # a strong verb's past keeps its first letter and changes the vowel ("ging": gehen)
    return word[0] == stem[0] and not word.endswith(("t", "e", "en", "st"))


def past_report(text: str) -> bool:
    """A report of past events by someone else ("haben die am Montag ausgeklammert", "worum
    ging die Debatte am Montag"): a main clause in the simple past or the perfect, and no word
    of the speaker or the members ("wir", "ihr", "mein"): their past is the meeting's."""
    clauses = list(_main_clauses(text))
    if any(w in _MEMBERS for ws, _raw in clauses for w in ws):
        return False
    return _in_past(clauses)


def _in_past(clauses: list[tuple[list[str], list[str]]]) -> bool:
    """A main clause in the simple past ("sagte", "war") or the perfect ("hat … gesagt")."""
    for ws, raw in clauses:
        if any(_preterite(w) for w in raw):
            return True
        if any(w in _HAVE or w in ("ist", "sind") for w in ws) and any(
            _participle(w) for w in raw
        ):
            return True
    return False


# the speaker's future and the marks of chat to the members: "bitte" (a request), "wer",
# the first person without its pronoun ("bin", "hab", "komm")
# the speaker's near future ("morgen", "nächste Woche", "bald"): a mark of chat for retelling()
# and chat_marks()
_NEAR_FUTURE = frozenset(
    "morgen uebermorgen naechste naechsten naechster naechstes demnaechst bald nachher".split()
)
_SPEAKERS_TIME = _NEAR_FUTURE | frozenset("bitte wer bin hab komm sorry".split())
_TAGS = frozenset("oder ne nee gell nich nicht wa".split())  # "…, oder?": a question
_LAUGHTER = re.compile(r"\b(?:lol|haha\w*|hihi|xd)\b|[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _finite_verb(surface: str) -> bool:
    """A finite verb ("steht", "will", "hatte", "redet"): no noun ("Krieg" is no "kriegen"),
    a form of another dictionary word that is a verb."""
    w = fold(surface)
    if w in _PRESENT_IRREGULAR or w in _PAST_IRREGULAR:
        return True
    if len(surface) < 3 or is_noun(surface):
        return False
    lemma = _lemma(surface) or surface
    return lemma != surface and lemma.islower() and lemma.endswith("n")


def states(text: str) -> bool:
    """A message that says something: a finite verb among its words ("Putin wollte lieber die
    Ukraine schlucken", "wo haben sie sich getroffen"), not a list of words ("putin trump
    alaska eisbär")."""
    raw = [w.strip(",.;:!?()[]\"'“”„«»–-").lower()[:MAX_WORD_CHARS] for w in text[:2000].split()]
    return any(_finite_verb(w) for w in raw if w)


def retelling(text: str, prep: bool = False) -> bool:
    """A member retelling what the texts say ("der Abzug der Amis wird dann als
    Friedensschluss verkauft"): a statement of six words or more with its verb second (no
    question: no "?", no question word, no verb first, no "…, oder"), about others (no "ich",
    "wir", "ihr", "jemand", "wer"), with no mark of chat (no time of the speaker's now, no word
    of the meeting, no laughter). In the members' chat, off-topic messages are chat in that
    sense (a question to the others, news of today, a status); a bare statement about third
    parties retells a text."""
    if "?" in text or _LAUGHTER.search(text[:2000].lower()):
        return False
    raw = [w.strip(",.;:!()[]\"'“”„«»–-").lower()[:MAX_WORD_CHARS] for w in text[:2000].split()]
    raw = [w for w in raw if w]
    ws = [fold(w) for w in raw]
    if len(ws) < 6 or raw[-1] in _TAGS:
        return False
    marks = _MEMBERS | _SPEAKERS_TIME | chat_anchors()
    if any(w in marks or w in _NOW for w in ws) or w_question(text, prep):
        return False
    pairs = {" ".join(p) for p in zip(ws, ws[1:], strict=False)}
    if pairs & _NOW:
        return False
    for clause in _CLAUSE_END.split(text[:2000]):  # verb first: a yes/no question
        first = clause.split()[:1]
        if first and _finite_verb(first[0].lower()[:MAX_WORD_CHARS]):
            return False
    return any(_finite_verb(w) for w in raw[1:5])


# adverbs of a former time ("früher", "damals"): set against "heute", they make it the present
# of the world, not the speaker's day (a closed class of German grammar)
_THEN = frozenset("frueher damals einst einstmals ehemals vormals seinerzeit".split())


def world_now(text: str, before: bool = False) -> bool:
    """ "heute" as the present of the world set against its past, no day of the speaker's or
    the meeting's: "früher waren die in den Städten sauer, heute die Leute ganz unten" (a
    clause of its own opens with "früher"), "… als früher", the idiom "von heute auf morgen".
    a superlative in the clause of "heute" ("wo ist die Unzufriedenheit heute am größten").
    "heute früh" (this morning) and "heute früher anfangen" (in one clause) are the speaker's."""
    if "heute" not in text[:2000].lower():  # (no umlaut in it: the folded word is the same)
        return False
    ws = words(text[:2000])
    if "heute" not in ws:
        return False
    if "von heute auf morgen" in " ".join(ws):
        return True
    if any(a == "als" and b in _THEN for a, b in zip(ws, ws[1:], strict=False)):
        return True
    clauses = [
        [w for w in (fold(x) for x in c.split()) if w not in _LEAD_INS]
        for c in _CLAUSE_END.split(text[:2000])
    ]
    if any(
        "heute" in c and any(a == "am" and _superlative(b) for a, b in zip(c, c[1:], strict=False))
        for c in clauses
    ):
        return True  # "wo ist die Unzufriedenheit heute am größten"
    then = [c[:1] and c[0] in _THEN for c in clauses]
    if before:  # "vor dem Krieg", "vor zehn Jahren": a clause opened by a former time
        then = [t or _before(c) for t, c in zip(then, clauses, strict=True)]
    return any(t and "heute" not in c for t, c in zip(then, clauses, strict=True)) and any(
        "heute" in c and not (_THEN & set(c)) and not t for t, c in zip(then, clauses, strict=True)
    )


# how many years ago ("vor zehn Jahren", "vor ein paar Jahren", "vor 20 Jahren")
_AGO_UNITS = frozenset("jahren jahrzehnten jahrhunderten monaten".split())
_AGO_COUNTS = frozenset(
    "einem einigen ein paar vielen wenigen zwei drei vier fuenf zehn zwanzig dreissig".split()
)


def _before(clause: list[str]) -> bool:
    """A clause that opens with a former time and says what was then: "vor dem Krieg waren
    …", "vor der Krise gab es …" (before an event: "vor" and a definite article, then a noun
    that is no place of the speaker's, "vor der Tür"), "vor zehn Jahren war …", with a past
    form of "sein", "haben", "geben", "werden" or a modal verb (SearchOptions.then_before)."""
    if clause[:1] != ["vor"] or len(clause) < 3 or _PAST_FORMS.isdisjoint(clause):
        return False
    if clause[1] in ("dem", "der") and clause[2] not in _PLACES_BEFORE:
        return True
    rest = clause[1:4]
    return any(w in _AGO_UNITS for w in rest) and (rest[0].isdigit() or rest[0] in _AGO_COUNTS)


# the past of "sein", "haben", "geben", "werden" and the modal verbs, which a clause about a
# former state has ("vor dem Krieg waren …"; not "vor dem Essen geh ich noch …")
_PAST_FORMS = frozenset(
    "war waren hatte hatten gab wurde wurden wollte wollten konnte konnten musste mussten"
    " sollte sollten galt galten".split()
)
# "vor der Tür", "vor dem Haus": "vor" of a place, where the speaker is
_PLACES_BEFORE = frozenset("tuer haus eingang fenster bahnhof laden kino cafe rathaus".split())


# superlatives of the speaker's plans and ordinals ("am besten um sieben", "am nächsten
# Montag", "am ersten"): no degree of a state of the world
_PLAN_SUPERLATIVES = frozenset(
    "besten liebsten ehesten fruehesten spaetesten naechsten ersten schnellsten".split()
)


def _superlative(w: str) -> bool:
    """A superlative after "am" ("am größten", "am stärksten"; folded): a degree of a state."""
    return len(w) > 5 and w.endswith("sten") and w not in _PLAN_SUPERLATIVES


# the marks of chat among the members, each a closed class of German grammar or of chat's
# writing: the speaker's time (deictic adverbs of now and of the speaker's near future), the
# speaker (the first person singular), the members (addressed, "jemand", "wer" for it, the
# first person plural), laughter, a word of the meeting (an anchor), a request or an apology
_MARK_TIME = _NEAR_FUTURE | frozenset(
    "heute gestern vorgestern gerade grad vorhin neulich soeben diesmal".split()
)
# ("meinen" is left out: the verb as often as the possessive, "die Russen meinen das ernst")
_MARK_SELF = frozenset("ich mich mir mein meine meinem meiner hab bin".split())
_MARK_WE = frozenset("wir uns unser unsere unseren unserem unserer".split())
_MARK_ASK = frozenset("bitte sorry".split())


_SECOND = frozenset("du dich dir dein deine deinen deinem deiner".split())


def of_members(ws: list[str]) -> bool:
    """Words that speak of the speaker or the members themselves: the first person ("ich",
    "mein", "wir", "uns") or the second ("du", "dein", "euch", "ihr" asked: "wie fandet ihr
    …"; not the possessive "ihr Land") (normalized words)."""
    return not (_MARK_SELF | _MARK_WE | _SECOND).isdisjoint(ws) or addressed(ws)


# emoji of wonder, surprise or thought ("🤔", "😳", "🧐", "😮"): the speaker's reaction to what
# a message asks or retells, no banter among the members (SearchOptions.wonder_emoji)
_WONDER = re.compile(
    "[\U0001f914\U0001f633\U0001f9d0\U0001f62e\U0001f62f\U0001f632\U0001f928\U0001f92f]\ufe0f?"
)


def _wonder_free(text: str) -> str:
    """The message without its emoji of wonder or thought."""
    return _WONDER.sub(" ", text)


def chat_marks(text: str, ws: list[str], wonder: bool = False) -> set[str]:
    """The kinds of marks of chat among the members a message carries (folded words ``ws``):
    "time" (the speaker's now or near future: "gestern", "diesmal", "nächste Woche", "schon
    wieder"), "self" ("ich", "hab"), "members" ("ihr" asked, "euch", "jemand", "wer" for
    "jemand", "wir"), "laughter" ("haha", an emoji), "meeting" (an anchor: "Sitzung", "Uhr";
    not in a report of the past with no time of the speaker's: that meeting is the protocol's),
    "request" ("bitte", "sorry"). One mark is common in questions about the texts ("ich hab
    nicht verstanden …", "hat jemand …"); several kinds at once are how members chat. With
    ``wonder``, an emoji of wonder or thought ("🤔", "😳") is no laughter (wonder_emoji)."""
    found: set[str] = set()
    wset = set(ws)
    pairs = {" ".join(p) for p in zip(ws, ws[1:], strict=False)}
    if wset & _MARK_TIME or pairs & _NOW:
        found.add("time")
    if wset & _MARK_SELF:
        found.add("self")
    if wset & _MARK_WE or addressed(ws) or ("wer" in wset and asks_anyone(text)):
        found.add("members")
    if _LAUGHTER.search(_wonder_free(text[:2000].lower()) if wonder else text[:2000].lower()):
        found.add("laughter")
    # (a past meeting is what the protocol reports: "hat in der Sitzung jemand bezweifelt …")
    if any(w in chat_anchors() and w not in _MARK_TIME for w in ws) and not (
        "time" not in found and _in_past(list(_main_clauses(text)))
    ):
        found.add("meeting")
    if wset & _MARK_ASK:
        found.add("request")
    return found


# the adjectives of German wish formulas, in the elliptical accusative that opens a wish
# ("frohes neues Jahr", "schöne Feiertage", "guten Rutsch", "erholsames Wochenende",
# "herzlichen Glückwunsch"), and the formulas with a pronoun or a quantifier ("alles Gute",
# "viel Erfolg"): a closed class of German phrases
_WISH_ADJECTIVES = frozenset(
    "gut schoen froh froehlich erholsam angenehm herzlich besinnlich gesegnet entspannt".split()
)
_WISH_PHRASES = frozenset(["alles gute", "viel erfolg", "viel spass", "viel glueck"])


def opens_with_wish(ws: list[str]) -> bool:
    """A message that opens with a wish ("frohes neues Jahr allerseits", "schöne Feiertage",
    "alles Gute zum Geburtstag"): a wish adjective with the ending of the elliptical
    accusative ("frohes", "schöne", "guten", "herzlichen") and a word after it (folded
    words). A question about the texts opens with its question or its topic."""
    if len(ws) < 2:
        return False
    if " ".join(ws[:2]) in _WISH_PHRASES:
        return True
    first = ws[0]
    return any(
        first.endswith(end) and first[: -len(end)] in _WISH_ADJECTIVES for end in ("e", "es", "en")
    )


# the auxiliaries of tense in the first person plural: "haben wir …", "hatten wir das nicht im
# Protokoll", "werden wir …" recall or foretell, they propose nothing
_TENSE_WE = frozenset("haben hatten haetten sind waren waeren werden wurden wuerden".split())
_INDEFINITE = frozenset("was etwas irgendwas".split())  # "mal was zu Gaza lesen": something
# who is invited: "wer hat Lust …", "hat jemand Lust …", "habt ihr Lust …"
_INVITED = frozenset("wer jemand irgendwer irgendjemand ihr".split())
# the speaker's calendar: a week or a month counted from the chat's day ("nächste Woche",
# "letzten Monat", "diese Woche"); the texts the group read are older than it
_DEICTIC = frozenset(
    "naechste naechsten naechster naechstes letzte letzten letzter letztes kommende kommenden"
    " diese diesen dieser vorige vorigen vergangene vergangenen".split()
)
_CALENDAR = frozenset("woche monat wochenende".split())


def speakers_calendar(ws: list[str]) -> bool:
    """A week or a month of the speaker's calendar ("der Gipfel ist ja nächste Woche", "wer
    war der Neue letzte Woche", "nächsten Monat ist doch Gipfel") (folded words): not the
    texts' time (a year, a date) nor the meeting's ("nächstes Mal")."""
    return any(a in _DEICTIC and b in _CALENDAR for a, b in zip(ws, ws[1:], strict=False))


def _infinitive(surface: str) -> bool:
    """A verb's dictionary form as typed ("lesen", "bestellen"), no noun ("Wochen")."""
    return (
        len(surface) > 3
        and surface.endswith("n")
        and surface.isalpha()
        and (_lemma(surface) or "") == surface
        and not is_noun(surface)
    )


def proposes(text: str) -> bool:
    """A proposal or a plan of the group ("lesen wir danach mal was zu China", "sollten wir
    das mal machen", "was lesen wir nach dem Europa-Artikel", "vorschlag: nach dem GS-Text mal
    was zu Gaza lesen", "wer hat Lust, danach was trinken zu gehen"): an invitation (Lust,
    asked of the members), a clause that opens with its finite verb and "wir" as its subject, or
    with a question word, its verb and "wir", the verb no auxiliary of tense ("hatten wir das
    nicht im Protokoll" recalls the meeting, "was haben wir dazu" asks it); or a clause that
    ends with an infinitive after "mal" and "was" (a proposal with its verb left out: "mal was
    zu X lesen"). What the members plan to do together is chat among them about the meeting,
    whatever words of the texts it names: the texts say nothing about the group's plans. Not a
    question how to understand them ("wie sollen wir das verstehen", "was lernen wir aus …")
    nor one about a claim ("müssen wir davon ausgehen, dass …"): a verb of understanding or
    saying, or "dass"/"ob", asks about a reading."""
    if not {"dass", "ob"}.isdisjoint(fold(w) for w in re.findall(r"\w+", text[:2000].lower())):
        return False
    for clause in _CLAUSE_END.split(text[:2000]):
        raw = [re.sub(r"[^\w]+", "", w.lower())[:MAX_WORD_CHARS] for w in clause.split()[:20]]
        raw = [w for w in raw if w]
        ws = [fold(w) for w in raw]
        if "lust" in ws and not _INVITED.isdisjoint(ws):  # "wer hat Lust, … zu gehen"
            return True
        if any(w in _UNDERSTANDING or lemma_word(w) in _UNDERSTANDING for w in raw):
            continue  # "wie sollen wir das verstehen": a question about a reading
        start = 1 if ws[:1] and ws[0] in _QUESTION_WORDS else 0
        verb = ws[start : start + 1]
        if (
            verb
            and ws[start + 1 : start + 2] == ["wir"]
            and verb[0] not in _TENSE_WE
            and verb[0] not in _QUESTION_WORDS
            and verb[0] not in _SUBORDINATE  # "wenn wir …": no proposal
            # "lesen wir": the first person plural is the infinitive's form
            and (_finite_verb(raw[start]) or (_infinitive(raw[start]) and raw[start][-2:] == "en"))
        ):
            return True
        if (
            len(ws) >= 3
            and "mal" in ws[:-1]
            and not _INDEFINITE.isdisjoint(ws[ws.index("mal") + 1 : -1])
            and _infinitive(raw[-1])
            and not any(_finite_verb(w) for w in raw[:-1])
        ):
            return True
    return False


# a place in a text, named ("die Stelle", "das Zitat", "der Textabsatz"), and a space
_PLACE_IN_TEXT = r"\b(?:die|das|der|den|dem) (?:text)?(?:stelle|zitat|passage|absatz) "
# asking where a text said something: "wo stand", "die Stelle, wo", "das Zitat, in dem" (not
# "wo steht": where a thing stands)
_LOCATES = re.compile(
    r"\b(?:irgend)?wo (?:stand|stands)\b|" + _PLACE_IN_TEXT + r"(?:wo|in der|in dem|an der)\b"
)


# … and in more words (SearchOptions.locate_forms): "die Stelle mit dem Handschlag", "der
# Absatz über die Sanktionen", "das Zitat zu …" (a place in a text named by what it is about),
# "wo es heißt, …" (the impersonal "es heißt" of a text's words)
_LOCATES_MORE = re.compile(
    _PLACE_IN_TEXT + r"(?:mit|ueber|zu|zum|zur) (?:dem|der|den|die|das)?\b"
    r"|\bwo es (?:heisst|hiess)\b"
)


def locates(text: str, more: bool = False) -> bool:
    """Whether the message asks where a text says something ("wo stand nochmal, dass …",
    "brauch die Stelle, wo …"): it presupposes a text the group read. With ``more``, also
    "die Stelle mit dem …", "der Absatz über …", "wo es heißt …" (locate_forms)."""
    folded = re.sub(r"[^\w]+", " ", normalize(text[:2000])).strip()
    return bool(_LOCATES.search(folded) or (more and _LOCATES_MORE.search(folded)))


# asking where a text says that something is so: a verb of saying or standing written, then
# "dass" within a few words ("wo steht, dass …", "wo wird gesagt, dass …", "wo schreibt er
# nochmal, dass …"), or "die Stelle, dass …"; with the "dass" "wo steht" asks for a claim's
# place, not where a thing stands
_LOCATES_CLAIM = re.compile(
    r"\bwo (?:\w+ )?(?:steht|stand|stands|wird|wurde|heisst|hiess|sagt|schreibt|schrieb)"
    r"(?: \w+){0,3} dass\b|" + _PLACE_IN_TEXT + r"dass\b"
)


def locates_claim(text: str) -> bool:
    """Whether the message asks where a text says that something is so ("wo steht, dass …",
    "wo wird gesagt, dass …", "die Stelle, dass …"): like :func:`locates`, it presupposes a
    text the group read."""
    return bool(_LOCATES_CLAIM.search(re.sub(r"[^\w]+", " ", normalize(text[:2000])).strip()))


_INSEPARABLE = ("be", "ver", "er", "ent", "zer", "emp", "miss", "um", "ueber", "unter", "wider")


def _participle(word: str) -> bool:
    """A past participle ("gesagt", "angekündigt", "verhandelt", "telefoniert"): a verb form
    whose dictionary form is another word, with the perfect's "ge-" (after a separable prefix
    too) or an inseparable prefix or "-iert"."""
    if len(word) < 5 or not (word.endswith("t") or word.endswith("en")):
        return False
    lemma = (_lemma(word) or word).lower()
    if lemma == word or not lemma.endswith("n"):
        return False
    word = fold(word)
    return "ge" in word[:6] or word.endswith("iert") or word.startswith(_INSEPARABLE)


_LEAD_INS = frozenset("und aber also mal ehrlich nochmal kurz sag mir eigentlich ok okay".split())
# the modal verbs (present, 3rd person): "wer will/kann …" asks the members for a volunteer
_MODALS = frozenset("will moechte mag kann soll darf muss".split())


def speaks_of_text(text: str) -> bool:
    """Whether a word of the message, as typed or by its dictionary form, is one that frames a
    question about a text ("schreibt", "Artikel", "stand")."""
    wanted = text_frames()
    for raw in text[:2000].split()[:40]:
        surface = raw.strip(",.;:!?()[]\"'“”„«»").lower()[:MAX_WORD_CHARS]
        if not surface:
            continue
        if fold(surface) in wanted:
            return True
        lemma = _lemma(surface)
        if lemma is not None and fold(lemma.lower()) in wanted:
            return True
    return False


# prepositions that open a question before its question word ("auf welcher Konferenz", "in
# welchem Text", "bei wem", "seit wann"): the question word is the second word of the clause
_QUESTION_PREPOSITIONS = frozenset(
    "an auf aus bei bis durch fuer gegen hinter in mit nach neben seit ueber um unter von vor"
    " zu zwischen".split()
)


def w_question(text: str, prep: bool = False) -> bool:
    """A question with a question word ("was schreibt Fazi …", "mal ehrlich, warum …", "wo
    stand das"): a clause opens with one, after lead-ins ("und", "mal ehrlich"); with
    ``prep``, after a preposition too ("auf welcher Konferenz war …", "in welchem Text …":
    SearchOptions.prep_question). A yes/no question ("gibt's die WSWS auch auf Papier"), a
    statement, or "wer" with a modal verb ("wer will eins mitbestellen": a call for a
    volunteer) is none."""
    for clause in _CLAUSE_END.split(text[:2000]):
        ws = [fold(w) for w in clause.split()[:12]]
        ws = [w for w in ws if w not in _LEAD_INS]
        if prep and len(ws) > 1 and ws[0] in _QUESTION_PREPOSITIONS and ws[1] != "was":
            # ("an was": "etwas" after a preposition is colloquial, no question; "in welchem
            # Text": the dative of "welch-" follows a preposition)
            ws = ["welcher" if ws[1] == "welchem" else ws[1], *ws[2:]]
        if ws[:1] == ["wer"] and ws[1:2] and ws[1] in _MODALS:
            continue
        if ws and (ws[0] in _QUESTION_WORDS or ws[0] in _WO_WORDS):
            return True
    return False


def _opened_clauses(text: str) -> Iterator[list[str]]:
    """The clauses of a message as folded words, without the lead-ins ("und", "mal ehrlich")
    and a preposition before a question word ("seit wann", "mit wem")."""
    for clause in _CLAUSE_END.split(text[:2000]):
        ws = [fold(w) for w in clause.split()[:12]]
        yield [w for w in ws if w not in _LEAD_INS and w not in _ASKED_AFTER]


def opens_clause(text: str, asked: frozenset[str]) -> bool:
    """A clause opens with one of the question words ``asked`` (after lead-ins, or a
    preposition: "seit wann", "mit wem"): "wann war das nochmal", "stimmt das, … wann soll das
    gewesen sein"; not "selber bestimmen, wann verhandelt wird" (a clause opened by the verb
    before it)."""
    return any(ws[:1] and ws[0] in asked for ws in _opened_clauses(text))


def asks_persons(text: str) -> bool:
    """A question for people: "wer war alles dabei", "wer ist alles hingefahren" ("alles" in
    the clause "wer" opens: a list of them), "mit wem vergleicht …", "wem …"; not "wer bezahlt
    am Ende" or "wer legt fest" (the answer is as often a country or a class as a person), nor
    a call for volunteers ("wer will alles mitkommen")."""
    for ws in _opened_clauses(text):
        if ws[:1] == ["wem"]:
            return True
        if ws[:1] == ["wer"] and "alles" in ws[1:] and not (ws[1:2] and ws[1] in _MODALS):
            return True
    return False


_ASKED_AFTER = frozenset("seit bis mit von zu an fuer".split())


_WO_WORDS = frozenset("woran worauf woraus worin worum wozu wodurch wogegen wonach".split())


def indirect_question(ws: list[str]) -> bool:
    """An indirect question after a word that speaks of a text ("erklären, was …", "gesagt,
    warum …", "verstehe nicht, wie …"): a question word right after it (folded words)."""
    wanted = text_frames()
    return any(
        a in wanted and (b in _QUESTION_WORDS or b in _WO_WORDS)
        for a, b in zip(ws, ws[1:], strict=False)
    )


# the formulas of an apology that open a message ("Entschuldigung, aber …", "sorry, …"): the
# frame of what follows, no word it asks about
APOLOGIES = frozenset(
    "entschuldigung entschuldige entschuldigt verzeihung sorry sry pardon".split()
)


def asked_clause(text: str) -> list[str]:
    """The words of the question a message asks, from its question word to the end of that
    clause (normalized words): a clause that opens with a question word, after lead-ins ("kann
    mir jemand erklären, was es mit der Limousine auf sich hatte": "was es mit der Limousine
    auf sich hatte"; "sorry, aber warum …"), or a question word inside a clause ("weiß jemand
    warum der Gipfel in Alaska war"), not "was" or "wer" there ("hat wer was gepostet": etwas,
    jemand). "wer" with a modal verb calls for a volunteer, asks nothing. [] if it asks none."""
    for clause in _CLAUSE_END.split(text[:2000]):
        ws = words(clause)[:40]
        while ws and ws[0] in _LEAD_INS:
            ws = ws[1:]
        if not ws or (ws[0] == "wer" and ws[1:2] and ws[1] in _MODALS):
            continue
        for i, w in enumerate(ws):
            if w in _WO_WORDS or (w in _QUESTION_WORDS and (i == 0 or w not in ("was", "wer"))):
                return ws[i:]
    return []


_SELF = frozenset("ich mein meine meinen meinem meiner meins".split())


# verbs and nouns of opinion and understanding (by dictionary form): "ich glaube, Fazi …",
# "mein Eindruck ist …" state a reading of the texts, no status of the speaker
_COGNITION = frozenset(
    "finden glauben denken meinen meinung verstehen verstaendnis kapieren checken frage fragen"
    " wissen erinnern erinnerung eindruck vermuten gefuehl lesen lesart sehen sicht ansicht"
    " verstanden gelesen gesehen kapiert gecheckt".split()
)


# … and of understanding or saying, in a question to the members about a reading ("wie sollen
# wir das verstehen", "was lernen wir daraus", "können wir sagen …"); reading itself is what the
# group plans
_UNDERSTANDING = (_COGNITION - {"lesen", "gelesen"}) | frozenset(
    "lernen ausgehen sagen halten schliessen folgern deuten einordnen bewerten".split()
)


def speaks_of_self(text: str) -> bool:
    """A first-person status or plan ("mein Akku ist gleich leer", "ich bring Kuchen mit"):
    the first clause opens with "ich" or "mein …", asks nothing and is no opinion or
    understanding ("ich finde, Fazi …", "ich hab nicht verstanden …"). A member who asks about
    the texts opens with the question or states a reading of them; one who talks about
    herself is chatting."""
    for ws, raw in _main_clauses(text):
        if len(ws) < 2 or ws[0] not in _SELF:
            return False
        if any(w in _QUESTION_WORDS or w in _WO_WORDS for w in ws):
            return False
        for w, surface in zip(ws, raw, strict=True):
            lemma = _lemma(surface)
            lemma = w if lemma is None else fold(lemma.lower())
            if w in _COGNITION or lemma in _COGNITION or lemma + "n" in _COGNITION:
                return False
        return True
    return False


def _asks(ws: list[str]) -> bool:
    """A question word in the clause; "was" only at its start (inside, it is "etwas": "hat
    schon wieder was gepostet")."""
    return ws[0] == "was" or any(
        (w in _QUESTION_WORDS and w != "was") or w in _WO_WORDS for w in ws
    )


_QUESTION_WORDS = frozenset(
    "was wie wann wo woher wohin warum wieso weshalb weswegen welche welcher welches welchen"
    " wer wen wem wessen womit wofuer wovon worueber".split()
)


def chat_words() -> frozenset[str]:
    """Anchors and the words that are organisational next to an anchor."""
    sections = _chat()
    return frozenset().union(*sections.values())


@lru_cache(maxsize=1)
def _zipf_table() -> dict[str, float]:
    table: dict[str, float] = {}
    if WORDFREQ_FILE.is_file():
        for line in WORDFREQ_FILE.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                value, *ws = line.split()
                z = float(value)
                for w in ws:
                    table[w] = z
    return table


def zipf(word: str) -> float:
    """Zipf frequency of a folded word in German at large (RARE_ZIPF when below the list)."""
    return _zipf_table().get(word, RARE_ZIPF)


@lru_cache(maxsize=20_000)
def commonness(surface: str) -> float:
    """Zipf frequency of a word or of its dictionary lemma, whichever is more common
    ("gespielt" is as common as "spielen")."""
    import simplemma

    surface = surface[:MAX_WORD_CHARS]
    z = zipf(fold(surface))
    try:
        lemma = simplemma.lemmatize(surface, lang="de")
    except (ValueError, KeyError):  # pragma: no cover - defensive: odd input
        return z
    return max(z, zipf(fold(lemma)))


@lru_cache(maxsize=20_000)
def lemma_word(surface: str) -> str:
    """The folded dictionary lemma of a word as typed ("lohnt" -> "lohnen")."""
    lemma = _lemma(surface)
    return fold(surface[:MAX_WORD_CHARS] if lemma is None else lemma)


def _lemma(surface: str) -> str | None:
    """simplemma's German dictionary form of a word as typed (its first MAX_WORD_CHARS
    letters), None where the dictionary fails on it."""
    import simplemma  # imported on first use: loading the dictionary takes a moment

    try:
        return simplemma.lemmatize(surface[:MAX_WORD_CHARS], lang="de")
    except (ValueError, KeyError):  # pragma: no cover - defensive: odd input
        return None


def focus(surface: str) -> float:
    """1 for informative words, down to 0.3 for the most common ones ("haben", "jetzt")."""
    return min(1.0, max(0.3, 1.0 - (commonness(surface) - 4.5) * 0.35))


# German numerals (folded): a question may write "12 Tage" where the text has "zwölf Tage".
# "ein(s)" is left out: as the article it is everywhere.
_NUMERALS = {
    **dict(
        enumerate(
            "zwei drei vier fuenf sechs sieben acht neun zehn elf zwoelf dreizehn vierzehn "
            "fuenfzehn sechzehn siebzehn achtzehn neunzehn zwanzig".split(),
            start=2,
        )
    ),
    **dict(
        zip(
            (30, 40, 50, 60, 70, 80, 90, 100, 1000),
            "dreissig vierzig fuenfzig sechzig siebzig achtzig neunzig hundert tausend".split(),
            strict=True,
        )
    ),
}
_DIGITS = {w: str(n) for n, w in _NUMERALS.items()}


def numeral(word: str) -> str | None:
    """The other spelling of a number: "12" -> "zwoelf", "zwoelf" -> "12" (folded)."""
    if word.isdigit():  # (int() reads decimal digits only: "᧚" is a digit, no decimal one)
        return _NUMERALS.get(int(word)) if word.isdecimal() and len(word) <= 4 else None
    return _DIGITS.get(word)


_DECADE_DIGITS = re.compile(r"^(?:(19|20)?([1-9])0)er(?:n|s|jahre|jahren)?$")
_DECADE_WORD = re.compile(
    "^(" + "|".join(_NUMERALS[n * 10] for n in range(2, 10)) + ")er"
)  # "neunziger", "neunzigern", "neunzigerjahre"


def decades(word: str) -> list[str]:
    """The other spellings of a decade (folded): "90ern" and "neunziger" are "1990er" (and "20er"
    also "2020er"); "1990er" is "90er" and "neunziger". Chat drops the century the texts write
    out, or writes the decade in words ("in den Achtzigern")."""
    m = _DECADE_DIGITS.match(word)
    if m:
        century, digit = m.groups()
        if not century and digit == "1":  # "10er" is a coin or a ticket more than a decade
            return []
        tens = f"{digit}0er"
        out = [tens] if century else [f"19{tens}", *([f"20{tens}"] if digit <= "3" else [])]
        word_form = _NUMERALS.get(int(digit) * 10)
        return [*out, *([word_form + "er"] if word_form else [])]
    m = _DECADE_WORD.match(word)
    if m:
        tens = _DIGITS[m.group(1)]
        return [f"{tens}er", f"19{tens}er", *([f"20{tens}er"] if tens <= "30" else [])]
    return []


@lru_cache(maxsize=20_000)
def is_german_word(surface: str) -> bool:
    """A word form of the German dictionary (any capitalisation)."""
    import simplemma

    surface = surface[:MAX_WORD_CHARS]
    if len(surface) < 2 or not surface.isalpha():
        return False
    try:
        return bool(simplemma.is_known(surface, lang="de"))
    except (ValueError, KeyError):  # pragma: no cover - defensive: odd input
        return False


@lru_cache(maxsize=20_000)
def is_noun(surface: str) -> bool:
    """A noun in its own right: 'Wetter', 'Stelle', 'Krieg' – not 'Verlieren' or 'einfach'.

    Users write in lower case, so the capitalised form is looked up: it must have a capitalised
    lemma of its own, other than the capitalised infinitive of the lower-case word.
    """
    import simplemma

    surface = surface[:MAX_WORD_CHARS]
    if len(surface) < 3 or not surface.isalpha():
        return False
    cap = surface[0].upper() + surface[1:].lower()
    try:
        noun = simplemma.lemmatize(cap, lang="de")
        lower = simplemma.lemmatize(surface.lower(), lang="de")
    except (ValueError, KeyError):  # pragma: no cover - defensive: odd input
        return False
    if not noun[:1].isupper() or not simplemma.is_known(cap, lang="de"):
        return False
    return lower[:1].isupper() or noun.lower() != lower.lower()


class Thesaurus:
    """Word -> its synonyms (single words of the same OpenThesaurus set).

    Keyed by the folded word as the thesaurus writes it (a lemma: "lohnen", "Wetter"), not by
    stem: stems would join unrelated words ("Wetter" and "wetten").
    """

    def __init__(self, sets: list[list[str]]) -> None:
        folded = [[fold(w) for w in s] for s in sets]
        uses: dict[str, int] = defaultdict(int)
        for s in folded:
            for w in set(s):
                uses[w] += 1
        related: dict[str, set[str]] = defaultdict(set)
        for s in folded:
            for w in s:
                if uses[w] <= MAX_SYNSET_USES:
                    related[w] |= set(s) - {w}
        self._words = {w: tuple(sorted(r)) for w, r in related.items()}
        self._stems: dict[str, tuple[str, ...]] = {}

    def related(self, word: str) -> tuple[str, ...]:
        """Stems of the synonyms of a folded word (a lemma)."""
        got = self._stems.get(word)
        if got is None:
            got = tuple(sorted({stem(x) for x in self._words.get(word, ())}))
            if len(self._stems) < 50_000:  # bounded: one entry per distinct word asked
                self._stems[word] = got
        return got

    def related_words(self, word: str) -> tuple[str, ...]:
        """The synonyms of a folded word."""
        return self._words.get(word, ())

    @classmethod
    def load(cls, path: Path = THESAURUS_FILE) -> Thesaurus:
        if not path.is_file():
            return cls([])
        sets = [
            line.split(";")
            for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")
        ]
        return cls(sets)

    def __len__(self) -> int:
        return len(self._words)


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    return Thesaurus.load()


@lru_cache(maxsize=1)
def loanwords() -> dict[str, tuple[str, ...]]:
    """English word -> the German words Ding gives for it ("deal": Abmachung, Handel,
    Geschäft), folded; only English words that are no German words (or are German loanwords,
    then with their German sense). Empty if the file is missing."""
    if not LOANWORDS_FILE.is_file():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    with LOANWORDS_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                word, *german = line.rstrip("\n").split(";")
                out[word] = tuple(german)
    return out


class Metonyms:
    """Words that stand for a state or its government ("Washington", "Kreml", "die Amis")
    and the state's own words (its names, adjective and people: USA, amerikanisch,
    Amerikaner), as stems. ``forward``: a stand-in (one or more stems) -> the state's stems
    and the stand-in's own meaning ("Kremlchef": Präsident)."""

    def __init__(self, rows: Iterable[tuple[list[str], list[tuple[str, list[str]]]]]) -> None:
        forward: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for names, standins in rows:
            # (a name of several words, "Vereinigte Staaten", is a synonym group's: its one
            # word names stand for it here)
            state = list(dict.fromkeys(stem(ws[0]) for ws in map(words, names) if len(ws) == 1))
            for standin, extra in standins:
                key = tuple(stem(w) for w in words(standin))
                if not key:
                    continue
                own = [stem(w) for x in extra for w in words(x)]
                forward[key].extend(t for t in [*state, *own] if t not in forward[key])
        self.forward = {k: tuple(v) for k, v in forward.items()}
        self.longest = max((len(k) for k in self.forward), default=1)

    @classmethod
    def load(cls, path: Path = METONYMS_FILE) -> Metonyms:
        rows = []
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.startswith("#") or "|" not in line:
                    continue
                names, standins = line.split("|", 1)
                parsed = []
                for item in standins.split(","):
                    standin, *extra = item.split("+")
                    parsed.append((standin.strip(), [x.strip() for x in extra]))
                rows.append(([n.strip() for n in names.split(",") if n.strip()], parsed))
        return cls(rows)

    def find(self, ws: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
        """(first, last word position, the state's stems) per stand-in in a word sequence,
        the longest first where they overlap."""
        stems = [stem(w) for w in ws]
        out = []
        i = 0
        while i < len(stems):
            for n in range(min(self.longest, len(stems) - i), 0, -1):
                got = self.forward.get(tuple(stems[i : i + n]))
                if got:
                    out.append((i, i + n - 1, got))
                    i += n
                    break
            else:
                i += 1
        return out


@lru_cache(maxsize=1)
def metonyms() -> Metonyms:
    return Metonyms.load()


MAX_PHRASE_GAP = 2  # function words allowed between two words of an idiom ("kein Ass mehr im")
# placeholders of a dictionary phrase ("jemandem den Saft abdrehen") are no words of it; a
# negation is ("keine große Sache" means the opposite of "große Sache")
_PLACEHOLDERS = frozenset("jemand jemandem jemanden jemandes etwas sich irgendwas".split())
_NEGATIONS = frozenset("kein keine keinen keinem keiner keines nicht nichts nie niemals".split())


def _phrase_rows(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(phrase, its single words) per line of the phrase file, read as a stream."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                phrase, *singles = line.rstrip("\n").split(";")
                yield phrase, singles


class Phrases:
    """Idioms and fixed phrases with the single words they mean ("in die Knie zwingen" ->
    besiegen, unterwerfen; "ein Ass im Ärmel haben" -> Trumpf, Vorteil), from OpenThesaurus.

    A phrase is its content words (function words dropped: chat varies them, "kein Ass mehr im
    Ärmel"), matched by stem or by the stem of the typed word's lemma ("zwingt" ~ zwingen), in
    order, with at most ``MAX_PHRASE_GAP`` function words between them.
    """

    def __init__(self, rows: Iterable[tuple[str, list[str]]], stops: frozenset[str]) -> None:
        stops = (stops | _PLACEHOLDERS) - _NEGATIONS
        self.stops = stops
        # first stem -> "stem stem|word;word" lines, one per phrase: the table has 15,000
        # phrases and lives as long as the process, so it is kept as plain text (2 MB, not 6)
        by_first: dict[str, list[str]] = defaultdict(list)
        for phrase, singles in rows:
            content = [fold(w) for w in phrase.replace("-", " ").split()]
            content = [w for w in content if w not in stops]
            if 2 <= len([w for w in content if w not in _NEGATIONS]) and len(content) <= 4:
                stems = [stem(w) for w in content]
                meaning = ";".join(fold(w) for w in singles)
                by_first[stems[0]].append(" ".join(stems[1:]) + "|" + meaning)
        self._by_first = {k: "\n".join(v) for k, v in by_first.items()}

    @classmethod
    def load(cls, stops: frozenset[str], path: Path = PHRASES_FILE) -> Phrases:
        return cls(_phrase_rows(path), stops)

    def find(self, ws: list[str], surfaces: list[str]) -> list[tuple[list[int], tuple[str, ...]]]:
        """(positions of its words, the single words it means) of each phrase in the words."""
        forms: list[set[str]] = []
        for w, surface in zip(ws, surfaces, strict=True):
            if w in self.stops:  # "sich" is no form of "sicher"
                forms.append(set())
            elif len(w) > MAX_WORD_CHARS:
                forms.append({stem(w)})
            else:
                forms.append({stem(w), stem(lemma_word(surface))})
        found = []
        for i, f in enumerate(forms):
            if ws[i] in self.stops:
                continue
            for s in f:
                bucket = self._by_first.get(s)
                if not bucket:
                    continue
                for entry in bucket.split("\n"):
                    rest, _, meaning = entry.partition("|")
                    positions = self._match(ws, forms, i, rest.split())
                    if positions:
                        found.append((positions, tuple(meaning.split(";"))))
        return found

    def _match(self, ws: list[str], forms: list[set[str]], i: int, rest: list[str]):
        """Positions of the phrase's words from word ``i`` on (``rest``: its other stems)."""
        positions = [i]
        for part in rest:
            j = positions[-1] + 1
            gap = 0
            while j < len(ws) and ws[j] in self.stops:
                gap += 1
                j += 1
            if j >= len(ws) or gap > MAX_PHRASE_GAP or part not in forms[j]:
                return None
            positions.append(j)
        return positions


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=4)
def _by_length(function_words: frozenset[str]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = defaultdict(list)
    for w in function_words:
        out[len(w)].append(w)
    return {n: tuple(ws) for n, ws in out.items()}


def misspelt(word: str, function_words: frozenset[str]) -> bool:
    """One edit away from a function word or question frame ("wiso", "waurm", "nich"): a typo
    of a word the search skips, not a key word. ``word`` is folded; words of three letters or
    fewer are not checked ("is", "ne" are chat spellings of many words)."""
    if not 4 <= len(word) <= MAX_TYPO_CHARS or not word.isalpha() or not word.isascii():
        return False
    by_length = _by_length(function_words)
    pool = [f for n in (len(word) - 1, len(word), len(word) + 1) for f in by_length.get(n, ())]
    # (rapidfuzz's optimal string alignment: a transposition is one edit, and no variant
    # strings are made: generating every one-edit variant churned memory on each question)
    return process.extractOne(word, pool, scorer=OSA.distance, score_cutoff=1) is not None


def dropped_letter(word: str, function_words: frozenset[str]) -> bool:
    """A three-letter word that is a function word with one letter left out ("odr", "nch"): a
    typo of a word the search skips. Only an omission, the commonest slip of fast typing: a
    changed letter makes too many short words ("aei" is one letter from "bei", but an
    abbreviation), which :func:`misspelt` leaves alone for that reason."""
    if len(word) != 3 or not word.isalpha() or not word.isascii():
        return False
    return not function_words.isdisjoint(_one_letter_more(word))


ELISION = 1.5  # Zipf by which a function word outnumbers its spelling without a letter


def elided(word: str, function_words: frozenset[str]) -> bool:
    """Chat's spelling of a function word with a letter left out ("nich": nicht, "jetz":
    jetzt): a word of German at large itself, but the function word is far more common (by
    ELISION on the Zipf scale, thirty times); "auto" is no "autor", "hab" is "habe" as often."""
    if not 3 <= len(word) <= MAX_TYPO_CHARS or not word.isalpha() or not word.isascii():
        return False
    z = zipf(word)
    return any(zipf(f) - z >= ELISION for f in function_words.intersection(_one_letter_more(word)))


def _one_letter_more(word: str) -> set[str]:
    """Every string that is ``word`` with one letter put in ("nich": "nicht", "anich" …)."""
    return {word[:i] + ch + word[i:] for i in range(len(word) + 1) for ch in _LETTERS}


@lru_cache(maxsize=5_000)
def near_german_word(word: str) -> bool:
    """One edit away from a common German word ("zuruecktretten"): a typo, not a new key word.

    ``word`` is folded (ä -> ae). Looked up in the frequency list (common words are what a
    typo usually misspells), so each of the about 55 variants per letter costs one dict
    lookup; words of more than ``MAX_TYPO_CHARS`` letters are not checked (a compound or a
    name, not a typo we could tell).
    """
    return german_correction(word) is not None


@lru_cache(maxsize=5_000)
def german_correction(word: str) -> str | None:
    """The most common German word one edit away from a folded word ("bezalt" -> "bezahlt"),
    or None (see :func:`near_german_word`, which this answers)."""
    if not 5 <= len(word) <= MAX_TYPO_CHARS or not word.isalpha() or not word.isascii():
        return None
    table = _zipf_table()
    w = word
    variants = {w[:i] + w[i + 1 :] for i in range(len(w))}
    variants |= {w[:i] + w[i + 1] + w[i] + w[i + 2 :] for i in range(len(w) - 1)}
    for i in range(len(w) + 1):
        for ch in _LETTERS:
            variants.add(w[:i] + ch + w[i:])
            if i < len(w):
                variants.add(w[:i] + ch + w[i + 1 :])
    variants.discard(w)
    found = [v for v in variants if v in table]
    return max(found, key=lambda v: (table[v], v)) if found else None


# chat's contracted spellings of German function words, which no dictionary lists: the
# indefinite article without its "ei" ("ne", "nen", "nem" are frames already), "haben" and
# "sein" run together with a pronoun or shortened, the second person fused with "du" (none
# that is a word of its own: "Hammer", "Haste")
COLLOQUIAL_FORMS = frozenset(
    "ham hamse hamma isse isses biste kannste willste weisste sinse".split()
)


# the bare letters a phone keyboard or a hurried typist writes for an umlaut or "ß" (folded)
_BARE = {"a": "ae", "o": "oe", "u": "ue", "s": "ss"}


@lru_cache(maxsize=5_000)
def umlaut_correction(word: str) -> str | None:
    """The most common German word that a folded word misspells with an umlaut or "ß" written
    as its bare letter ("u" for "ü": "zurukgegangen" -> "zurueckgegangen", "konnen" ->
    "koennen"), and at most one slip more (:func:`german_correction`'s). Folded, "ü" is "ue":
    the bare vowel is a letter left out, and with one slip more the word is two edits from
    what it means, which no one-edit correction reaches. None if none is. Words of six letters
    or more: two edits make a short name a German word ("Lego": "legte")."""
    if not 6 <= len(word) <= MAX_TYPO_CHARS or not word.isalpha() or not word.isascii():
        return None
    table = _zipf_table()
    found: set[str] = set()
    for i, ch in enumerate(word):
        wide = _BARE.get(ch)
        if wide is None or word[i : i + 2] == wide:
            continue
        variant = word[:i] + wide + word[i + 1 :]
        fixed = variant if variant in table else german_correction(variant)
        if fixed and fixed != word:
            found.add(fixed)
    return max(found, key=lambda v: (table[v], v)) if found else None


# --- questions about a text rather than about what it says (SearchOptions.provenance) -------

# the German nouns for a text and for where one appears (a grammar of the question, not words
# of any reading): "der Text", "der Artikel", "das Protokoll"; "in welcher Zeitung"
TEXT_NOUNS = frozenset(
    "text texte textes artikel artikels beitrag beitrags aufsatz aufsatzes essay blog blogpost"
    " blogeintrag protokoll protokolls kommentar interview flugblatt pamphlet rede bericht"
    " kolumne reportage stueck".split()
)
# adverbial phrases of German that sum up ("im Kern", "im Grunde", "im Prinzip", "im Endeffekt",
# "unterm Strich"): how the speaker frames a point, no noun it asks about
# (SearchOptions.summing_phrases)
_SUMMING = frozenset(
    ["im kern", "im grunde", "im prinzip", "im endeffekt", "unterm strich", "im wesentlichen"]
)


def summing_phrases(ws: list[str]) -> set[int]:
    """The positions of the noun of each summing phrase in the folded words ``ws``: "worum
    geht es im Kern", "im Grunde ist das …" (the noun only: "im" is a stop word)."""
    return {
        i + 1 for i, (a, b) in enumerate(zip(ws, ws[1:], strict=False)) if f"{a} {b}" in _SUMMING
    }


# the parts of a text ("im Vorspann", "in der Einleitung", "in der Fußnote"): where in a text a
# question asks, not what about (SearchOptions.text_parts)
TEXT_PARTS = frozenset(
    "vorspann einleitung ueberschrift untertitel zwischentitel fussnote fussnoten anmerkung"
    " schlusswort nachwort vorwort teaser lead fazit".split()
)
MEDIUM_NOUNS = frozenset(
    "zeitung zeitschrift wochenzeitung tageszeitung magazin blatt medium heft ausgabe nummer nr"
    " portal website webseite plattform verlag sender blog".split()
)
_PUBLISHED = (
    r"(?:erschienen|erschien|veroeffentlicht|veroeffentlichte|publiziert|rausgebracht"
    r"|rausgekommen|herausgebracht|herausgegeben|abgedruckt|gedruckt|gepostet)"
)
_WROTE = r"(?:geschrieben|verfasst|verfasste|schrieb)"
_TEXT_NOUN = "(?:" + "|".join(sorted(TEXT_NOUNS, key=len, reverse=True)) + ")"
_MEDIUM = "(?:" + "|".join(sorted(MEDIUM_NOUNS, key=len, reverse=True)) + ")"
_KIND_NOUNS = (
    r"(?:blog|blogpost|blogeintrag|artikel|zeitungsartikel|essay|interview|kommentar|rede|buch"
    r"|kolumne|bericht|reportage|protokoll|aufsatz|flugblatt|pamphlet|beitrag|analyse)"
)
_DET = r"(?:der|das|die|den|dem|dieser|diese|dieses|diesen)"
_GAP = r"(?: \w+){0,8}"
# what a message asks about a text: who wrote it, where and when it appeared, what kind of
# text it is, how long it is (on folded words: "veroeffentlicht", "fuer")
_PROVENANCE = {
    "author": (
        rf"\bwer hat\b{_GAP} {_WROTE}\b",
        r"\bvon wem (?:ist|sind|stammt|stammen|kommt)\b",
        r"\bwer (?:ist|sind|war|waren) (?:(?:eigentlich|denn|nochmal|ueberhaupt) )?(?:der|die)"
        r" (?:autor|autorin|autoren|autorinnen|verfasser|verfasserin|verfasserinnen)\b",
        rf"\bwer steckt\b(?: \w+){{0,3}} hinter (?:{_DET} )?"
        rf"(?:(?:\w+ ){{0,2}}{_TEXT_NOUN}\b|(?:\w+ )?\w+$)",
        r"\bwer schrieb\b",
        r"\bwie heisst (?:der|die) (?:autor|autorin|autoren|verfasser|verfasserin)\b",
    ),
    "outlet": (
        rf"\bwo\b{_GAP} {_PUBLISHED}\b",
        rf"\b{_PUBLISHED} (?:\w+ )?wo\b",  # "… veröffentlicht, wo nochmal?"
        rf"\bwer hat\b{_GAP} {_PUBLISHED}\b",
        rf"\b(?:in|aus|fuer|bei|von) (?:welche[rmns]?|was fuer (?:ein|eine|einem|einer|nem|ner))"
        rf" (?:\w+ )?{_MEDIUM}\b",
        rf"\bwoher (?:kommt|stammt|ist) {_DET} (?:\w+ ){{0,2}}{_TEXT_NOUN}\b",
        rf"\bwo (?:kommt|stammt) {_DET} (?:\w+ ){{0,2}}{_TEXT_NOUN}(?: \w+){{0,4}} her\b",
        rf"\b(?:fuer wen|wofuer)\b{_GAP} {_WROTE}\b",
        r"\bwo kam\b(?: \w+){0,6} (?:raus|heraus)\b",  # "wo kam der Text raus"
        r"\b(?:was|wer|wo) ist (?:\w+ )?(?:die|denn die) quelle\b",
    ),
    "date": (
        r"\bvon wann (?:ist|sind|stammt|stammen|war)\b",
        rf"\bwann\b{_GAP} (?:{_WROTE}|{_PUBLISHED})\b",
        r"\baus welchem (?:jahr|monat)\b",
        rf"\bwie alt (?:ist|sind) {_DET} (?:\w+ ){{0,2}}{_TEXT_NOUN}\b",
        r"\b(?:welches|welchem|welchen) datum\b",
        r"\bwann (?:kam|kamen)\b(?: \w+){0,6} (?:raus|heraus)\b",  # "wann kam der Text raus"
        rf"\bwann\b{_GAP} entstanden\b",
    ),
    "kind": (
        rf"\b(?:ist|war) (?:das|der|es|die) (?:\w+ ){{0,2}}(?:ein|eine|ne|n|nen) (?:\w+ )?"
        rf"{_KIND_NOUNS}\b",
        r"\bwas fuer (?:ein|eine|n|ne|nen) (?:text|textsorte)\b",
    ),
    "length": (
        rf"\bwie lange? (?:ist|sind|war) {_DET} (?:\w+ ){{0,2}}{_TEXT_NOUN}\b",
        r"\bwie viele (?:seiten|woerter|absaetze|zeilen)\b",
    ),
}
_PROVENANCE_RE = {k: [re.compile(p) for p in ps] for k, ps in _PROVENANCE.items()}


# "wer hat geschrieben, dass …": which text claimed something (what it says)
_CLAIM = re.compile(rf"\b(?:{_WROTE}|{_PUBLISHED}) dass\b")
# "Fazi hat auch ein Buch geschrieben": a work said to be written or published, not one read
_A_WORK_WRITTEN = (
    rf"\b(?:ein|eine|einen|einem|ne|nen|n) (?:\w+ )?(?:{_TEXT_NOUN}|buch)\b(?: \w+){{0,4}}"
    rf" (?:{_WROTE}|{_PUBLISHED})\b"
)
# … or "der nächste GS": another work than the one read
_OTHER_WORK = re.compile(
    _A_WORK_WRITTEN
    + r"|\b(?:naechste|naechsten|kommende|kommenden|andere|anderen|weitere|weiteren)\b"
)


def provenance(ws: list[str]) -> tuple[str, ...]:
    """What a message asks about a text rather than about what it says (folded words, in
    order): "author" ("wer hat den Text geschrieben", "von wem ist …"), "outlet" ("wo ist …
    erschienen", "für welche Zeitung …"), "date" ("von wann ist …", "wann … veröffentlicht"),
    "kind" ("ist das ein Blog?"), "length" ("wie lang ist der Artikel"). Whether it asks about
    one of the readings (it names one, or says "der Text über …") the search decides. None
    when it asks which text claimed something ("wer hat geschrieben, dass …") or about another
    work ("Fazi hat auch ein Buch geschrieben, wo …", "wann erscheint der nächste GS")."""
    s = " ".join(ws[:60])
    if _CLAIM.search(s) or _OTHER_WORK.search(s):
        return ()
    return tuple(k for k, ps in _PROVENANCE_RE.items() if any(p.search(s) for p in ps))


# "worum geht es im Protokoll", "was ist Fazis Hauptthese", "fass den Text kurz zusammen":
# what a reading says as a whole (its title and lead), not one passage of it
_GIST = re.compile(
    r"\bworum (?:geht|gehts|ging|gings|gehen|ginge|dreht|drehte) (?:es |sich |s )?"
    r"(?P<gap>(?:\w+ ){0,3})(?:in|im|bei|beim|bei dem|bei der|laut)\b"
    r"|\b(?:haupt|kern|grund|zentral\w*|wichtigst\w*) ?(?:these|aussage|argument|botschaft)n?\b"
    r"|\bzusammen(?:fassung|fassen|gefasst|fasst)\b|\bin einem satz\b"
    r"|\b(?:fass|fasst|fasse)\b(?: \w+){0,6} zusammen\b"
)

# "welche Partei steckt da eigentlich dahinter", "wer steckt dahinter", "was für eine
# Organisation steht hinter der WSWS": who is behind a text, its author (SearchOptions.
# behind_asked); "wer steckt hinter dem Text" provenance's "author" has already
_BEHIND = re.compile(
    r"\b(?:wer|welche[rsmn]? (?:\w+ )?(?:partei|organisation|gruppe|gruppierung|stroemung"
    r"|richtung|leute|verein|bewegung)\w*|was fuer (?:eine|ne|ein|n) (?:\w+ )?(?:partei"
    r"|organisation|gruppe|gruppierung|stroemung|richtung|verein|bewegung)\w*)"
    r" (?:steckt|stecken|steht|stehen)\b(?: \w+){0,3} (?:dahinter\b|hinter(?: \w+){1,3}$)"
)


def behind_asked(ws: list[str], names: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a message asks who is behind a text (folded words): "welche Partei steckt da
    eigentlich dahinter", "wer steckt dahinter", "was für eine Organisation steht hinter der
    WSWS" ("hinter" and a word of ``names``, a reading's name or a text noun, at the end):
    its author, as "wer hat den Text geschrieben"; not "wer steht hinter Selenskyj". Whether
    it asks it of a reading (it names one) the search decides."""
    s = " ".join(ws[:60])
    m = _BEHIND.search(s)
    if not m or _CLAIM.search(s) or _OTHER_WORK.search(s):
        return False
    return m.group().endswith("dahinter") or ws[-1] in names


# "Fazi hat auch ein Buch geschrieben, worum geht es da", "worum geht es im nächsten Heft":
# another work than the one read ("beim nächsten Mal" is the next meeting, not a work); and
# "worum ging es heute in der WSWS": today's paper, not a reading (read weeks after it appeared)
_ANOTHER_WORK = re.compile(
    r"\b(?:heute|gestern|heutigen|gestrigen)\b|"
    + _A_WORK_WRITTEN
    + r"|\b(?:naechst|kommend|ander|weiter|neu)\w* (?:\w+ )?\w*"  # (compounds: "Pflegetext")
    rf"(?:{_TEXT_NOUN}|buch|buecher|{'|'.join(sorted(MEDIUM_NOUNS))})\b"
)

# "wie hieß der Artikel nochmal", "um welchen Artikel ging es beim Jour fixe", "welcher Text war
# dran", "mit vollem Titel": the title of a reading, asked of one it names
# (SearchOptions.title_asked); in the past tense, a reading read: not the next meeting's
# ("welcher Artikel ist am 26. dran", "welcher Artikel ist nächstes Mal dran")
_TITLE_ASKED = re.compile(
    r"\bwie (?:hiess|heisst|hiessen|heissen|lautet|lautete) (?:\w+ ){0,4}?"
    rf"(?:{_TEXT_NOUN}|titel|ueberschrift)\b"
    rf"|\bwelche[rmns]? (?:\w+ ){{0,2}}?{_TEXT_NOUN}\b(?: \w+){{0,6}}? (?:besprochen"
    r"|durchgenommen|ging|gings)\b"
    rf"|\bwelche[rmns]? (?:\w+ ){{0,2}}?{_TEXT_NOUN}(?: \w+){{0,2}} (?:war|waren)\b"
    r"(?: \w+){0,6}? dran\b"
    r"|\b(?:vollem|vollen|genauen|ganzen|kompletten) titel\b"
)
_NEXT_TIME = re.compile(r"\b(?:naechst|kommend|demnaechst|spaeter)\w*")


def title_asked(ws: list[str]) -> bool:
    """Whether a message asks for the title of a text (folded words): "wie hieß der GS-Artikel
    nochmal", "um welchen Artikel ging es beim Jour fixe", "welcher Text war am 12. dran",
    "mit vollem Titel". Not of the next meeting's text, nor of another work ("wie heißt das
    neue Buch von Fazi"). Whether it asks it of a reading (it names one) the search decides."""
    s = " ".join(ws[:60])
    if _NEXT_TIME.search(s) or _ANOTHER_WORK.search(s):
        return False
    return bool(_TITLE_ASKED.search(s))


# "welche Texte haben wir bisher gelesen", "was lesen wir gerade", "welche Artikel kennst du",
# "die Leseliste": the list of the readings, not what one of them says
_READING_LIST = re.compile(
    r"\bwelche (?:\w+ )?(?:texte|artikel|quellen|lektueren|buecher|beitraege)\b(?: \w+){0,4}"
    r" (?:gelesen|lesen|gibt|gibts|hast|kennst|haben|hatten|sind|drin|besprochen"
    r"|durchgenommen)\b"
    r"|\bwas (?:lesen|haben|hatten) wir (?:\w+ ){0,3}(?:gelesen|gerade|grade|aktuell|zurzeit"
    r"|momentan|bisher|schon|besprochen|durchgenommen)\b"
    r"|\b(?:leseliste|lektuereliste|literaturliste|textliste)\b"
)


def reading_list(ws: list[str]) -> set[str]:
    """The words with which a message asks for the list of readings (folded words; none when
    it does not): "welche Texte haben wir gelesen", "was lesen wir gerade", "die Leseliste".
    Whether it names a topic ("welche Texte haben wir über die NATO gelesen": a search) the
    search decides."""
    s = " ".join(ws[:60])
    return {w for m in _READING_LIST.finditer(s) for w in m.group().split()}


def gist(ws: list[str]) -> set[str]:
    """The words with which a message asks what a text says as a whole (folded words; none
    when it does not): "worum geht es im Protokoll", "was ist die Hauptthese von …", "kannst
    du den Text zusammenfassen". Whether it asks it of a reading (it names one) and names no
    topic of its own the search decides."""
    s = " ".join(ws[:60])
    if _ANOTHER_WORK.search(s):
        return set()
    # (the words between the frame and its preposition ask nothing: "eigentlich", a topic)
    return {
        w
        for m in _GIST.finditer(s)
        for w in m.group().split()
        if w not in (m.group("gap") or "").split()
    }


# the prefixes of verbs (folded) and the same prefix on their nouns: "zurückziehen" ~ "Rückzug",
# "vorwerfen" ~ "Vorwurf", "angreifen" ~ "Angriff", "verlieren" ~ "Verlust"
_VERB_PREFIXES: dict[str, str] = {
    p: p
    for p in (
        "ab an auf aus bei ein mit nach vor zu um durch ueber unter wider gegen weg fort her"
        " hin los dar voran voraus vorbei zusammen entgegen nieder fest teil be ent er ver zer"
        " miss"
    ).split()
} | {"zurueck": "rueck"}
_NOUN_PREFIXES = {noun: verb for verb, noun in _VERB_PREFIXES.items()}
# the prefixes that take no "ge" in the participle: verloren, entzogen (not: zurückgezogen)
_ALL_PREFIXES = ("", *dict.fromkeys((*_VERB_PREFIXES, *_NOUN_PREFIXES)))
_NO_GE = frozenset(("be", "ent", "er", "ver", "zer", "miss", "wider", "ueber", "unter"))


@dataclass(frozen=True)
class _StrongVerbs:
    forms: tuple[tuple[str, ...], ...]  # each family's verb forms (infinitive … participle)
    nouns: tuple[tuple[str, ...], ...]  # … its nouns that stand alone ("Zug")
    bound: tuple[tuple[str, ...], ...]  # … its nouns only after a prefix ("-trag": Vertrag)
    by_form: dict[str, int]  # stem of a verb form -> family
    by_noun: dict[str, tuple[int, bool]]  # stem of a noun -> family, bound


@lru_cache(maxsize=1)
def _strong_verbs() -> _StrongVerbs:
    forms: list[tuple[str, ...]] = []
    nouns: list[tuple[str, ...]] = []
    bound: list[tuple[str, ...]] = []
    by_form: dict[str, int] = {}
    by_noun: dict[str, tuple[int, bool]] = {}
    for line in STRONG_VERBS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or ":" not in line:
            continue
        verb_part, noun_part = line.split(":", 1)
        i = len(forms)
        forms.append(tuple(verb_part.split()))
        nouns.append(tuple(n for n in noun_part.split() if not n.startswith("-")))
        bound.append(tuple(n[1:] for n in noun_part.split() if n.startswith("-")))
        for form in forms[i]:
            by_form.setdefault(stem(form), i)
        for noun in nouns[i]:
            by_noun.setdefault(stem(noun), (i, False))
        for noun in bound[i]:
            by_noun.setdefault(stem(noun), (i, True))
    return _StrongVerbs(tuple(forms), tuple(nouns), tuple(bound), by_form, by_noun)


def strong_verb_relatives(word: str) -> list[str]:
    """The words of the other class of a strong verb's family (bot/data/strong_verbs_de.txt),
    prefix kept: the nouns of a verb form ("verliert" -> verlust, "zurückgezogen" -> rückzug)
    and the verb forms of a noun ("Vorwürfe" -> vorwerfen, vorwirft, vorwarf, vorgeworfen);
    folded, unstemmed. Which of them the texts have is the caller's to check."""
    table = _strong_verbs()
    out: list[str] = []
    for prefix in _ALL_PREFIXES:
        if not word.startswith(prefix) or len(word) - len(prefix) < 3:
            continue
        rest = word[len(prefix) :]
        s = stem(rest)
        inseparable = prefix in _NO_GE
        family = table.by_form.get(s)
        if family is None and inseparable:  # verloren, entzogen: the participle without "ge"
            family = table.by_form.get(stem("ge" + rest))
        if family is None and prefix and not inseparable and rest.startswith("zu"):
            family = table.by_form.get(stem(rest[2:]))  # zurückzuziehen: the infinitive with "zu"
        if family is not None and (prefix in _VERB_PREFIXES or not prefix):
            noun_prefix = _VERB_PREFIXES.get(prefix, "")
            kinds = table.nouns[family] + (table.bound[family] if prefix else ())
            out += [noun_prefix + n for n in kinds]
        found = table.by_noun.get(s)
        if found is not None and (prefix in _NOUN_PREFIXES or not prefix):
            family, is_bound = found
            if is_bound and not prefix:
                continue
            verb_prefix = _NOUN_PREFIXES.get(prefix, "")
            *present, participle = table.forms[family]
            if verb_prefix in _NO_GE and participle.startswith("ge"):
                participle = participle[2:]  # verloren, not vergeloren
            out += [verb_prefix + form for form in (*present, participle)]
            if verb_prefix and verb_prefix not in _NO_GE:  # … and "zurückzuziehen"
                out.append(verb_prefix + "zu" + present[0])
    return list(dict.fromkeys(out))


# a verb of "-ieren" and the nouns of its family (SearchOptions.verb_nouns): the verb's ending
# (the letters before "ieren" it changes) -> the noun endings that replace it, by general German
# suffix rules: reagieren/Reaktion, produzieren/Produktion, kommunizieren/Kommunikation,
# diskutieren/Diskussion, reflektieren/Reflexion, explodieren/Explosion,
# organisieren/Organisation, kritisieren/Kritik, eskalieren/Eskalation, definieren/Definition,
# intervenieren/Intervention, isolieren/Isolierung, garantieren/Garantie, akzeptieren/Akzeptanz,
# existieren/Existenz
_IEREN_NOUNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("g", ("ktion",)),
    ("z", ("ktion", "kation")),
    ("kt", ("xion",)),
    ("t", ("ssion",)),
    ("d", ("sion",)),
    ("is", ("isation", "ik")),
    ("", ("ation", "ion", "ition", "tion", "ierung", "ie", "anz", "enz")),
)
# the forms of an "-ieren" verb (and its "-ierung"): the letters before "ier" are its base
_IEREN_FORM = re.compile(
    r"^(.{3,}?)ier(?:en|e|st|t|te|ten|tes|ter|tem|test|tet|end|ende|enden|ender|endes|ung|ungen)$"
)
# a noun of a foreign suffix and its adjective (SearchOptions.adjective_nouns): the noun's
# ending -> the adjective endings that replace it: Taktik/taktisch, Territorium/territorial,
# Zentrum/zentral, Sozialismus/sozialistisch, Strategie/strategisch, Hegemonie/hegemonial,
# Region/regional, Tradition/traditionell, Kultur/kulturell, Toleranz/tolerant, Existenz/existent
_ADJECTIVE_NOUNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ik", ("isch",)),
    ("ium", ("ial",)),
    ("um", ("al",)),
    ("ismus", ("istisch", "ist")),
    ("ie", ("isch", "ial")),
    ("ion", ("ional", "ionell")),
    ("ur", ("urell",)),
    ("anz", ("ant",)),
    ("enz", ("ent",)),
)
_ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
_NOUN_ENDINGS = ("", "en", "n", "s")


def adjective_noun_relatives(word: str) -> list[str]:
    """The adjective of a noun of a foreign suffix and the noun of such an adjective, by suffix
    rules ("territorium" -> territorial, "taktischen" -> taktik); which of them the texts
    have is the caller's to check."""
    out: list[str] = []
    for noun_end, adjective_ends in _ADJECTIVE_NOUNS:
        for ending in _NOUN_ENDINGS:  # a noun: Taktik, Taktiken
            form = word[: len(word) - len(ending)] if ending else word
            if word.endswith(ending) and form.endswith(noun_end):
                root = form[: len(form) - len(noun_end)]
                if len(root) >= 3 and len(form) >= 6:
                    out += [root + a for a in adjective_ends]
        for ending in _ADJECTIVE_ENDINGS:  # an adjective: taktisch, taktischen
            form = word[: len(word) - len(ending)] if ending else word
            if not word.endswith(ending):
                continue
            for a in adjective_ends:
                root = form[: len(form) - len(a)]
                if form.endswith(a) and len(root) >= 3 and len(root) + len(noun_end) >= 6:
                    out.append(root + noun_end)
    return out


def verb_noun_relatives(word: str) -> list[str]:
    """Words of the "-ieren" family of a word, by suffix rules: the nouns of a verb form
    ("reagiert" -> reaktion) and the verb forms of a noun ("reaktionen" -> reagieren,
    reagiert); which of them the texts have is the caller's to check."""
    out: list[str] = []
    m = _IEREN_FORM.match(word)
    if m:
        base = m.group(1)
        for changed, endings in _IEREN_NOUNS:
            if base.endswith(changed) and len(base) >= 4 and len(base) > len(changed):
                root = base[: len(base) - len(changed)]
                out += [root + e for e in endings]
        return out
    forms = {word}
    for plural in ("en", "n", "s"):
        if word.endswith(plural):
            forms.add(word[: -len(plural)])
    for form in forms:
        for changed, endings in _IEREN_NOUNS:
            for e in endings:
                if form.endswith(e) and e != "ierung" and len(form) - len(e) + len(changed) >= 4:
                    base = form[: -len(e)] + changed
                    out += [base + "ieren", base + "iert", base + "ierung"]
    return out


# --- the group as the speaker of what it recalls (SearchOptions.group_voice, group_said) ------
# verbs of saying, deciding, noting, discussing and doubting, by folded dictionary form (a
# closed class of German: what a member or the group does with a reading in a meeting)
_SAYING = frozenset(
    "sagen meinen festhalten besprechen klaeren diskutieren beschliessen feststellen bezweifeln"
    " zweifeln behaupten erwaehnen einwenden argumentieren reden sprechen erklaeren aufloesen"
    " herausarbeiten anmerken bemerken betonen kritisieren ansprechen einbringen vorbringen"
    " debattieren eroertern thematisieren vermuten zusammenfassen festlegen einigen"
    " herausstellen einwerfen".split()
)
# their strong or irregular past forms the dictionary does not reduce (folded); "hielt" and
# "stellte" count with their particle "fest" in the clause ("hielten wir fest")
_SAID_FORMS = frozenset(
    "sprach sprachen besprach besprachen beschloss beschlossen wandte wandten herausgearbeitet"
    " debattiert zusammengefasst redeten redete".split()
)
_SAID_WITH_FEST = frozenset("hielt hielten hieltet stellte stellten stelltet".split())
# nouns of an objection held in the meeting: "jemand hatte doch Zweifel, ob …"
_OBJECTIONS = frozenset("zweifel einwand einwaende bedenken".split())
_DOUBTING = frozenset("bezweifeln zweifeln einwenden".split())  # … and its verbs
# the perfect's and pluperfect's auxiliary (a participle of saying needs one: "was ist damit
# gemeint" is no one's saying)
_PERFECT = frozenset("hat haben habt hatte hatten hattet hab habe haetten haette".split())
_HAD = frozenset("hatte hatten hattet".split())
# who speaks in the meeting: "wir", an indefinite member ("jemand", "einer", "wer" after the
# verb), "ihr" after its verb ("habt ihr …")
_GROUP = frozenset("wir jemand irgendjemand irgendwer".split())
# "wo hatten wir das", "das hatten wir doch ausführlich": "hatten" as the full verb with "das"
# recalls a thing the meeting covered
_RECALLED = frozenset("das dies es den".split())
# the last meeting: "beim letzten Mal", "in der letzten Sitzung", "letztes Mal"
_MEETING_NOUNS = frozenset("mal sitzung treffen runde jourfixe jour lesekreis".split())
_LAST = frozenset("letzte letzten letztes".split())


def _group_clauses(text: str) -> Iterator[tuple[list[str], list[str]]]:
    """The clauses of a message, split at punctuation and before a subordinating conjunction
    or a question word inside it ("wo hat jemand gesagt", "dass trump …"): folded words and
    the words as typed (lower case)."""
    for clause in _CLAUSE_END.split(text[:2000]):
        raw = [re.sub(r"[^\w]+", "", w.lower())[:MAX_WORD_CHARS] for w in clause.split()[:40]]
        raw = [w for w in raw if w]
        ws = [fold(w) for w in raw]
        start = 0
        for i, w in enumerate(ws):
            # (inside a clause "was" and "wer" are "etwas" and "jemand": "hat doch wer gesagt";
            # after a person or a verb of knowing they ask: "weiß jemand, wer …", "gesehen, was …")
            asks = w in _WO_WORDS or (
                w in _QUESTION_WORDS
                and (
                    w not in ("was", "wer")
                    or ws[i - 1] in _PERSONS
                    or lemma_word(raw[i - 1]) in _COGNITION
                )
            )
            if i > start and (w in _SUBORDINATE or asks):
                yield ws[start:i], raw[start:i]
                start = i
        if ws[start:]:
            yield ws[start:], raw[start:]


def _said(ws: list[str], raw: list[str]) -> set[str]:
    """The verb of saying in the past in the clause (folded; empty when none): a participle
    with the perfect's auxiliary ("hat … gesagt", "festgehalten haben"), a simple past
    ("meinte", "sprachen", "hielten … fest"), or "hatte(n) … Zweifel"."""
    perfect = not _PERFECT.isdisjoint(ws)
    for w, surface in zip(ws, raw, strict=True):
        if w in _SAID_FORMS and (perfect or not w.startswith(("ge", "heraus", "zusammen"))):
            return {w}
        if w in _SAID_WITH_FEST and "fest" in ws:
            return {w, "fest"}
        if len(w) < 4 or w in _PERFECT:
            continue
        lemma = lemma_word(surface)
        if lemma not in _SAYING or lemma == w:
            continue
        if (perfect and _participle(surface)) or _preterite(surface):
            return {w}
    if not _HAD.isdisjoint(ws):
        return _OBJECTIONS & set(ws)
    return set()


def _group_subject(ws: list[str]) -> str:
    """The group or one of its members as the clause's subject: "wir", "jemand", "einer" at the
    clause's start or after its verb ("einer meinte", "wo meinte einer"), "ihr" or "wer" after
    a verb (an auxiliary or a finite verb: "habt ihr", "das hat doch wer gesagt"; "wer" that
    opens the clause asks who). "group" for "wir" and "ihr", "member" for one of them, ""."""
    for i, w in enumerate(ws):
        if w == "wir":
            return "group"
        if w in _GROUP:
            return "member"
        if w == "einer" and (i == 0 or (i <= 2 and ws[0] in _QUESTION_WORDS)):
            return "member"
        if w == "einer" and i > 0 and ws[i - 1] in _PERFECT:
            return "member"
        if w in ("ihr", "wer") and i > 0 and (ws[i - 1] in _PERFECT or ws[i - 1].endswith("te")):
            return "group" if w == "ihr" else "member"
        if w == "wer" and i > 1 and ws[0] not in _QUESTION_WORDS and ws[1] in _PERFECT:
            return "member"  # "das hat doch wer gesagt"
    return ""


def group_said(text: str) -> str:
    """Whether the message recalls what the group said in a meeting ("die Stelle, wo wir gesagt
    haben …", "wo hatten wir festgehalten, dass …", "was meinten wir mit …", "hatten wir das
    letztes Mal geklärt", "einer meinte doch …", "das hat doch wer gesagt", "jemand hatte
    Zweifel, ob …", "wo hatten wir das"): in one clause the group or a member ("wir",
    "jemand", "einer", "ihr", "wer" after its verb) as the subject of a verb of saying,
    deciding, noting, discussing or doubting in a past tense; or "hatten wir das" (what the
    meeting covered). Not the present ("was meint ihr": the members asked now), not "wer" that
    opens a question ("wer hat das gesagt, Vance?" asks who in the texts). "group" ("wir",
    "ihr"), "member" (one of them: "jemand", "einer", "wer"), or "" when it recalls none."""
    return _recall(text)[0]


def said_words(text: str) -> set[str]:
    """The verb of the recall in a message group_said() finds ("gesagt", "meinten",
    "festgehalten", "hielten … fest"; folded): its frame, not what it asks about. Not a doubt
    or an objection ("bezweifelt", "Zweifel", "eingewandt"): that is what the member said ("Ich
    habe Zweifel, ob …")."""
    return {w for w in _recall(text)[1] if w not in _OBJECTIONS and lemma_word(w) not in _DOUBTING}


def _recall(text: str) -> tuple[str, set[str]]:
    """Who recalls (group_said) and the words of the verb that say so (said_words)."""
    for ws, raw in _group_clauses(text):
        who = _group_subject(ws)
        if not who:
            continue
        verb = _said(ws, raw)
        if verb:
            return who, verb
        if "wir" in ws and "hatten" in ws and not _RECALLED.isdisjoint(ws):
            if not any(_participle(s) or _infinitive(s) for s in raw if fold(s) not in _PERFECT):
                return "group", set()
    return "", set()


def last_meeting(ws: list[str]) -> bool:
    """A reference to the group's last meeting ("beim letzten Mal", "in der letzten Sitzung",
    "letztes Mal", "in der Sitzung", "in der Runde"; folded words), not a meeting the texts
    report ("das letzte Treffen von Trump und Putin": no preposition before it)."""
    for i, w in enumerate(ws):
        if w not in _MEETING_NOUNS:
            continue
        before = ws[max(0, i - 3) : i]
        if before[-1:] and before[-1] in _LAST:
            if w == "mal" or not _AT_MEETING.isdisjoint(before[:-1]):
                return True
        if w in ("sitzung", "runde") and before[-2:] == ["in", "der"]:
            return True
    return False


_AT_MEETING = frozenset("beim im am vom in bei seit auf".split())
# where in a text a message places what it asks for ("was fordert die WSWS ganz am Schluss",
# "gleich am Anfang vom Protokoll", "im letzten Absatz"): the reading's first or last passages
_POSITION_NOUNS = {
    "anfang": "start",
    "beginn": "start",
    "schluss": "end",
    "ende": "end",
}
_POSITION_QUALIFIERS = frozenset("ganz gleich direkt".split())  # "ganz am Schluss"
_POSITION_OF = frozenset("des der vom von".split())  # "am Ende vom Artikel"
_PARAGRAPH_ORDER = {"ersten": "start", "erste": "start", "letzten": "end", "letzte": "end"}


def text_position(ws: list[str]) -> tuple[str, frozenset[int]]:
    """Where in a text the message places what it asks for ("start" or "end", "" for
    nowhere), and the positions of the words that say so (no words to search for).

    "ganz am Schluss", "gleich am Anfang", "direkt zu Beginn", "am Schluss", "ganz oben", "im
    letzten Absatz", "am Ende vom Artikel": a place in the text. "am Ende" and "am Anfang"
    alone are mostly time ("am Ende zahlen die Arbeiter", "wollte Putin am Anfang …"), and
    "ganz unten" mostly people: neither counts."""
    for i, w in enumerate(ws):
        nxt = ws[i + 1] if i + 1 < len(ws) else ""
        prev = ws[i - 1] if i else ""
        if w in ("am", "zu") and nxt in _POSITION_NOUNS:
            if w == "zu" and nxt != "beginn":
                continue
            qualified = prev in _POSITION_QUALIFIERS
            of = i + 2 < len(ws) and ws[i + 2] in _POSITION_OF
            if qualified or of or nxt == "schluss":
                used = {i, i + 1} | ({i - 1} if qualified else set()) | ({i + 2} if of else set())
                return _POSITION_NOUNS[nxt], frozenset(used)
        if w == "ganz" and nxt == "oben":
            return "start", frozenset({i, i + 1})
        if w in _PARAGRAPH_ORDER and nxt == "absatz":
            return _PARAGRAPH_ORDER[w], frozenset({i, i + 1})
    return "", frozenset()
