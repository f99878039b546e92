"""/zusammenfassung, /position, /vergleich, /themen and topic answers, through the handlers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from helpers import html, press, send
from helpers import pairs as buttons

from bot.config import Config
from bot.console import run_console
from bot.handlers.base import MAX_CALLBACK_BYTES, Reply
from bot.handlers.content import topic_answer
from bot.services import Services

TELEGRAM_LIMIT = 4096
TAG = re.compile(r"</?(b|i|u|s|code|pre|a|blockquote)\b[^>]*>")


def assert_valid(reply: Reply) -> None:
    """Every message fits Telegram, tags are balanced, callback data is short."""
    assert reply.messages
    for message in reply.messages:
        assert 0 < len(message.html) <= TELEGRAM_LIMIT
        opened = re.findall(r"<(b|i|blockquote|code)>", message.html)
        closed = re.findall(r"</(b|i|blockquote|code)>", message.html)
        assert sorted(opened) == sorted(closed), message.html[:200]
        for row in message.buttons:
            for button in row:
                assert button.data and len(button.data.encode()) <= MAX_CALLBACK_BYTES


# --- /zusammenfassung ------------------------------------------------------------------------


def test_summary_short_with_buttons_for_full_and_theses(services: Services) -> None:
    reply = send("/zusammenfassung Trumps Endspiel", services)
    assert_valid(reply)
    summary = services.content.summary_for("fazi-endspiel")
    assert summary.short[:60] in html(reply)
    assert "Trumps Endspiel in der Ukraine" in html(reply)
    labels = dict(buttons(reply))
    assert labels == {
        "Ganze Zusammenfassung": "z:g:fazi-endspiel",
        "Thesen": "z:t:fazi-endspiel",
    }

    full = press("z:g:fazi-endspiel", services)
    assert_valid(full)
    assert summary.full[-60:] in html(full)
    theses = press("z:t:fazi-endspiel", services)
    assert_valid(theses)
    for number, thesis in enumerate(summary.theses, 1):
        assert f"{number}. {thesis}" in html(theses)


def test_summary_alias_and_ambiguous_source(services: Services) -> None:
    reply = send("/summary Fazi", services)
    assert "passt auf mehrere Quellen" in html(reply)
    assert dict(buttons(reply)) == {
        "Fazi, Illusion des Friedens": "z:k:fazi-illusion",
        "Fazi, Trumps Endspiel": "z:k:fazi-endspiel",
    }
    chosen = press("z:k:fazi-illusion", services)
    assert services.content.summary_for("fazi-illusion").short in html(chosen)


def test_summary_by_slug_is_unambiguous(services: Services) -> None:
    for source in services.catalog.sources:
        reply = send(f"/zusammenfassung {source.slug}", services)
        assert services.content.summary_for(source.slug).short in html(reply)


def test_protocol_summary_has_sections_and_next_meeting(services: Services) -> None:
    reply = send("/zusammenfassung Protokoll", services)
    assert ("Abschnitte", "z:a:protokoll-2026-01-12") in buttons(reply)
    sections = press("z:a:protokoll-2026-01-12", services)
    assert_valid(sections)
    text = html(sections)
    for section in services.content.protocol.sections:
        assert f"Abschnitt {section.number}: {section.title}" in text
    assert "Fragen und Einwände" in text and "Ergebnis der Diskussion" in text
    assert "26.01.2026" in text
    assert "Europa im hybriden Krieg für einen emanzipierten Imperialismus" in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("", "Bitte eine Quelle angeben, z. B. <code>/zusammenfassung Fazi</code>."),
        ("Kochbuch", "Eine Quelle „Kochbuch“ kenne ich nicht. Diese Quellen gibt es:"),
    ],
)
def test_summary_without_a_known_source_lists_the_sources(
    services: Services, args: str, expected: str
) -> None:
    reply = send(f"/zusammenfassung {args}", services)
    assert_valid(reply)
    text = html(reply)
    assert text.startswith(expected)
    assert "WSWS, 18.08.2025" in text  # every source is listed


def test_summary_of_a_too_long_source_name_says_so(services: Services) -> None:
    reply = send("/zusammenfassung " + "x" * 10_000, services)
    assert_valid(reply)
    assert html(reply) == "Das ist zu lang (10000 Zeichen). Bitte höchstens 300 Zeichen."


def test_unknown_button_data_is_answered_not_crashed(services: Services) -> None:
    assert "nicht mehr" in html(press("z:k:gibt-es-nicht", services))
    assert "veraltet" in html(press("vg:gibt-es-nicht", services))
    assert "veraltet" in html(press("po:china", services))


# --- /vergleich and /position ----------------------------------------------------------------


def test_compare_works_for_every_topic(services: Services) -> None:
    content = services.content
    for topic in content.topics:
        reply = send(f"/vergleich {topic.title}", services)
        assert_valid(reply)
        text = html(reply)
        assert topic.title in text
        positioned = {p.source for p in content.positions_for(topic.slug)}
        assert text.count("<blockquote>") == len(positioned)
        for source in services.catalog.sources:
            if source.slug in positioned:
                assert content.position(topic.slug, source.slug).text[:50] in text
        silent = [s.label for s in services.catalog.sources if s.slug not in positioned]
        if silent:
            assert "Äußern sich dazu nicht:" in text
            for label in silent:
                assert label in text.split("Äußern sich dazu nicht:")[1]


def test_compare_quotes_the_passage_of_the_evidence_with_citation(services: Services) -> None:
    reply = send("/vergleich Rolle Europas", services)
    text = html(reply)
    position = services.content.position("europa-ukraine", "wsws-alaska")
    passage = services.search.passage(position.evidence[0].passage_id)
    assert "Ohne Rückendeckung der USA wird die Fortführung des Kriegs" in text
    assert f"Z. {passage.line_start}" in text and "18.08.2025" in text


def test_position_of_one_source_shows_all_its_evidence(services: Services) -> None:
    reply = send("/position Europa Protokoll", services)
    assert_valid(reply)
    position = services.content.position("europa-ukraine", "protokoll-2026-01-12")
    text = html(reply)
    assert TAG.sub("", position.text)[:40] in text
    assert text.count("<blockquote>") == len(position.evidence)
    assert "/vergleich europa-ukraine" in text


def test_position_of_a_silent_source(services: Services) -> None:
    text = html(send("/position China Protokoll", services))
    assert "äußert sich zu „China und die Rivalität mit den USA“ nicht" in text


def test_position_with_an_ambiguous_source_offers_buttons(services: Services) -> None:
    reply = send("/position Alaska Fazi", services)
    assert dict(buttons(reply)) == {
        "Fazi, Illusion des Friedens": "po:alaska-gipfel:fazi-illusion",
        "Fazi, Trumps Endspiel": "po:alaska-gipfel:fazi-endspiel",
    }
    chosen = press("po:alaska-gipfel:fazi-endspiel", services)
    assert_valid(chosen)
    expected = services.content.position("alaska-gipfel", "fazi-endspiel").text
    assert expected[:50] in html(chosen)


def test_position_without_source_compares(services: Services) -> None:
    text = html(send("/position Sanktionen", services))
    assert "wo die Texte stehen" in text and text.count("<blockquote>") == 4


def test_unknown_topic_lists_topics_and_typos_are_forgiven(services: Services) -> None:
    reply = send("/vergleich Kochrezepte", services)
    text = html(reply)
    assert_valid(reply)
    assert "finde ich kein Thema" in text and "Russlands Kriegsziele" in text
    reply = send("/compare Osterweiterug", services)  # a typo still finds the topic
    assert "NATO-Osterweiterung und Sicherheitsgarantien" in html(reply)


@pytest.mark.parametrize("command", ["vergleich", "position"])
def test_empty_and_oversized_topic_arguments(services: Services, command: str) -> None:
    assert "Bitte ein Thema angeben" in html(send(f"/{command}", services))
    assert "zu lang" in html(send(f"/{command} " + "Krieg " * 2000, services))


def test_user_text_is_escaped(services: Services) -> None:
    reply = send("/vergleich <b>Quatsch</b> & 🙂", services)
    assert "&lt;b&gt;Quatsch&lt;/b&gt; &amp; 🙂" in html(reply)
    assert_valid(reply)


def test_topics_list_with_buttons(services: Services) -> None:
    reply = send("/themen", services)
    assert_valid(reply)
    text = html(reply)
    for topic in services.content.topics:
        assert topic.title in text
    data = [d for _, d in buttons(reply)]
    assert data == [f"vg:{t.slug}" for t in services.content.topics]
    compared = press("vg:china", services)
    assert "China und die Rivalität mit den USA" in html(compared)


# --- free-text questions (/frage) -------------------------------------------------------------


def test_a_question_about_a_topic_gets_the_comparison(services: Services) -> None:
    messages = topic_answer("Wie sehen die Texte Europas Rolle?", services)
    assert messages
    text = "\n\n".join(m.html for m in messages)
    assert "Die Rolle Europas und der Ukraine" in text and "wo die Texte stehen" in text


def test_a_question_naming_a_source_gets_its_position(services: Services) -> None:
    messages = topic_answer("Was sagt das Protokoll zu Atomwaffen?", services)
    assert messages
    text = "\n\n".join(m.html for m in messages)
    assert "Atomwaffen und Eskalation</b> – GS-Protokoll 12.01.2026" in text


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("Was sagen die Texte zu Sanktionen gegen Russland?", "Sanktionen, Handel und Wirtschaft"),
        ("Wie sehen die Texte die Rolle Europas im Krieg?", "Die Rolle Europas und der Ukraine"),
        ("Welche Rolle spielt China für Russland?", "China und die Rivalität mit den USA"),
        ("Worüber streiten die Texte beim Friedensplan?", "Trumps Friedensplan"),
        ("Alaska Gibfel", "Der Alaska-Gipfel"),
        ("Was sagen die Texte über Multipolaritaet?", "US-Vorherrschaft und Weltordnung"),
    ],
)
def test_topic_questions_in_other_words_get_the_comparison(
    services: Services, question: str, title: str
) -> None:
    messages = topic_answer(question, services)
    assert messages, question
    assert messages[0].html.startswith(f"<b>{title}")
    assert "wo die Texte stehen" in messages[0].html


@pytest.mark.parametrize(
    "question",
    ["Was sagt Karaganow über Atomwaffen?", "Wer ist Margarita Simonyan?", "Langstreckenraketen"],
)
def test_a_narrow_question_is_left_to_the_passages(services: Services, question: str) -> None:
    assert topic_answer(question, services) is None


def test_frage_shows_the_comparison_before_the_passages(services: Services) -> None:
    reply = send("/frage Wie sehen die Texte Europas Rolle?", services)
    assert "wo die Texte stehen" in reply.messages[0].html


# --- sources without written content ----------------------------------------------------------


def test_a_reading_without_written_content(services: Services, tmp_path: Path) -> None:
    from bot.core.readings import Meta

    text = (
        "Die Friedensbewegung in Europa\n\nDie europäischen Regierungen rüsten auf. "
        "Die Friedensbewegung fordert Verhandlungen statt Waffenlieferungen und warnt vor "
        "einer Eskalation des Krieges in der Ukraine.\n"
    )
    result = services.readings.add(text.encode(), "friedensbewegung.txt",
        Meta(title="Die Friedensbewegung in Europa", author="Test", slug="friedensbewegung"),
        dest_dir=tmp_path,
    )  # fmt: skip
    source = result.source
    reply = send("/zusammenfassung friedensbewegung", services)
    assert_valid(reply)
    assert "noch keine Zusammenfassung geschrieben" in html(reply)
    # the automatic summary follows, labelled as such, with sentences of the text itself
    auto = html(reply).split("Automatisch erstellte Zusammenfassung", 1)
    assert len(auto) == 2 and "nicht geprüft" in auto[1]
    assert "Die Friedensbewegung fordert Verhandlungen" in auto[1]
    compare = html(send("/vergleich Europa", services))
    assert f"<b>Noch nicht ausgewertet:</b> {source.label}" in compare
    assert "Äußern sich dazu nicht" not in compare  # every bundled text speaks on Europe
    one = html(send(f"/position Europa {source.slug}", services))
    assert "noch nicht ausgewertet" in one


def test_without_any_written_content_the_best_passages_answer(services: Services) -> None:
    services.content = None
    reply = send("/vergleich Sanktionen", services)
    assert_valid(reply)
    text = html(reply)
    assert "noch keine geprüften Positionen" in text and "<blockquote>" in text
    assert "noch keine Themen" in html(send("/themen", services))
    summary = html(send("/zusammenfassung WSWS", services))
    assert "noch keine Zusammenfassung geschrieben" in summary
    assert topic_answer("Wie sehen die Texte Europas Rolle?", services) is None


# --- console ---------------------------------------------------------------------------------


def test_compare_in_the_console(tmp_path: Path) -> None:
    out = io.StringIO()
    code = run_console(
        Config(db_path=tmp_path / "t.db"),
        stdin=io.StringIO("/vergleich Alaska-Gipfel\n/themen\n/ende\n"),
        stdout=out,
        download_dir=tmp_path,
    )
    assert code == 0
    text = out.getvalue()
    assert "Der Alaska-Gipfel – wo die Texte stehen" in text
    assert "Äußern sich dazu nicht: Frieden von unten, IO 888/889" in text
    assert "<blockquote>" not in text


# --- through Telegram (PTB against the fake Bot API) ------------------------------------------


async def test_every_topic_button_of_themen_compares_in_telegram(tg, services: Services) -> None:
    """/themen in a group, then each topic's button: the comparison arrives, valid and short."""
    from fakebotapi import parse_html

    (listing,) = await tg.replies(tg.api.group_message("/themen"))
    data = listing.callback_data
    assert len(data) == len(services.content.topics)
    for item in data:
        assert len(item.encode()) <= MAX_CALLBACK_BYTES
        sent = await tg.replies(tg.api.callback(item, listing.result))
        assert sent, item
        for call in sent:
            assert call.error is None and len(parse_html(call.text)) <= TELEGRAM_LIMIT
        assert "wo die Texte stehen" in parse_html(sent[0].text)
        assert "<blockquote" in sent[0].text  # the supporting quote of the first source
