"""The reading commands, their buttons and the inline mode, through the plain handler functions."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest
from helpers import CHAT, press
from helpers import buttons as buttons_of
from helpers import html as html_of
from helpers import request as req
from helpers import send as run

import bot.handlers  # noqa: F401  (registers every command)
from bot.config import Config
from bot.core.models import Source
from bot.handlers import content, quotes
from bot.handlers.base import (
    COMMANDS,
    Button,
    OutMessage,
    Reply,
    Request,
    command,
    register,
)
from bot.handlers.dispatch import dispatch
from bot.handlers.format import TELEGRAM_LIMIT, esc
from bot.handlers.inline import inline_results
from bot.handlers.paging import PER_PAGE
from bot.services import Services, build_services
from bot.texts import quotes as t


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    return build_services(Config(db_path=tmp_path_factory.mktemp("db") / "t.db"))


def button(reply: Reply, label_start: str) -> Button:
    found = [b for b in buttons_of(reply) if b.label.startswith(label_start)]
    assert found, f"no button {label_start!r} in {[b.label for b in buttons_of(reply)]}"
    return found[0]


def quoted(html: str) -> list[str]:
    return re.findall(r"<blockquote>(.*?)</blockquote>", html, re.DOTALL)


def assert_valid_telegram(reply: Reply) -> None:
    for message in reply.messages:
        assert len(message.html) <= TELEGRAM_LIMIT
        assert message.html.count("<blockquote>") == message.html.count("</blockquote>")


# --- /start, /hilfe, /quellen --------------------------------------------------------------


def test_help_lists_every_command_with_an_example(services: Services) -> None:
    reply = run("/hilfe", services)
    html = html_of(reply)
    names = {cmd.name for cmd in COMMANDS.values()}
    assert {"start", "hilfe", "quellen", "zitat", "frage"} <= names
    for name in names:
        cmd = COMMANDS[name]
        assert esc(cmd.usage) in html
        assert f"<code>{esc(cmd.example)}</code>" in html
        assert f"<b>{esc(cmd.group)}</b>" in html
    assert "/help" in html and "/quote" in html and "/ask" in html
    groups = re.findall(r"<b>([^<]+)</b>\n/", html)
    assert groups[0] == "Lesen"
    assert len(groups) == len(set(groups)) == len({c.group for c in COMMANDS.values()})
    assert_valid_telegram(reply)
    assert html_of(run("/help", services)) == html


def test_help_shows_commands_of_other_features(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def noop(request: Request, services: Services) -> Reply:
        return Reply.text("ok")

    monkeypatch.setattr("bot.handlers.base.COMMANDS", dict(COMMANDS))
    probe = command(
        "probetermin",
        "testdate",
        summary="Einen Probetermin zeigen",
        summary_en="Show a test meeting",
        usage="/probetermin",
        example="/probetermin",
        group="Probe & <Plan>",
    )(noop)
    register([probe], [], [], [])
    html = html_of(run("/hilfe", services))
    assert "<b>Probe &amp; &lt;Plan&gt;</b>" in html
    assert "/probetermin (auch /testdate) – Einen Probetermin zeigen" in html
    assert html.index("<b>Lesen</b>") < html.index("<b>Probe")


def test_start_greets_by_name_and_explains(services: Services) -> None:
    request = req("/start", user_name="<Ben & Co>")
    html = html_of(dispatch(request, services))
    assert "Hallo &lt;Ben &amp; Co&gt;!" in html
    assert "<code>/zitat Karaganow</code>" in html


def test_sources_show_author_outlet_date_and_short_names(services: Services) -> None:
    reply = run("/quellen", services)
    html = html_of(reply)
    for src in services.catalog.sources:
        assert esc(src.title) in html
        assert esc(src.author) in html
        assert esc(src.outlet) in html
        assert f"{src.date:%d.%m.%Y}" in html
        assert f"<code>{src.slug}</code>" in html
        for alias in src.aliases:
            assert esc(alias) in html
    assert "11.12.2025" in html  # Frieden von unten
    assert_valid_telegram(reply)


# --- /zitat --------------------------------------------------------------------------------


def test_quote_returns_verbatim_passages_with_citation(services: Services) -> None:
    reply = run("/zitat Karaganow", services)
    html = html_of(reply)
    hits = services.search.search("Karaganow", limit=PER_PAGE)
    assert hits
    assert "Zitate zu „Karaganow“" in html
    blocks = quoted(html)
    assert blocks[0] == esc(hits[0].passage.text)
    for block in blocks:
        assert "karagano" in block.lower()  # either spelling: Karaganow or Karaganov
    protocol = services.catalog.get("protokoll-2026-01-12")
    assert protocol is not None
    assert f"<i>{esc(protocol.title)}</i>, {esc(protocol.author)}, 12.01.2026, Z. " in html
    # every hit is from the protocol: "mehr aus dieser Quelle" would show the same list
    assert not [b for b in buttons_of(reply) if b.label.startswith("mehr aus ")]
    assert_valid_telegram(reply)


@pytest.mark.parametrize("text", ["/zitat", "/zitat   ", "/frage", "/quote", "/ask  "])
def test_missing_argument_gives_usage_with_example(services: Services, text: str) -> None:
    html = html_of(run(text, services))
    assert html.startswith("So geht's: <code>/")
    assert "Beispiel: <code>/" in html
    assert "blockquote" not in html


def test_html_special_characters_in_the_query_come_back_escaped(services: Services) -> None:
    for query in ("<b>Karaganow</b> & *Putin* _x_", "a<b", "Tom & Jerry"):
        for name in ("zitat", "frage"):
            html = html_of(run(f"/{name} {query}", services))
            assert esc(query) in html
            without_markup = re.sub(r"</?(b|i|code|blockquote)>", "", html)
            assert "<" not in without_markup
            assert not re.search(r"&(?!amp;|lt;|gt;|quot;)", html)


def test_html_in_a_source_is_escaped(services: Services) -> None:
    slug = "html-test"
    source = Source(
        slug=slug,
        title="Über <b>Bold</b> & *Sterne*",
        author="A_B & C",
        outlet="<Verlag>",
        date=date(2025, 3, 1),
        kind="article",
        file="/nonexistent/html-test.txt",
        sha256="0" * 64,
        short="HTML-Test",
    )
    text = "Die Quote <script>alert(1)</script> & Mondkalb_Zeichen *fett* steht hier.\n"
    with services.store.transaction():
        services.catalog.add(source)
        services.search.add_source(source, text)
    try:
        html = html_of(run("/zitat Mondkalb", services))
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Mondkalb_Zeichen" in html
        assert "<i>Über &lt;b&gt;Bold&lt;/b&gt; &amp; *Sterne*</i>, A_B &amp; C" in html
        sources_html = html_of(run("/quellen", services))
        assert "&lt;Verlag&gt;" in sources_html and "<Verlag>" not in sources_html
        results, _ = inline_results("Mondkalb", "", services)
        assert results and "&lt;script&gt;" in results[0].html
    finally:
        with services.store.transaction():
            services.search.remove_source(slug)
            services.catalog.remove(slug)


def test_quote_with_a_source_argument_stays_in_that_source(services: Services) -> None:
    html = html_of(run("/zitat Karaganow protokoll", services))
    assert "Zitate zu „Karaganow“</b> in <i>GS-Protokoll 12.01.2026</i>" in html
    assert html.count("GS-Protokoll") >= 1
    assert "World Socialist" not in html


def test_a_title_word_after_the_keyword_is_part_of_the_search(services: Services) -> None:
    # "Trump" is a word of two titles, but a search for "Putin Trump" means both words
    html = html_of(run("/zitat Putin Trump", services))
    assert "Zitate zu „Putin Trump“" in html
    assert "Welche Quelle" not in html


def test_ambiguous_source_offers_buttons_to_choose(services: Services) -> None:
    reply = run("/zitat Frieden fazi", services)
    html = html_of(reply)
    assert "Welche Quelle meinst du mit „fazi“?" in html
    labels = [b.label for b in buttons_of(reply)]
    assert labels == ["Fazi, Illusion des Friedens", "Fazi, Trumps Endspiel", t.ALL_SOURCES] or (
        labels == ["Fazi, Trumps Endspiel", "Fazi, Illusion des Friedens", t.ALL_SOURCES]
    )
    chosen = press(button(reply, "Fazi, Trumps Endspiel"), services)
    assert chosen.edit
    chosen_html = html_of(chosen)
    assert "Zitate zu „Frieden“</b> in <i>Fazi, Trumps Endspiel</i>" in chosen_html
    assert "Z. " in chosen_html
    assert "Illusion des Friedens</i>," not in chosen_html
    everywhere = press(button(reply, t.ALL_SOURCES), services)
    assert "Zitate zu „Frieden“</b>" in html_of(everywhere)


# --- paging and buttons --------------------------------------------------------------------


def test_paging_forward_and_back(services: Services) -> None:
    first = run("/zitat Trump", services)
    first_html = html_of(first)
    assert f"Treffer 1–{PER_PAGE} von " in first_html
    assert len(quoted(first_html)) == PER_PAGE
    assert not [b for b in buttons_of(first) if b.label == t.BTN_PREV]

    second = press(button(first, t.BTN_NEXT), services)
    assert second.edit
    second_html = html_of(second)
    assert f"Treffer {PER_PAGE + 1}–{2 * PER_PAGE} von " in second_html
    assert f"<b>{PER_PAGE + 1}.</b>" in second_html
    assert not set(quoted(first_html)) & set(quoted(second_html))

    back = press(button(second, t.BTN_PREV), services)
    assert back.edit
    assert html_of(back) == first_html
    assert_valid_telegram(second)


def test_last_page_has_no_next_button(services: Services) -> None:
    reply = run("/zitat Karaganow", services)
    total = int(re.search(r"von (\d+)", html_of(reply)).group(1))  # type: ignore[union-attr]
    pages = -(-total // PER_PAGE)
    for _ in range(pages - 1):
        reply = press(button(reply, t.BTN_NEXT), services)
    assert f"von {total}" in html_of(reply)
    assert not [b for b in buttons_of(reply) if b.label == t.BTN_NEXT]


def test_buttons_work_after_a_restart(tmp_path) -> None:
    config = Config(db_path=tmp_path / "t.db")
    first = build_services(config)
    next_button = button(run("/zitat Trump", first), t.BTN_NEXT)
    first.store.close()

    restarted = build_services(config)
    page = press(next_button, restarted)
    assert page.edit and page.toast is None
    assert f"Treffer {PER_PAGE + 1}–" in html_of(page)


@pytest.mark.parametrize(
    "data",
    [
        "p:999999:0",
        "p:abc:0",
        "p:",
        "p",
        "p:1",
        "p:1:2:3",
        "p:-1:0",
        "a:999999:0",
        "a:x:y",
        "m:999999:0",
        "m::",
        "p:1:" + "9" * 40,
        "a:1:99",
    ],
)
def test_stale_or_malformed_buttons_get_a_toast(services: Services, data: str) -> None:
    run("/zitat Karaganow", services)  # at least one stored query exists (id 1 in this DB)
    reply = press(data, services)
    assert reply.toast == "Diese Schaltfläche ist abgelaufen – bitte die Suche neu starten."
    assert reply.messages == []


def test_a_button_from_another_chat_is_not_honoured(services: Services) -> None:
    next_button = button(run("/zitat Trump", services), t.BTN_NEXT)
    reply = press(next_button, services, chat_id=CHAT + 1)
    assert reply.toast == t.EXPIRED_BUTTON


def test_more_from_this_source(services: Services) -> None:
    reply = run("/zitat Trump", services)
    more = [b for b in buttons_of(reply) if b.label.startswith("mehr aus ")]
    assert more
    label = more[0].label.removeprefix("mehr aus ")
    narrowed = press(more[0], services)
    assert not narrowed.edit  # a new message: the list stays
    html = html_of(narrowed)
    assert f"Zitate zu „Trump“</b> in <i>{esc(label)}</i>" in html
    assert not [b for b in buttons_of(narrowed) if b.label.startswith("mehr aus ")]
    source = next(s for s in services.catalog.sources if s.label == label)
    for block_citation in re.findall(r"</blockquote>\n— (.*)", html):
        assert block_citation.startswith(f"<i>{esc(source.title)}</i>")


def _split_hit_query(services: Services) -> tuple[str, str]:
    """A search whose first hit is part of a split paragraph, and that paragraph's slug."""
    for src in services.catalog.sources:
        for passage in services.search.passages_of(src.slug):
            if passage.part == 1 and passage.kind in ("text", "contribution", "answer"):
                words = [w for w in re.findall(r"\w{9,}", passage.text)][:3]
                query = " ".join(words)
                hits = services.search.search(query, limit=1, source=src.slug)
                if hits and hits[0].passage.id == passage.id:
                    return query, src.slug
    raise AssertionError("the seeds have no split paragraph")


def test_whole_paragraph_button_shows_every_part(services: Services) -> None:
    query, slug = _split_hit_query(services)
    source = services.catalog.get(slug)
    assert source is not None
    reply = run(f"/zitat {query} {slug}", services)
    whole = press(button(reply, "ganzer Absatz (1)"), services)
    assert whole.edit
    html = html_of(whole)
    hit = services.search.search(query, limit=1, source=slug)[0]
    parts = [p for p in services.search.passages_of(slug) if p.paragraph == hit.passage.paragraph]
    assert len(parts) >= 2
    for part in parts:
        assert esc(part.text.strip()) in html
    first_line = min(p.line_start for p in parts)
    assert f"Z. {first_line}" in html
    back = press(button(whole, t.BTN_BACK_TO_LIST), services)
    assert html_of(back) == html_of(reply)


def test_one_whole_paragraph_button_per_paragraph(tmp_path) -> None:
    from bot.core.readings import parse_meta_args

    services = build_services(Config(db_path=tmp_path / "t.db", data_dir=tmp_path))
    text = "Titel\n\n" + "Der Frieden braucht Verhandlungen über Europa und mehr. " * 60
    meta = parse_meta_args(title="Langer Absatz", author="Rosa", slug="langer-absatz")
    services.readings.add(text.encode(), "lang.txt", meta, dest_dir=tmp_path)
    reply = run("/zitat Verhandlungen langer-absatz", services)
    hits = services.search.search("Verhandlungen", limit=3, source="langer-absatz")
    assert len({(h.passage.paragraph, h.passage.part) for h in hits}) >= 2  # parts of one
    whole = [b for b in buttons_of(reply) if b.label.startswith("ganzer Absatz")]
    assert len(whole) == 1
    services.store.close()


def test_quellen_zitat_frage_and_inline_see_a_reading_another_process_added(tmp_path) -> None:
    from bot.core.readings import parse_meta_args

    config = Config(db_path=tmp_path / "t.db", data_dir=tmp_path)
    running = build_services(config)  # the bot process
    assert "Zwischenablagebeispiel" not in html_of(run("/quellen", running))
    cli = build_services(config)  # `jourfixe add` in another process, same database
    text = "Titel\n\nEin Absatz über das Zwischenablagebeispiel und den Frieden in Europa.\n"
    meta = parse_meta_args(title="Das Zwischenablagebeispiel", author="Karla", slug="zwischen")
    cli.readings.add(text.encode(), "z.txt", meta, dest_dir=tmp_path)
    cli.store.close()

    assert "Das Zwischenablagebeispiel" in html_of(run("/quellen", running))
    assert quoted(html_of(run("/zitat Zwischenablagebeispiel", running)))
    assert quoted(html_of(run("/frage Was ist das Zwischenablagebeispiel?", running)))
    results, _ = inline_results("Zwischenablagebeispiel", "", running)
    assert results and "Karla" in results[0].title
    running.store.close()


# --- no result -----------------------------------------------------------------------------


def test_no_result_says_so_and_suggests_close_words(services: Services) -> None:
    reply = run("/zitat Sanktionitis", services)
    html = html_of(reply)
    assert "Zu „Sanktionitis“ habe ich keine Zitate gefunden." in html
    assert "Meintest du <i>" in html
    suggestion = buttons_of(reply)[0]
    assert "sanktion" in suggestion.label.lower()
    found = press(suggestion, services)
    assert found.edit
    assert quoted(html_of(found))


def test_nonsense_finds_nothing_without_error(services: Services) -> None:
    for text in ("/zitat qqqxxyzz", "/frage 🤷‍♀️🤷‍♀️", "/zitat ????", "/frage ..."):
        html = html_of(run(text, services))
        assert "keine" in html
        assert "blockquote" not in html


def test_no_result_advice_mentions_the_source_only_when_one_was_given(
    services: Services,
) -> None:
    everywhere = html_of(run("/zitat qqqxxyzz", services))
    assert "Quellenangabe" not in everywhere and "anderen Stichwort" in everywhere
    in_source = html_of(run("/zitat qqqxxyzz wsws", services))
    assert "in <i>WSWS" in in_source and "ohne Quellenangabe" in in_source


def test_too_long_query_is_refused_politely(services: Services) -> None:
    html = html_of(run("/frage " + "Krieg und Frieden " * 600, services))
    assert "zu lang" in html


# --- /frage and free text ------------------------------------------------------------------


def test_question_returns_passages(services: Services) -> None:
    reply = run("/frage Was sagt Karaganow über Atomwaffen?", services)
    html = html_of(reply)
    assert "Textstellen zu deiner Frage" in html
    assert "<i>Was sagt Karaganow über Atomwaffen?</i>" in html
    assert "Karaganow" in quoted(html)[0]
    assert "Atomwaffen" in quoted(html)[0]
    assert_valid_telegram(reply)


def test_plain_text_is_a_question(services: Services) -> None:
    text = "Was sagt die WSWS zum Alaska-Gipfel?"
    by_text = quotes.handle_text(req(text), services)
    by_command = run(f"/frage {text}", services)
    assert html_of(by_text) == html_of(by_command)
    assert quoted(html_of(by_text))


def test_prepared_topic_answer_comes_first(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def topic_answer(question: str, services: Services) -> list[OutMessage]:
        return (
            [OutMessage(html=f"<b>Thema</b> {esc(question)}")] if "Karaganow" in question else []
        )

    monkeypatch.setattr(content, "topic_answer", topic_answer, raising=False)
    reply = run("/frage Karaganow und die Atomwaffen", services)
    assert reply.messages[0].html == "<b>Thema</b> Karaganow und die Atomwaffen"
    assert "Textstellen zu deiner Frage" in reply.messages[1].html
    other = run("/frage Alaska-Gipfel", services)
    assert "Textstellen zu deiner Frage" in other.messages[0].html


def test_unknown_command_points_to_help(services: Services) -> None:
    reply = quotes.unknown_command(req("/zitiere <x>"), services)
    assert html_of(reply) == "Den Befehl /zitiere kenne ich nicht. Was ich kann, zeigt /hilfe."
    odd = quotes.unknown_command(dataclasses.replace(req("/<b>"), command="<b>"), services)
    assert "/&lt;b&gt;" in html_of(odd)


def test_expensive_commands_are_marked(services: Services) -> None:
    assert COMMANDS["zitat"].expensive and COMMANDS["quote"].expensive
    assert COMMANDS["frage"].expensive and COMMANDS["ask"].expensive
    assert not COMMANDS["hilfe"].expensive and not COMMANDS["quellen"].expensive


# --- long replies --------------------------------------------------------------------------


def test_long_results_are_split_under_the_telegram_limit(services: Services) -> None:
    slug = "lang-test"
    source = Source(
        slug=slug,
        title="Ein langer Text",
        author="Lang & Breit",
        outlet="Testverlag",
        date=date(2025, 1, 2),
        kind="article",
        file="/nonexistent/lang-test.txt",
        sha256="0" * 64,
    )
    sentence = "Der Zwiebelkuchen <heiß> & lecker steht im Satz Nummer {n} mit vielen Wörtern. "
    paragraphs = ["".join(sentence.format(n=i * 100 + k) for k in range(60)) for i in range(4)]
    with services.store.transaction():
        services.catalog.add(source)
        services.search.add_source(source, "\n\n".join(paragraphs) + "\n")
    try:
        reply = run(f"/zitat Zwiebelkuchen {slug}", services)
        assert_valid_telegram(reply)
        whole = press(button(reply, "ganzer Absatz"), services)
        assert len(whole.messages) >= 2
        assert_valid_telegram(whole)
        assert whole.messages[-1].buttons and not whole.messages[0].buttons
        text = "".join(quoted(html_of(whole)))
        assert text.count("Zwiebelkuchen") == 60
    finally:
        with services.store.transaction():
            services.search.remove_source(slug)
            services.catalog.remove(slug)


# --- inline mode ---------------------------------------------------------------------------


def test_inline_results_are_paged_up_to_fifty(services: Services) -> None:
    seen: list[str] = []
    offset = ""
    pages = 0
    while True:
        results, offset = inline_results("Trump", offset, services)
        pages += 1
        assert len(results) <= 10
        seen.extend(r.id for r in results)
        for r in results:
            assert len(r.id.encode()) <= 64
            # a photo caption (debris in sentences) says where it is from before its quote
            assert r.html.removeprefix(f"{t.DEBRIS_LABEL}\n").startswith("<blockquote>")
            assert "</blockquote>\n— <i>" in r.html
            assert "Z. " in r.title
            assert "<" not in r.description
        if not offset:
            break
        assert pages < 10
    assert len(seen) == len(set(seen)) == 50
    assert pages == 5
    assert inline_results("Trump", "50", services) == ([], "")


def test_inline_query_edge_cases(services: Services) -> None:
    assert inline_results("", "", services) == ([], "")
    assert inline_results("   ", "", services) == ([], "")
    assert inline_results("qqqxxyzz", "", services) == ([], "")
    first, _ = inline_results("Karaganow", "", services)
    assert inline_results("Karaganow", "kaputt", services)[0] == first
    results, _ = inline_results("Karaganow protokoll", "", services)
    assert results and all(r.title.startswith("GS-Protokoll") for r in results)


def test_pages_of_long_quotes_each_fit_in_one_message(services: Services) -> None:
    slug = "lange-titel"
    source = Source(
        slug=slug,
        title="Ein ausführlicher Titel " * 60,  # ~1400 characters in every citation
        author="Autorin",
        outlet="Testverlag",
        date=date(2025, 1, 3),
        kind="article",
        file="/nonexistent/lange-titel.txt",
        sha256="0" * 64,
        short="Lange Titel",
    )
    sentence = "Das Quittenbrot im Absatz {p} ist Satz {n} einer längeren Erörterung. "
    paragraphs = ["".join(sentence.format(p=p, n=n) for n in range(13)) for p in range(6)]
    with services.store.transaction():
        services.catalog.add(source)
        services.search.add_source(source, "\n\n".join(paragraphs) + "\n")
    try:
        reply = run(f"/zitat Quittenbrot {slug}", services)
        seen: list[str] = []
        for _ in range(10):
            assert len(reply.messages) == 1
            assert_valid_telegram(reply)
            seen.extend(quoted(html_of(reply)))
            nxt = [b for b in buttons_of(reply) if b.label == t.BTN_NEXT]
            if not nxt:
                break
            reply = press(nxt[0], services)
        assert len(seen) == len(set(seen)) == 6
        assert "Treffer 6–6 von 6" in html_of(reply)  # one long quote per page
    finally:
        with services.store.transaction():
            services.search.remove_source(slug)
            services.catalog.remove(slug)
