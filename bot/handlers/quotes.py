"""Reading commands: /start, /hilfe, /quellen, /zitat, /frage, their paging buttons, free text.

Callback prefixes of this module (each followed by ``<qid>:<n>``, see ``paging``):
``p`` page n of a stored search, ``a`` whole paragraph of the hit with rank n,
``m`` more from the source of the hit with rank n.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from bot.core.limits import MAX_QUERY, too_long
from bot.core.models import Hit, Passage, Source
from bot.core.queries import StoredQuery
from bot.core.search import Answer
from bot.core.search_lexicon import is_noun
from bot.core.social import only_greeting, social_formula
from bot.core.text import normalize
from bot.handlers import content, paging
from bot.handlers.base import (
    COMMANDS,
    Button,
    Command,
    OutMessage,
    Reply,
    Request,
    callback,
    command,
    unique_commands,
)
from bot.handlers.format import TELEGRAM_LIMIT, esc, quote_block, split_message
from bot.handlers.notes import link_quote
from bot.handlers.paging import PER_PAGE
from bot.handlers.sources import split_source
from bot.texts import quotes as t

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)

SHOWN_QUERY = 120  # characters of the query repeated in headings
MAX_SUGGESTIONS = 3
HELP_FIRST_GROUP = "Lesen"  # the bot's main job leads the help page; then registration order
PAGE_INFO_RESERVE = 60  # "Treffer 1–3 von 30" and the blank lines around it
MAX_TOPIC_BUTTONS = 3  # topics offered under a weak match


# --- commands ------------------------------------------------------------------------------


@command(
    "start",
    summary="Begrüßung und Überblick",
    summary_en="Welcome and overview",
    usage="/start",
    example="/start",
)
def start(request: Request, services: Services) -> Reply:
    """Greet the user and show what the bot can do."""
    greeting = t.START_GREETING.format(name=esc(request.user_name or "du"))
    return _reply_html(greeting + "\n\n" + help_text())


@command(
    "hilfe",
    "help",
    summary="Was der Bot kann, mit Beispielen",
    summary_en="What the bot can do, with examples",
    usage="/hilfe",
    example="/hilfe",
)
def help_command(request: Request, services: Services) -> Reply:
    """Every registered command with one example, grouped by feature."""
    return _reply_html(help_text())


def help_text() -> str:
    """The help page, generated from the command registry so new features appear in it."""
    groups: dict[str, list[Command]] = {HELP_FIRST_GROUP: []}
    for cmd in unique_commands():
        groups.setdefault(cmd.group, []).append(cmd)
    blocks = [t.HELP_INTRO]
    for group, cmds in groups.items():
        if not cmds:
            continue
        lines = [t.HELP_GROUP_HEADING.format(group=esc(group))]
        for cmd in cmds:
            line = t.HELP_COMMAND_LINE.format(
                usage=esc(cmd.usage), summary=esc(cmd.summary), example=esc(cmd.example)
            )
            if cmd.aliases:
                head, _, rest = line.partition(" – ")
                aliases = ", /".join(esc(a) for a in cmd.aliases)
                line = head + t.HELP_ALIASES.format(aliases=aliases) + " – " + rest
            lines.append(line)
        blocks.append("\n".join(lines))
    blocks.append(t.HELP_OUTRO)
    return "\n\n".join(blocks)


@command(
    "quellen",
    "sources",
    summary="Die Quellen mit Autor, Medium, Datum und Kurznamen",
    summary_en="The sources with author, outlet, date and short names",
    usage="/quellen",
    example="/quellen",
)
def sources_command(request: Request, services: Services) -> Reply:
    """List every source with its author, outlet, date and the short names it answers to."""
    sync_readings(services)
    sources = list(services.catalog.sources)
    if not sources:
        return Reply.text(t.SOURCES_EMPTY)
    blocks = [t.SOURCES_HEADING.format(count=len(sources))]
    for src in sources:
        aliases = ""
        if src.aliases:
            aliases = t.SOURCE_ALIASES.format(aliases=", ".join(esc(a) for a in src.aliases))
        blocks.append(
            t.SOURCE_ENTRY.format(
                title=esc(src.title),
                byline=" · ".join(  # an empty outlet leaves no empty field
                    esc(x) for x in (src.author, src.outlet, f"{src.date:%d.%m.%Y}") if x
                ),
                slug=esc(src.slug),
                aliases=aliases,
            )
        )
    example = f"<code>/zitat Frieden {esc(_short_name(sources[0]))}</code>"
    blocks.append(t.SOURCES_OUTRO.format(example=example))
    return _reply_html("\n\n".join(blocks))


@command(
    "zitat",
    "quote",
    summary="Wörtliche Zitate zu einem Stichwort, auf Wunsch aus einer Quelle",
    summary_en="Verbatim quotes for a keyword, optionally from one source",
    usage="/zitat STICHWORT [QUELLE]",
    example="/zitat Karaganow",
    expensive=True,
)
def quote_command(request: Request, services: Services) -> Reply:
    """Verbatim quotes matching a keyword, each with its citation, paged."""
    # In reply to a quote the bot sent, /zitat links that passage to the open session.
    linked = link_quote(request, services)
    if linked is not None:
        return linked
    args = request.args.strip()
    if not args:
        return _usage("zitat")
    if (length := too_long(args, MAX_QUERY)) is not None:  # measured after folding
        return Reply.text(t.QUERY_TOO_LONG.format(length=length, limit=MAX_QUERY))
    sync_readings(services)
    keyword, candidates, source_text = split_source(args, services)
    if len(candidates) > 1:
        return _choose_source(request, services, keyword, candidates, source_text)
    source = candidates[0].slug if candidates else None
    query = services.queries.save(request.chat_id, "zitat", keyword, source)
    return Reply(messages=render_results(services, query, 0))


@command(
    "frage",
    "ask",
    summary="Die Textstellen, die eine Frage beantworten",
    summary_en="The passages that answer a question",
    usage="/frage TEXT",
    example="/frage Was sagt Karaganow über Atomwaffen?",
    expensive=True,
)
def ask_command(request: Request, services: Services) -> Reply:
    """The passages that answer a free-text question (after a prepared topic answer, if any)."""
    question = request.args.strip()
    if not question:
        return _usage("frage")
    if (length := too_long(question, MAX_QUERY)) is not None:
        return Reply.text(t.QUERY_TOO_LONG.format(length=length, limit=MAX_QUERY))
    if only_greeting(question):  # "hallo zusammen": a greeting, no question to search
        return Reply.text(t.SOCIAL_REPLIES["greeting"])
    sync_readings(services)
    topic = _topic_answer(question, services)
    query = services.queries.save(request.chat_id, "frage", question, None)
    answer = services.search.answer(
        question, limit=paging.MAX_RESULTS, kinds=paging.QUOTE_KINDS
    )  # the same ranked list paging.run_query gives for the stored query
    if answer.empty == "readings":  # "welche Texte haben wir gelesen": the list of them
        return sources_command(request, services)
    if answer.empty == "another work":  # "wer hat das Kapital geschrieben"
        return Reply.text(t.ANOTHER_WORK)
    # thanks, a wish, a goodbye ("danke!", "gute Nacht"); a greeting opens many a message that
    # goes on to say something ("hallo, ich komme später"): only one that is all greeting is
    formula = None if answer.hits else social_formula(question)
    if formula is not None and formula != "greeting":
        return Reply.text(t.SOCIAL_REPLIES[formula])
    about = _about_sources(answer, services)
    if topic and not answer.hits:
        return Reply(messages=topic + about)
    if about and not answer.hits:
        return Reply(messages=about)
    if not answer.hits and (answer.organisational or answer.missing):
        return Reply(messages=_not_about_the_texts(answer, question, services))
    note, topic_rows = "", []
    if answer.weak:
        note = t.UNSURE
        topic_rows = _topic_buttons(services, question, answer.hits)
    return Reply(
        messages=topic + about + render_results(services, query, 0, answer.hits, note, topic_rows)
    )


MAX_ABOUT = 3  # readings described above the passages of a question about readings


def _about_sources(answer: Answer, services: Services) -> list[OutMessage]:
    """A question about a reading itself ("wer hat den FvU-Text geschrieben", "von wann ist
    der Artikel"): its catalogue entry (title, author, outlet, date, kind, length), one
    message above the passages that carry it (SearchOptions.provenance)."""
    blocks = []
    for slug in answer.about[:MAX_ABOUT]:
        src = services.catalog.get(slug)
        if src is None:
            continue
        served = [p for p in services.search.passages_of(slug) if p.kind in paging.QUOTE_KINDS]
        lines = [t.ABOUT_SOURCE.format(title=esc(src.title))]
        if src.author:
            lines.append(t.ABOUT_AUTHOR.format(author=esc(src.author)))
        if src.outlet:
            lines.append(t.ABOUT_OUTLET.format(outlet=esc(src.outlet)))
        lines.append(t.ABOUT_DATE.format(date=f"{src.date:%d.%m.%Y}"))
        lines.append(t.ABOUT_KIND.format(kind=esc(t.ABOUT_KINDS.get(src.kind, src.kind))))
        if served:
            lines.append(
                t.ABOUT_LENGTH.format(
                    paragraphs=len({p.paragraph for p in served}),
                    words=_rounded(sum(len(p.text.split()) for p in served)),
                )
            )
        blocks.append("\n".join(lines))
    return _messages("\n\n".join(blocks)) if blocks else []


def _rounded(n: int) -> str:
    """A word count as one says it: 87, 450, 3.100 (German thousands separator)."""
    if n >= 1000:
        n = round(n, -2)
    elif n >= 100:
        n = round(n, -1)
    return f"{n:,}".replace(",", ".")


def _not_about_the_texts(answer: Answer, question: str, services: Services) -> list[OutMessage]:
    """Chat about the meeting, or a question whose key word the texts do not contain."""
    if answer.missing:
        shown = [f"„{esc(_as_written(w[:40]))}“" for w in answer.missing[:3]]
        listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " und " + shown[-1]
        named = [s for slug in answer.named if (s := services.catalog.get(slug)) is not None]
        authors = {s.author for s in named}
        if len(named) == 1:  # "was sagt wsws zu corona": the source asked about
            where = t.IN_SOURCE.format(label=esc(named[0].label))
        elif named and len(authors) == 1:  # "was sagt fazi zu corona": all of Fazi's texts
            where = t.IN_TEXTS_OF.format(author=esc(named[0].author))
        else:
            where = t.IN_THE_TEXTS
        text = t.NOT_IN_TEXTS.format(words=listed, where=where)
        if normalize(question) not in {normalize(w) for w in answer.missing}:
            text = t.NOT_IN_TEXTS_QUESTION.format(query=esc(_shorten(question))) + "\n" + text
        return _messages(text)
    return _messages(t.MEETING_CHAT)


def _as_written(word: str) -> str:
    """A word typed in lower case as German writes it: „corona“ → „Corona“ (nouns only)."""
    if word.islower() and is_noun(word):
        return word[0].upper() + word[1:]
    return word


def _topic_buttons(services: Services, question: str, hits: list[Hit]) -> list[list[Button]]:
    """The topics closest to a weakly matched question: those whose positions cite one of
    the hits, else those whose names come closest to the question."""
    content = services.content
    if content is None or not content.topics:
        return []
    cited = {(h.passage.source, h.passage.paragraph) for h in hits[:PER_PAGE]}
    by_id = {h.passage.id: h for h in hits}
    slugs: list[str] = []
    for pos in content.positions:
        for ev in pos.evidence:
            passage = services.search.passage(ev.passage_id)
            near = passage is not None and (passage.source, passage.paragraph) in cited
            if (near or ev.passage_id in by_id) and pos.topic not in slugs:
                slugs.append(pos.topic)
    if not slugs:
        slugs = [topic.slug for topic in content.suggest_topics(question)]
    rows = []
    for slug in slugs[:MAX_TOPIC_BUTTONS]:
        topic = content.topic(slug)
        data = f"vg:{slug}"  # the comparison of the sources on that topic (handlers.content)
        if topic is not None and len(data.encode()) <= 64:
            rows.append([Button(t.BTN_TOPIC.format(title=topic.title), data)])
    return rows


def handle_text(request: Request, services: Services) -> Reply:
    """Plain text in a private chat (or the console) is a question: answer it like /frage."""
    text = (request.text or "").strip()
    return ask_command(dataclasses.replace(request, command="frage", args=text), services)


def unknown_command(request: Request, services: Services) -> Reply:
    """A short hint to /hilfe for a command nobody registered."""
    name = (request.command or "").strip()
    if not name:
        return Reply.text(t.UNKNOWN_COMMAND_PLAIN)
    return Reply.text(t.UNKNOWN_COMMAND.format(command=esc(name[:64])))


# --- buttons -------------------------------------------------------------------------------


@callback("p")
def page_button(request: Request, services: Services) -> Reply:
    """Weiter / Zurück (and the source and suggestion choices): show page n of a search."""
    loaded = _load(request, services)
    if loaded is None:
        return _expired()
    query, page = loaded
    return Reply(messages=render_results(services, query, page), edit=True)


def _pressed_hit(
    request: Request, services: Services
) -> tuple[StoredQuery, list[Hit], int] | None:
    """The stored search and the hit a button under one of its results points at."""
    loaded = _load(request, services)
    if loaded is None:
        return None
    query, rank = loaded
    hits = paging.run_query(services, query)
    return (query, hits, rank) if rank < len(hits) else None


@callback("a")
def paragraph_button(request: Request, services: Services) -> Reply:
    """Ganzer Absatz: the whole paragraph a partial hit was cut from."""
    found = _pressed_hit(request, services)
    if found is None:
        return _expired()
    query, hits, rank = found
    hit = hits[rank]
    whole = whole_paragraph(services, hit)
    heading = t.WHOLE_PARAGRAPH_HEADING.format(
        label=esc(hit.source.label), paragraph=hit.passage.paragraph
    )
    page = _page_of(services, query, hits, rank)
    back = [[Button(t.BTN_BACK_TO_LIST, f"p:{query.id}:{page}")]]
    return Reply(messages=_messages(heading + "\n\n" + quote_block(whole), back), edit=True)


@callback("m")
def more_button(request: Request, services: Services) -> Reply:
    """Mehr aus dieser Quelle: the same search within the source of one hit, as a new message."""
    found = _pressed_hit(request, services)
    if found is None:
        return _expired()
    query, hits, rank = found
    narrowed = services.queries.save(query.chat_id, query.kind, query.text, hits[rank].source.slug)
    return Reply(messages=render_results(services, narrowed, 0))


# --- rendering -----------------------------------------------------------------------------


def render_results(
    services: Services,
    query: StoredQuery,
    page: int,
    hits: list[Hit] | None = None,
    note: str = "",
    extra_rows: list[list[Button]] | None = None,
) -> list[OutMessage]:
    """Page ``page`` of a stored search as one message with its buttons (``note`` above the
    heading and ``extra_rows`` under the buttons: a weak match and the topics closer to it)."""
    if hits is None:
        hits = paging.run_query(services, query)
    if not hits:
        return _no_result(services, query)
    heading = _heading(services, query)
    if note:
        heading = f"{note}\n{heading}"
    blocks = [f"<b>{rank + 1}.</b> {quote_block(hit)}" for rank, hit in enumerate(hits)]
    bounds = page_bounds(heading, blocks)
    page = min(max(page, 0), len(bounds) - 1)
    first, end = bounds[page]
    shown = hits[first:end]
    info = t.PAGE_INFO.format(first=first + 1, last=end, total=len(hits))
    html = "\n\n".join([f"{heading}\n{info}", *blocks[first:end]])

    whole_row = []
    widened: set[tuple[str, int]] = set()  # two parts of one paragraph: one button
    for i, hit in enumerate(shown):
        paragraph = (hit.passage.source, hit.passage.paragraph)
        if hit.passage.part > 0 and paragraph not in widened:
            widened.add(paragraph)
            whole_row.append(
                Button(t.BTN_WHOLE.format(n=first + i + 1), f"a:{query.id}:{first + i}")
            )
    more_rows: list[list[Button]] = []
    if query.source is None and len({hit.source.slug for hit in hits}) > 1:
        seen: set[str] = set()
        for i, hit in enumerate(shown):
            if hit.source.slug not in seen:
                seen.add(hit.source.slug)
                label = t.BTN_MORE.format(label=hit.source.label)
                more_rows.append([Button(label, f"m:{query.id}:{first + i}")])
    nav_row = []
    if page > 0:
        nav_row.append(Button(t.BTN_PREV, f"p:{query.id}:{page - 1}"))
    if page < len(bounds) - 1:
        nav_row.append(Button(t.BTN_NEXT, f"p:{query.id}:{page + 1}"))
    buttons = [row for row in ([whole_row] if whole_row else []) + more_rows + [nav_row] if row]
    return _messages(html, buttons + (extra_rows or []))


def page_bounds(heading: str, blocks: list[str]) -> list[tuple[int, int]]:
    """Split the ranked result blocks into pages: at most PER_PAGE each, and each page fits in
    one Telegram message, so that Weiter / Zurück can edit it in place.

    Deterministic for the same blocks, so a page number in a button stays valid.
    """
    budget = TELEGRAM_LIMIT - len(heading) - PAGE_INFO_RESERVE
    bounds: list[tuple[int, int]] = []
    start, size = 0, 0
    for i, block in enumerate(blocks):
        cost = len(block) + 2
        if i > start and (i - start >= PER_PAGE or size + cost > budget):
            bounds.append((start, i))
            start, size = i, 0
        size += cost
    bounds.append((start, len(blocks)))
    return bounds


def _heading(services: Services, query: StoredQuery) -> str:
    scope = _scope(services, query)
    shown_query = esc(_shorten(query.text))
    if query.kind == "frage":
        return t.ANSWER_HEADING.format(query=shown_query, scope=scope)
    return t.QUOTES_HEADING.format(query=shown_query, scope=scope)


def _page_of(services: Services, query: StoredQuery, hits: list[Hit], rank: int) -> int:
    blocks = [f"<b>{r + 1}.</b> {quote_block(hit)}" for r, hit in enumerate(hits)]
    bounds = page_bounds(_heading(services, query), blocks)
    return next((n for n, (a, b) in enumerate(bounds) if a <= rank < b), 0)


def whole_paragraph(services: Services, hit: Hit) -> Hit:
    """The hit widened to its whole paragraph (itself when the paragraph was not split)."""
    p = hit.passage
    if p.part == 0:
        return hit
    parts = sorted(
        (q for q in services.search.passages_of(p.source) if q.paragraph == p.paragraph),
        key=lambda q: q.part,
    )
    if not parts:
        return hit
    joined = Passage(
        id=f"{p.source}:{p.paragraph}",
        source=p.source,
        paragraph=p.paragraph,
        part=0,
        line_start=min(q.line_start for q in parts),
        line_end=max(q.line_end for q in parts),
        kind=p.kind,
        section=p.section,
        text=" ".join(q.text.strip() for q in parts),
    )
    return Hit(passage=joined, source=hit.source, score=hit.score, also_in=hit.also_in)


def _no_result(services: Services, query: StoredQuery) -> list[OutMessage]:
    scope = _scope(services, query)
    shown_query = esc(_shorten(query.text))
    if query.kind == "frage":
        text = t.NO_ANSWER.format(query=shown_query, scope=scope)
    else:
        text = t.NO_QUOTES.format(query=shown_query, scope=scope)
    words = _suggestions(services, query.text)
    buttons: list[list[Button]] = []
    if words:
        listed = t.DID_YOU_MEAN_OR.join(f"<i>{esc(w)}</i>" for w in words)
        text += "\n" + t.DID_YOU_MEAN.format(words=listed)
        row = []
        for word in words:
            suggested = services.queries.save(query.chat_id, query.kind, word, query.source)
            row.append(Button(t.BTN_SUGGEST.format(word=word), f"p:{suggested.id}:0"))
        buttons.append(row)
    else:
        text += "\n" + (t.TRY_OTHER_IN_SOURCE if query.source else t.TRY_OTHER)
    return _messages(text, buttons)


def _suggestions(services: Services, text: str) -> list[str]:
    try:
        words = services.search.suggest(text)
    except Exception:  # a failing suggestion must not hide the "nothing found" answer
        log.exception("suggest failed for %r", text[:80])
        return []
    result: list[str] = []
    for word in words:
        if word and word.lower() != text.strip().lower() and word not in result:
            result.append(word)
    return result[:MAX_SUGGESTIONS]


def _choose_source(
    request: Request,
    services: Services,
    keyword: str,
    candidates: list[Source],
    source_text: str,
) -> Reply:
    """An ambiguous source argument: one button per candidate, plus all sources."""
    rows = []
    for src in candidates[:8]:
        query = services.queries.save(request.chat_id, "zitat", keyword, src.slug)
        rows.append([Button(src.label, f"p:{query.id}:0")])
    everywhere = services.queries.save(request.chat_id, "zitat", keyword, None)
    rows.append([Button(t.ALL_SOURCES, f"p:{everywhere.id}:0")])
    return Reply.text(t.CHOOSE_SOURCE.format(text=esc(source_text)), rows)


def _topic_answer(question: str, services: Services) -> list[OutMessage]:
    """Prepared topic answers of the content feature, when it offers them for this question."""
    try:
        answer = content.topic_answer(question, services)
    except Exception:  # the passages below still answer the question
        log.exception("topic_answer failed for %r", question[:80])
        return []
    if answer is None:
        return []
    if isinstance(answer, Reply):
        return list(answer.messages)
    if isinstance(answer, OutMessage):
        return [answer]
    return list(answer)


# --- helpers -------------------------------------------------------------------------------


def sync_readings(services: Services) -> None:
    """Let the running bot see readings another process (``jourfixe add``/``remove``) changed.

    One small query when nothing changed; a failure only means answering from what is known.
    """
    try:
        services.readings.sync()
    except Exception:
        log.exception("could not sync the readings with the database")


def _load(request: Request, services: Services) -> tuple[StoredQuery, int] | None:
    values = paging.parse_data(request.callback_data, 2)
    if values is None:
        return None
    qid, n = values
    query = services.queries.load(qid, request.chat_id)
    if query is None:
        return None
    return query, n


def _expired() -> Reply:
    return Reply(toast=t.EXPIRED_BUTTON)


def _scope(services: Services, query: StoredQuery) -> str:
    if query.source is None:
        return ""
    src = services.catalog.get(query.source)
    label = src.label if src is not None else query.source
    return t.SCOPE_SOURCE.format(label=esc(label))


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_QUERY else text[: SHOWN_QUERY - 1].rstrip() + "…"


def _short_name(src: Source) -> str:
    return min(src.aliases, key=len) if src.aliases else src.slug


def _messages(html: str, buttons: list[list[Button]] | None = None) -> list[OutMessage]:
    """Split ``html`` under Telegram's limit; the buttons go under the last part."""
    parts = split_message(html)
    messages = [OutMessage(html=part) for part in parts]
    if buttons:
        messages[-1].buttons = buttons
    return messages


def _reply_html(html: str) -> Reply:
    return Reply(messages=_messages(html))


def _usage(name: str) -> Reply:
    cmd = COMMANDS[name]
    return Reply.text(t.USAGE.format(usage=esc(cmd.usage), example=esc(cmd.example)))
