"""Pure parts of the Telegram adapter (routing, command lists, logging) and the fake server."""

from __future__ import annotations

import io
import json
import logging
import urllib.request

import pytest
from fakebotapi import ApiError, FakeBotAPI, parse_html

from bot.handlers.base import COMMANDS, Button, unique_commands
from bot.handlers.format import html_to_text as plain_text
from bot.tg.app import (
    _LogHygiene,
    file_base_url,
    keyboard,
    route_message,
    telegram_commands,
)

BOT = "jourfixe_bot"


def route(text: str, chat_type: str = "supergroup", **kw):
    return route_message(text, chat_type=chat_type, bot_username=BOT, **kw)


@pytest.mark.parametrize(
    ("text", "chat_type", "kind", "name", "args"),
    [
        ("/zitat Karaganow", "supergroup", "command", "zitat", "Karaganow"),
        ("/zitat@jourfixe_bot Karaganow", "supergroup", "command", "zitat", "Karaganow"),
        (
            "/ZITAT@JOURFIXE_BOT  Karaganow  fazi ",
            "supergroup",
            "command",
            "zitat",
            "Karaganow  fazi",
        ),
        ("/quote\nKaraganow", "private", "command", "quote", "Karaganow"),
        ("/gibtsnicht", "private", "unknown", "gibtsnicht", ""),
        ("/gibtsnicht@jourfixe_bot", "supergroup", "unknown", "gibtsnicht", ""),
        ("Was sagt Karaganow?", "private", "text", None, ""),
        ("@jourfixe_bot Was sagt Karaganow?", "supergroup", "text", None, ""),
        ("Frage an @JourFixe_Bot: Europa?", "group", "text", None, ""),
    ],
)
def test_routes(text, chat_type, kind, name, args):
    r = route(text, chat_type)
    assert r is not None
    assert (r.kind, r.name, r.args) == (kind, name, args)
    if kind == "command":
        assert r.command is COMMANDS[name]


@pytest.mark.parametrize(
    "text",
    [
        "/zitat@anderer_bot Karaganow",  # addressed to another bot
        "/gibtsnicht",  # unknown, maybe another bot's
        "Was sagt Karaganow?",  # chatter
        "Schreib mal @jourfixe_bot_fan an",  # a different username that starts like ours
        "mail an jemand@jourfixe_bot.de",  # not a mention
        "",
    ],
)
def test_group_messages_the_bot_stays_silent_on(text):
    assert route(text, "supergroup") is None


def test_mention_is_removed_from_the_question():
    r = route("Sag mal @jourfixe_bot,  was meint   Karaganow?", "supergroup")
    assert r is not None and r.text == "Sag mal , was meint Karaganow?"


def test_reply_to_the_bot_is_a_question_and_empty_messages_are_not():
    r = route("Und Europa?", "supergroup", replied_to_bot=True)
    assert r is not None and (r.kind, r.text) == ("text", "Und Europa?")
    assert route("", "supergroup", replied_to_bot=True) is None  # e.g. a sticker
    assert route("", "private") is None
    doc = route("", "private", has_document=True)
    assert doc is not None and doc.kind == "text"


def test_command_lists_german_and_english():
    german = telegram_commands("de")
    english = telegram_commands("en")
    assert [c.command for c in german] == [c.name for c in unique_commands()]
    assert len(english) == len(german)
    by_name = {c.command: c.description for c in english}
    assert by_name["quote"] == COMMANDS["zitat"].summary_en
    assert all(1 <= len(c.description) <= 256 for c in german + english)


def test_keyboard_rows_and_url_buttons():
    markup = keyboard(
        [[Button("Weiter", "p:1:1"), Button("Quelle", url="https://example.org")], []]
    )
    assert markup is not None
    (row,) = markup.inline_keyboard
    assert row[0].callback_data == "p:1:1" and row[1].url == "https://example.org"
    assert keyboard([]) is None


def test_file_base_url():
    assert file_base_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_base_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"


def test_plain_text_fallback():
    assert plain_text("<b>A &amp; B</b> &lt;c&gt;") == "A & B <c>"


def test_log_hygiene_removes_the_token_from_messages_and_tracebacks():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(_LogHygiene("123:GEHEIM"))
    logger = logging.getLogger("test.hygiene")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.error("calling https://api.telegram.org/bot123:GEHEIM/getMe")
        try:
            raise RuntimeError("url https://api.telegram.org/bot123:GEHEIM/sendMessage failed")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    output = stream.getvalue()
    assert "GEHEIM" not in output
    assert "bot***/getMe" in output and "bot***/sendMessage" in output
    assert "Traceback" in output


# -- the fake server itself: it must reject what Telegram rejects ----------------------------


@pytest.mark.parametrize(
    "bad",
    ["<b>offen", "a < b", "Krieg & Frieden", "<script>x</script>", "<b><i>x</b></i>", "<br/>"],
)
def test_fake_rejects_html_telegram_rejects(bad):
    with pytest.raises(ApiError):
        parse_html(bad)


def test_fake_accepts_telegram_html():
    html = '<b>a</b> &lt;&amp;&gt; <blockquote>z</blockquote> <a href="https://x.org">l</a>'
    assert parse_html(html) == "a <&> z l"


def _post(api: FakeBotAPI, method: str, **params) -> tuple[int, dict]:
    data = urllib.parse.urlencode(
        {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    ).encode()
    req = urllib.request.Request(f"{api.base_url}{api.token}/{method}", data=data)
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        with err:
            return err.code, json.loads(err.read())


def test_fake_server_limits_and_recording(fake_api):
    status, body = _post(fake_api, "sendMessage", chat_id=5, text="x" * 4097)
    assert status == 400 and "too long" in body["description"]
    markup = {"inline_keyboard": [[{"text": "B", "callback_data": "x" * 65}]]}
    status, body = _post(fake_api, "sendMessage", chat_id=5, text="ok", reply_markup=markup)
    assert status == 400 and body["description"].endswith("BUTTON_DATA_INVALID")
    status, body = _post(fake_api, "sendMessage", chat_id=5, text="<b>42</b>", parse_mode="HTML")
    assert status == 200 and body["result"]["text"] == "42"
    assert [c.error is None for c in fake_api.calls_to("sendMessage")] == [False, False, True]
    assert fake_api.calls_to("sendMessage")[-1].params["chat_id"] == 5


def test_fake_server_serves_updates_until_confirmed(fake_api):
    first = fake_api.inject(fake_api.private_message("eins"))
    second = fake_api.inject(fake_api.private_message("zwei"))
    _, body = _post(fake_api, "getUpdates", timeout=0)
    assert [u["update_id"] for u in body["result"]] == [first, second]
    _, body = _post(fake_api, "getUpdates", offset=second, timeout=0)
    assert [u["message"]["text"] for u in body["result"]] == ["zwei"]
    _, body = _post(fake_api, "getUpdates", offset=second + 1, timeout=0)
    assert body["result"] == []


def test_fake_server_rejects_a_wrong_token(fake_api):
    req = urllib.request.Request(f"{fake_api.base_url}999:FALSCH/getMe", data=b"")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    err.value.close()
    assert err.value.code == 401
