"""The two content checks of `jourfixe check`, on an invented protocol (not the bundled seed).

The protocol below is made up for these tests: a reading group discussing rent control. Its
paragraphs opened by "— " are participants' contributions, the plain ones the group's answers,
exactly as the ingestion stores them for every protocol.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import pytest
import yaml

from bot.cli.content import check
from bot.config import Config
from bot.core.content import Evidence, Position, Topic
from bot.core.content_checks import (
    attribution_violations,
    names_participant,
    silent_answers,
    silent_topic_warnings,
    speaks_for_group,
    synonyms_used,
)
from bot.core.ingest import segment
from bot.core.text import normalize
from bot.handlers.content import compare_messages, position_messages
from bot.services import Services
from bot.texts import content as T

PROTOCOL = """\
## **Jour fixe vom 03.03.2031: Mietendeckel und Wohnungsmarkt**

Die Runde fragt, ob ein Mietendeckel die Wohnungsnot lindert oder nur verwaltet.

— *Ich halte den Mietendeckel für eine Enteignung der Vermieter, die den Neubau abwürgt.*

— *Dagegen: Ohne Deckel steigen die Mieten in den Städten immer weiter, das zeigt jede Statistik.*

Die Gruppe kommt zu dem Ergebnis, dass der Deckel die Knappheit nicht beseitigt, sondern \
nur ihren Preis festschreibt.

Der Neubau hängt nach Auffassung der Runde am Bauland und an den Zinsen, nicht an der Miethöhe.

\\*

— *Eine Frage zum Schluss: Was würde eine Vergesellschaftung großer Wohnungskonzerne ändern?*

Darauf antwortet die Runde, dass auch eine Vergesellschaftung die Zahl der Wohnungen nicht erhöht.
"""
SLUG = "protokoll-mieten"


@pytest.fixture(scope="module")
def passages():  # list[Passage]
    return segment(PROTOCOL, SLUG, kind="protocol")


def _pid(passages, phrase: str) -> str:
    found = [p.id for p in passages if normalize(phrase) in normalize(p.text)]
    assert len(found) == 1, phrase
    return found[0]


def _position(passages, text: str, *phrases: str, topic: str = "mieten") -> Position:
    evidence = tuple(Evidence(phrase, _pid(passages, phrase)) for phrase in phrases)
    return Position(topic=topic, source=SLUG, text=text, evidence=evidence)


def _violations(passages, *positions: Position, kind: str = "protocol"):
    kinds = {p.id: p.kind for p in passages}
    return attribution_violations(positions, {SLUG: kind}, kinds.get)


CONTRIBUTION_1 = "Mietendeckel für eine Enteignung der Vermieter"
CONTRIBUTION_2 = "Ohne Deckel steigen die Mieten in den Städten immer weiter"
ANSWER_1 = "dass der Deckel die Knappheit nicht beseitigt"
ANSWER_2 = "Der Neubau hängt nach Auffassung der Runde am Bauland"


def test_the_ingestion_marks_contributions_and_answers(passages) -> None:
    kinds = {p.id: p.kind for p in passages}
    assert kinds[_pid(passages, CONTRIBUTION_1)] == "contribution"
    assert kinds[_pid(passages, CONTRIBUTION_2)] == "contribution"
    assert kinds[_pid(passages, ANSWER_1)] == "answer"
    assert kinds[_pid(passages, ANSWER_2)] == "answer"


def test_the_group_may_speak_on_its_own_answers(passages) -> None:
    position = _position(
        passages,
        "Das Protokoll hält fest, der Deckel schreibe den Preis der Knappheit nur fest.",
        ANSWER_1,
        ANSWER_2,
        CONTRIBUTION_2,
    )
    assert _violations(passages, position) == []


def test_the_group_may_not_speak_on_contributions(passages) -> None:
    position = _position(
        passages,
        "Das Protokoll hält fest, der Mietendeckel sei eine Enteignung der Vermieter.",
        CONTRIBUTION_1,
        ANSWER_1,
    )
    [violation] = _violations(passages, position)
    assert (violation.answers, violation.contributions) == (1, 1)  # half is not most
    assert violation.speaks_for_group


@pytest.mark.parametrize(
    "text",
    [
        "Ein Teilnehmer wendet ein, der Mietendeckel sei eine Enteignung der Vermieter.",
        "Im Protokoll fragt ein Teilnehmer, ob der Deckel den Neubau abwürgt.",
        "Laut einem Beitrag im Protokoll würge der Deckel den Neubau ab.",
    ],
)
def test_a_contribution_attributed_to_a_participant_passes(passages, text: str) -> None:
    position = _position(passages, text, CONTRIBUTION_1, CONTRIBUTION_2)
    assert _violations(passages, position) == []


def test_a_contribution_must_name_its_speaker(passages) -> None:
    unnamed = _position(
        passages, "Der Mietendeckel sei eine Enteignung der Vermieter.", CONTRIBUTION_1
    )
    [violation] = _violations(passages, unnamed)
    assert not violation.speaks_for_group and violation.contributions == 1


def test_the_group_voice_at_the_start_counts_even_if_participants_follow(passages) -> None:
    text = "Die Gruppe meint, Mieten stiegen ohne Deckel; ein Teilnehmer stimmt zu."
    position = _position(passages, text, CONTRIBUTION_2)
    [violation] = _violations(passages, position)
    assert violation.speaks_for_group


def test_two_phrases_from_one_passage_count_once(passages) -> None:
    # two phrases from one answer passage are one answer, not two: 1 of 2 is not most
    position = _position(
        passages,
        "Das Protokoll hält fest, der Deckel beseitige die Knappheit nicht.",
        ANSWER_1,
        "sondern nur ihren Preis festschreibt",
        CONTRIBUTION_1,
    )
    [violation] = _violations(passages, position)
    assert (violation.answers, violation.contributions) == (1, 1)


def test_articles_are_not_checked(passages) -> None:
    position = _position(passages, "Die Autorin meint, der Deckel enteigne.", CONTRIBUTION_1)
    assert _violations(passages, position, kind="article") == []


@pytest.mark.parametrize(
    ("text", "group", "participant"),
    [
        ("Das Protokoll hält fest, …", True, False),
        ("Die Gruppe kommt zu dem Schluss …", True, False),
        ("Im Protokoll fragt ein Teilnehmer …", False, True),
        ("Im Protokoll verweisen Teilnehmer darauf …", False, True),
        ("Ein Einwand lautet …", False, True),
        ("Karaganow meint …", False, False),
    ],
)
def test_who_speaks_is_read_from_the_wording(text: str, group: bool, participant: bool) -> None:
    assert (speaks_for_group(text), names_participant(text)) == (group, participant)


# --- silent topics ---------------------------------------------------------------------------

NEUBAU = Topic("neubau", "Neubau und Bauland", ("Neubau", "Bauland", "Baugenehmigung", "Zinsen"))
ENTEIGNUNG = Topic("enteignung", "Vergesellschaftung", ("Enteignung", "Vergesellschaftung"))


def test_a_paragraph_with_two_synonyms_of_a_silent_topic_is_named(passages) -> None:
    [warning] = silent_topic_warnings([NEUBAU], [], {SLUG: passages})
    assert (warning.topic, warning.source) == ("neubau", SLUG)
    assert warning.synonyms == ("Neubau", "Bauland", "Zinsen")
    paragraph = next(p for p in passages if p.paragraph == warning.paragraph)
    assert "Bauland" in paragraph.text
    assert (warning.line_start, warning.line_end) == (paragraph.line_start, paragraph.line_end)
    assert PROTOCOL.splitlines()[warning.line_start - 1].startswith("Der Neubau hängt")


def test_no_warning_when_the_source_has_a_position(passages) -> None:
    position = _position(passages, "Die Runde …", ANSWER_2, topic="neubau")
    assert silent_topic_warnings([NEUBAU], [position], {SLUG: passages}) == []


def test_one_synonym_per_paragraph_is_not_enough(passages) -> None:
    # "Enteignung" and "Vergesellschaftung" appear, but never both in one paragraph
    assert silent_topic_warnings([ENTEIGNUNG], [], {SLUG: passages}) == []
    found = silent_topic_warnings([ENTEIGNUNG], [], {SLUG: passages}, min_synonyms=1)
    assert {w.synonyms for w in found} == {("Enteignung",), ("Vergesellschaftung",)}


def test_an_answered_warning_carries_the_reason(passages) -> None:
    answered = {("neubau", SLUG): "Nur als Randbemerkung."}
    [warning] = silent_topic_warnings([NEUBAU], [], {SLUG: passages}, answered)
    assert warning.answer == "Nur als Randbemerkung."


@pytest.mark.parametrize(
    ("text", "synonyms", "expected"),
    [
        ("Die Atomwaffen und die Eskalationsstufe", ("Atomwaffe", "Eskalation"), 2),
        ("Die Sicherheitsgarantien der NATO", ("Garantien", "NATO"), 2),
        ("Atomwaffen, Atomwaffen, Atomwaffen", ("Atomwaffe", "Atomwaffen"), 1),
        ("Der dritte Weltkrieg", ("dritter Weltkrieg", "Weltkrieg"), 1),
        ("Siegeserzählung und Ölpreis", ("Sieg", "Öl"), 0),  # short words: whole words only
        ("Ein Sieg, kein Öl", ("Sieg", "Öl"), 2),
    ],
)
def test_synonyms_are_counted_once_per_word(text: str, synonyms: tuple, expected: int) -> None:
    assert len(synonyms_used(text, synonyms)) == expected


def test_silent_answers_are_read_and_bad_entries_reported() -> None:
    data = {
        "silent": [
            {"topic": "neubau", "source": SLUG, "reason": "Nur am Rand."},
            {"topic": "neubau", "source": SLUG},
            "Quatsch",
        ]
    }
    answers, problems = silent_answers(data)
    assert answers == {("neubau", SLUG): "Nur am Rand."}
    assert [p.split(":")[0] for p in problems] == ["„silent“, Eintrag 2", "„silent“, Eintrag 3"]
    assert silent_answers({"positions": []}) == ({}, [])
    assert silent_answers({"silent": "x"})[1]


# --- `jourfixe check` on a whole invented corpus ---------------------------------------------


def _corpus(tmp_path: Path, position: str, silent: list[dict] | None = None) -> Config:
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir(parents=True)
    content.mkdir()
    (seeds / "mieten.txt").write_text(PROTOCOL, encoding="utf-8")
    digest = hashlib.sha256(PROTOCOL.encode("utf-8")).hexdigest()
    source = {
        "slug": SLUG,
        "title": "Jour fixe vom 03.03.2031: Mietendeckel",
        "author": "Lesekreis (Protokoll)",
        "outlet": "Protokoll",
        "date": "2031-03-03",
        "kind": "protocol",
        "file": "mieten.txt",
        "sha256": digest,
    }
    topics = [
        {"slug": "mieten", "title": "Mietendeckel", "synonyms": ["Mietendeckel", "Deckel"]},
        {"slug": NEUBAU.slug, "title": NEUBAU.title, "synonyms": list(NEUBAU.synonyms)},
    ]
    positions = {
        "positions": [
            {
                "topic": "mieten",
                "source": SLUG,
                "position": position,
                "evidence": [
                    "Ich halte den Mietendeckel für eine Enteignung der Vermieter",
                    "Ohne Deckel steigen die Mieten in den Städten immer weiter",
                    "der Deckel die Knappheit nicht beseitigt, sondern nur ihren Preis",
                ],
            }
        ]
    }
    if silent is not None:
        positions["silent"] = silent
    dump = {"allow_unicode": True, "sort_keys": False}
    (content / "sources.yaml").write_text(yaml.dump({"sources": [source]}, **dump), "utf-8")
    (content / "topics.yaml").write_text(yaml.dump({"topics": topics}, **dump), "utf-8")
    (content / "positions.yaml").write_text(yaml.dump(positions, **dump), "utf-8")
    return Config(db_path=tmp_path / "bot.db", content_dir=content, seeds_dir=seeds)


def test_check_fails_in_german_when_the_group_speaks_on_contributions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _corpus(tmp_path, "Das Protokoll hält fest, der Deckel enteigne die Vermieter.")
    assert check(config) == 1
    out = capsys.readouterr().out
    assert "mieten/protokoll-mieten: spricht für die Gruppe" in out
    assert "nur 1 von 3 Belegstellen sind Antworten der Gruppe" in out
    assert "OK:" not in out and "Traceback" not in out


def test_check_passes_when_attributed_and_prints_the_silent_topic_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Im Protokoll wenden Teilnehmer ein, der Deckel enteigne; die Runde widerspricht."
    assert check(_corpus(tmp_path, text)) == 0  # warnings do not fail the check
    out = capsys.readouterr().out
    assert out.startswith("OK: Inhalte geprüft")
    assert "1 Themen, zu denen eine Quelle als stumm gilt" in out
    assert "neubau/protokoll-mieten: Absatz" in out and "„Neubau“, „Bauland“" in out


def test_check_shows_an_answered_silent_topic_as_decided(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Im Protokoll wenden Teilnehmer ein, der Deckel enteigne; die Runde widerspricht."
    silent = [{"topic": "neubau", "source": SLUG, "reason": "Nur eine Randbemerkung."}]
    config = _corpus(tmp_path, text, silent)
    assert check(config) == 0
    out = capsys.readouterr().out
    assert "als stumm gilt" not in out
    assert "Nur eine Randbemerkung." in out
    broken = _corpus(tmp_path / "b", text, [{"topic": "neubau", "source": SLUG}])
    assert check(broken) == 1
    assert "„silent“, Eintrag 1" in capsys.readouterr().out


# --- /position and /vergleich say whose words a protocol quote is ------------------------------

_LABELLED_QUOTE = re.compile(r"(?:(<i>[^<]*</i>)\n)?<blockquote>(.*?)</blockquote>", re.S)


def _quotes(messages) -> list[tuple[str, str]]:  # list[OutMessage]
    text = "\n\n".join(m.html for m in messages)
    return [
        (label or "", normalize(html.unescape(q))) for label, q in _LABELLED_QUOTE.findall(text)
    ]


def _label(services: Services, evidence: Evidence) -> str:
    passage = services.search.passage(evidence.passage_id)
    assert passage is not None
    return T.QUOTE_SPEAKER_HTML[passage.kind]


def test_position_labels_each_protocol_quote_by_its_speaker(services: Services) -> None:
    content = services.content
    assert content is not None
    protocol = next(s for s in services.catalog.sources if s.kind == "protocol")
    seen = set()
    for position in content.positions_of(protocol.slug):
        topic = content.topic(position.topic)
        assert topic is not None
        quotes = _quotes(position_messages(services, topic, protocol))
        for evidence in position.evidence:
            label = _label(services, evidence)
            assert (label, True) in [(lab, normalize(evidence.phrase) in q) for lab, q in quotes]
            seen.add(label)
    # both kinds occur in the bundled protocol, so both labels were really checked
    assert seen == set(T.QUOTE_SPEAKER_HTML.values())


def test_compare_labels_the_protocol_quote_and_no_other(services: Services) -> None:
    content = services.content
    assert content is not None
    topic = content.topic("sanktionen-wirtschaft")
    assert topic is not None
    quotes = _quotes(compare_messages(services, topic))
    protocol = next(s for s in services.catalog.sources if s.kind == "protocol")
    position = content.position(topic.slug, protocol.slug)
    assert position is not None
    expected = _label(services, position.evidence[0])
    labelled = [label for label, _ in quotes if label]
    assert labelled == [expected]  # articles and blogs are quoted without a speaker label
    assert "Beitrag im Protokoll" in expected
