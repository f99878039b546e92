"""What a member reads when a question is not about the texts, or matches only weakly (issue 11).

Through the plain handler functions, as a private chat (or a mention in a group) sends them.
"""

from __future__ import annotations

import pytest

import bot.handlers  # noqa: F401  (registers every command)
from bot.config import Config
from bot.handlers import quotes
from bot.handlers.base import CALLBACKS, Request
from bot.services import Services, build_services
from bot.texts import quotes as t


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    return build_services(Config(db_path=tmp_path_factory.mktemp("db") / "r.db"))


def ask(text: str, services: Services) -> list:
    request = Request(chat_id=77, chat_type="private", user_id=1, user_name="Anna", text=text)
    return quotes.handle_text(request, services).messages


def _by_author(services: Services) -> dict[str, list]:
    authors: dict[str, list] = {}
    for source in services.catalog.sources:
        authors.setdefault(source.author, []).append(source)
    return authors


def test_a_question_about_a_word_not_in_the_texts_names_it_and_the_author_asked(services):
    author, texts = next((a, s) for a, s in _by_author(services).items() if len(s) > 1)
    name = author.split()[-1].lower()  # members write "fazi", not "Thomas Fazi"
    messages = ask(f"was sagt {name} zu corona", services)
    assert len(messages) == 1
    html = messages[0].html
    assert f"Zu „Corona“ steht in den Texten von {author} nichts." in html  # a noun, capitalised
    assert "/themen" in html
    assert "<blockquote>" not in html  # no passage is presented as the answer


def test_a_word_not_in_the_one_source_asked_names_that_source(services):
    source = next(s[0] for s in _by_author(services).values() if len(s) == 1 and s[0].aliases)
    html = ask(f"was sagt {source.aliases[0].lower()} zu corona", services)[0].html
    assert f"Zu „Corona“ steht in <i>{source.label}</i> nichts." in html


def test_two_missing_words_are_both_named(services):
    html = ask("welche rolle spielen gewerkschaften und streiks gegen den krieg", services)[0].html
    assert "Zu „Gewerkschaften“ und „Streiks“ steht in den Texten nichts." in html


def test_chat_about_the_meeting_gets_a_short_reply(services):
    messages = ask("wer schreibt am montag das protokoll?", services)
    assert [m.html for m in messages] == [t.MEETING_CHAT]


def test_a_missing_word_with_html_is_escaped(services):
    html = ask("was sagt fazi zu <b>Corona</b>", services)[0].html
    assert "<b>Corona" not in html


def test_a_weak_match_says_so_and_offers_the_closest_topics(services):
    question = (
        "warum reden alle von verhandlungen, wenn doch keiner nachgeben will und die front "
        "stillsteht"
    )
    assert services.search.answer(question).weak  # the engine's own judgement
    message = ask(question, services)[-1]
    assert message.html.startswith(t.UNSURE)
    assert "<blockquote>" in message.html  # the passages are still shown, below the doubt
    topic_buttons = [b for row in message.buttons for b in row if b.data.startswith("vg:")]
    assert 1 <= len(topic_buttons) <= quotes.MAX_TOPIC_BUTTONS
    assert all(len(b.data.encode()) <= 64 for row in message.buttons for b in row)
    # pressing one shows the sources side by side on that topic
    press = Request(
        chat_id=77, chat_type="private", user_id=1, user_name="Anna", text="",
        callback_data=topic_buttons[0].data,
    )  # fmt: skip
    reply = CALLBACKS["vg"](press, services)
    assert reply.messages
    topic = services.content.topic(topic_buttons[0].data.split(":", 1)[1])
    assert topic is not None and topic.title in " ".join(m.html for m in reply.messages)


def test_a_clear_match_has_no_doubt(services):
    message = ask("Sekundärsanktionen", services)[-1]
    assert not message.html.startswith(t.UNSURE)
    assert not any(b.data and b.data.startswith("vg:") for row in message.buttons for b in row)


def test_a_caption_or_promoted_book_is_shown_as_such_not_as_the_authors_words(services):
    # the text says nothing about the book its page promotes: the reply shows the promotion
    # as a weak match and says where it stands (SearchOptions.debris), never as the article
    message = ask("wer ist david north", services)[-1]
    assert message.html.startswith(t.UNSURE)
    assert t.DEBRIS_LABEL in message.html and "David North" in message.html
    # a passage of the text itself carries no such label
    assert t.DEBRIS_LABEL not in ask("Sekundärsanktionen", services)[-1].html
