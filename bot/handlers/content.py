"""Handlers: written content – /zusammenfassung, /position, /vergleich, /themen.

Callback prefixes (data stays under 64 bytes):
  z:<k|g|t|a>:<source>   Kurzfassung, ganze Zusammenfassung, Thesen, Protokollabschnitte
  po:<topic>:<source>    the position of one source on one topic
  vg:<topic>             all sources on one topic
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.core.content import TYPO_SCORE, content_words, word_similarity
from bot.core.ingest import split_sentences
from bot.core.models import Hit, Passage, Source
from bot.core.text import normalize, words
from bot.handlers.base import (
    MAX_CALLBACK_BYTES,
    Button,
    OutMessage,
    Reply,
    Request,
    callback,
    command,
)
from bot.handlers.format import esc, quote_block, split_message
from bot.handlers.sources import split_source
from bot.texts import content as T

if TYPE_CHECKING:
    from bot.core.content import ContentStore, Evidence, Topic
    from bot.services import Services

MAX_ARGS = 300  # characters of a topic or source argument
QUOTE_CHARS = 600  # longer passages are cut to the sentences around the evidence
SUMMARY_PREFIX, POSITION_PREFIX, COMPARE_PREFIX = "z", "po", "vg"
# words that frame a question about a topic without narrowing it ("Wie sehen die Texte …")
FRAMING = frozenset(
    normalize(w)
    for w in """
    sehen sieht seht beurteilen beurteilt bewerten bewertet einschätzen einschätzung position
    positionen haltung haltungen stellung standpunkt standpunkte sicht sichtweise sichtweisen
    vergleich vergleichen vergleiche unterschied unterschiede unterscheiden unterscheidet
    gemeinsam gemeinsamkeiten rolle verschiedenen einzelnen jeweils behandeln behandelt
    darstellen dargestellt stellen argumentieren argumentiert insgesamt allgemein aussage
    aussagen unterschiedlich erklären erklärt beschreiben beschrieben texten verstehen versteht
    einig uneinig streiten streit debatte blick kurz zusammen zusammengefasst worüber
    russland russlands krieg krieges kriegs ukrainekrieg ukrainekrieges spielt spielen
    """.split()
)


# --- commands --------------------------------------------------------------------------------


@command(
    "zusammenfassung",
    "summary",
    summary=T.SUMMARY_SUMMARY,
    summary_en=T.SUMMARY_SUMMARY_EN,
    usage="/zusammenfassung QUELLE",
    example="/zusammenfassung Fazi Endspiel",
    group=T.GROUP,
)
def summary_command(request: Request, services: Services) -> Reply:
    """The short summary of a source, with buttons for the full summary and the theses."""
    args = request.args.strip()
    if not args:
        return Reply.text(T.SUMMARY_USAGE_HTML.format(sources=_source_list(services)))
    if len(args) > MAX_ARGS:
        return Reply.text(T.QUERY_TOO_LONG_HTML.format(length=len(args), limit=MAX_ARGS))
    exact = services.catalog.get(args.lower())  # a slug, e.g. from the schedule's button
    found = [exact] if exact else services.catalog.resolve(args)
    if not found:
        return Reply.text(
            T.SOURCE_UNKNOWN_HTML.format(text=esc(args), sources=_source_list(services))
        )
    if len(found) > 1:
        rows = _rows(Button(s.label, _data(SUMMARY_PREFIX, "k", s.slug)) for s in found[:8])
        return Reply.text(T.SOURCE_AMBIGUOUS_HTML.format(text=esc(args)), rows)
    return Reply(messages=summary_messages(services, found[0], "k"))


@command(
    "position",
    summary=T.POSITION_SUMMARY,
    summary_en=T.POSITION_SUMMARY_EN,
    usage="/position THEMA [QUELLE]",
    example="/position Europa Protokoll",
    group=T.GROUP,
)
def position_command(request: Request, services: Services) -> Reply:
    """Where one source (or, without a source, every source) stands on a topic."""
    args = request.args.strip()
    if not args:
        return Reply.text(
            T.TOPIC_USAGE_HTML.format(command="position", topics=_topic_list(services))
        )
    if len(args) > MAX_ARGS:
        return Reply.text(T.QUERY_TOO_LONG_HTML.format(length=len(args), limit=MAX_ARGS))
    content = _content(services)
    topic_text, sources, source_text = split_source(args, services)  # THEMA [QUELLE]
    if content is None:
        return Reply(messages=fallback_messages(services, topic_text, sources or None))
    topic = _match(content, topic_text)
    if topic is None and sources:  # the "source" words may belong to the topic after all
        topic, sources = _match(content, args), []
    if topic is None:
        return _unknown_topic(services, content, args)
    if not sources:
        return Reply(messages=compare_messages(services, topic))
    if len(sources) > 1:
        rows = _rows(
            Button(s.label, _data(POSITION_PREFIX, topic.slug, s.slug)) for s in sources[:8]
        )
        return Reply.text(T.SOURCE_AMBIGUOUS_HTML.format(text=esc(source_text)), rows)
    return Reply(messages=position_messages(services, topic, sources[0]))


@command(
    "vergleich",
    "compare",
    summary=T.COMPARE_SUMMARY,
    summary_en=T.COMPARE_SUMMARY_EN,
    usage="/vergleich THEMA",
    example="/vergleich Rolle Europas",
    group=T.GROUP,
)
def compare_command(request: Request, services: Services) -> Reply:
    """Every source's position on a topic, each with one supporting quote."""
    args = request.args.strip()
    if not args:
        return Reply.text(
            T.TOPIC_USAGE_HTML.format(command="vergleich", topics=_topic_list(services))
        )
    if len(args) > MAX_ARGS:
        return Reply.text(T.QUERY_TOO_LONG_HTML.format(length=len(args), limit=MAX_ARGS))
    content = _content(services)
    if content is None:
        return Reply(messages=fallback_messages(services, args))
    topic = _match(content, args)
    if topic is None:
        return _unknown_topic(services, content, args)
    return Reply(messages=compare_messages(services, topic))


@command(
    "themen",
    "topics",
    summary=T.TOPICS_SUMMARY,
    summary_en=T.TOPICS_SUMMARY_EN,
    usage="/themen",
    example="/themen",
    group=T.GROUP,
)
def topics_command(request: Request, services: Services) -> Reply:
    """The topics, how many texts take a position on each, and a button per topic."""
    content = _content(services)
    if content is None or not content.topics:
        return Reply.text(T.NO_TOPICS_HTML)
    total = len(services.catalog.sources)
    lines = [T.TOPICS_HEAD_HTML, ""]
    for topic in content.topics:
        count = len({p.source for p in content.positions_for(topic.slug)})
        lines.append(T.TOPIC_LINE_HTML.format(title=esc(topic.title), count=count, total=total))
    lines += ["", T.TOPICS_FOOTER_HTML]
    buttons = [Button(t.title, _data(COMPARE_PREFIX, t.slug)) for t in content.topics]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return Reply.text("\n".join(lines), rows)


# --- buttons ---------------------------------------------------------------------------------


@callback(SUMMARY_PREFIX)
def summary_button(request: Request, services: Services) -> Reply:
    """Kurzfassung / Ganze Zusammenfassung / Thesen / Abschnitte of one source."""
    _, view, slug = _parts(request.callback_data, 3)
    source = services.catalog.get(slug)
    if source is None or view not in ("k", "g", "t", "a"):
        return Reply.text(T.SOURCE_GONE_HTML if source is None else T.EXPIRED)
    return Reply(messages=summary_messages(services, source, view))


@callback(POSITION_PREFIX)
def position_button(request: Request, services: Services) -> Reply:
    """The position of the chosen source on a topic."""
    _, topic_slug, slug = _parts(request.callback_data, 3)
    content = _content(services)
    topic = content.topic(topic_slug) if content else None
    source = services.catalog.get(slug)
    if topic is None or source is None:
        return Reply.text(T.EXPIRED)
    return Reply(messages=position_messages(services, topic, source))


@callback(COMPARE_PREFIX)
def compare_button(request: Request, services: Services) -> Reply:
    """The comparison of all sources on the chosen topic."""
    _, topic_slug = _parts(request.callback_data, 2)
    content = _content(services)
    topic = content.topic(topic_slug) if content else None
    if topic is None:
        return Reply.text(T.EXPIRED)
    return Reply(messages=compare_messages(services, topic))


# --- for /frage --------------------------------------------------------------------------------


def topic_answer(question: str, services: Services) -> list[OutMessage] | None:
    """The comparison (or one source's position) when a question clearly targets a topic.

    "Wie sehen die Texte Europas Rolle?" is about a topic; "Was sagt Karaganow über
    Atomwaffen?" is not (Karaganow narrows it to passages): every word of the question must
    name the topic, name a source, or merely frame the question.
    """
    content = _content(services)
    if content is None or len(question) > MAX_ARGS:
        return None
    found = content.match_topic_detail(question)
    if found is None:
        return None
    topic, _score, used = found
    tokens = content_words(question)
    topic_words = {w for name in (topic.title, *topic.synonyms) for w in content_words(name)}
    leftover = [
        w
        for i, w in enumerate(tokens)
        if i not in used
        and w not in FRAMING
        and not any(word_similarity(t, w) >= TYPO_SCORE for t in topic_words)
    ]
    sources, named = _named_sources(services, content, question)
    if any(w not in named for w in leftover):
        return None
    if sources:
        messages: list[OutMessage] = []
        for source in sources:
            messages += position_messages(services, topic, source)
        return messages
    return compare_messages(services, topic)


# --- rendering -------------------------------------------------------------------------------


def summary_messages(services: Services, source: Source, view: str = "k") -> list[OutMessage]:
    """One view of a source's summary: k(urz), g(anz), t(hesen), a(bschnitte)."""
    content = _content(services)
    summary = content.summary_for(source.slug) if content else None
    head = T.SUMMARY_HEAD_HTML.format(
        title=esc(source.title), author=esc(source.author), date=f"{source.date:%d.%m.%Y}"
    )
    if summary is None:
        return _messages("\n\n".join([head, *_no_summary(services, source, content)]))
    if view == "g":
        body = [T.SUMMARY_FULL_LABEL_HTML, *(esc(p) for p in summary.full.split("\n"))]
    elif view == "t":
        body = [
            T.THESES_LABEL_HTML
            + "\n"
            + "\n".join(f"{i}. {esc(t)}" for i, t in enumerate(summary.theses, 1))
        ]
    elif view == "a" and content and content.protocol and content.protocol.source == source.slug:
        body = _protocol_sections(content)
    else:
        view = "k"
        body = [esc(summary.short)]
    labels = {"k": T.BTN_SHORT, "g": T.BTN_FULL, "t": T.BTN_THESES}
    if content and content.protocol and content.protocol.source == source.slug:
        labels["a"] = T.BTN_SECTIONS
    buttons = [
        Button(label, _data(SUMMARY_PREFIX, key, source.slug))
        for key, label in labels.items()
        if key != view
    ]
    return _messages("\n\n".join([head, *body]), [b for b in buttons if b.data])


def compare_messages(services: Services, topic: Topic) -> list[OutMessage]:
    """Every source's position on a topic with one quote; the silent and unread ones listed."""
    content = _content(services)
    assert content is not None
    blocks = [T.COMPARE_HEAD_HTML.format(title=esc(topic.title))]
    silent, unread = [], []
    for source in services.catalog.sources:
        position = content.position(topic.slug, source.slug)
        if position is None:
            (silent if content.has_content(source.slug) else unread).append(source)
            continue
        block = T.SOURCE_BLOCK_HTML.format(label=esc(source.label), position=esc(position.text))
        quote = _quote(services, source, position.evidence[0])
        blocks.append(block + ("\n" + quote if quote else ""))
    if silent:
        labels = ", ".join(esc(s.label) for s in silent)
        blocks.append(T.SILENT_HTML.format(labels=labels))
    if unread:
        labels = ", ".join(esc(s.label) for s in unread)
        blocks.append(T.UNREAD_HTML.format(labels=labels))
    return _messages("\n\n".join(blocks))


def position_messages(services: Services, topic: Topic, source: Source) -> list[OutMessage]:
    """One source on one topic: its position and every supporting quote."""
    content = _content(services)
    assert content is not None
    head = T.POSITION_HEAD_HTML.format(title=esc(topic.title), label=esc(source.label))
    hint = T.COMPARE_HINT_HTML.format(topic=esc(topic.slug))
    position = content.position(topic.slug, source.slug)
    if position is None:
        if content.has_content(source.slug):
            line = T.SILENT_ONE_HTML.format(label=esc(source.label), title=esc(topic.title))
        else:
            line = T.UNREAD_ONE_HTML.format(
                label=esc(source.label), status=esc(T.STATUS_NO_POSITIONS)
            )
        return _messages("\n\n".join([head, line, hint]))
    blocks = [head, esc(position.text)]
    blocks += [q for q in (_quote(services, source, e) for e in position.evidence) if q]
    blocks.append(hint)
    return _messages("\n\n".join(blocks))


def fallback_messages(
    services: Services, text: str, sources: list[Source] | None = None
) -> list[OutMessage]:
    """Without written content: the best passage per source for the user's words."""
    blocks = [T.FALLBACK_HEAD_HTML.format(query=esc(text))]
    for source in sources or services.catalog.sources:
        hits = services.search.search(text, limit=1, source=source.slug)
        if hits:
            blocks.append(f"<b>{esc(source.label)}</b>\n" + quote_block(_trim_hit(hits[0])))
        else:
            blocks.append(T.FALLBACK_NONE_HTML.format(label=esc(source.label)))
    return _messages("\n\n".join(blocks))


def _quote(services: Services, source: Source, evidence: Evidence) -> str:
    passage = services.search.passage(evidence.passage_id)
    if passage is None:
        return ""
    excerpt = _excerpt(passage, evidence.phrase)
    quote = quote_block(Hit(passage=excerpt, source=source, score=1.0))
    # in a protocol, say whose words these are: a participant's or the group's
    label = T.QUOTE_SPEAKER_HTML.get(passage.kind) if source.kind == "protocol" else None
    return f"{label}\n{quote}" if label else quote


def _excerpt(passage: Passage, phrase: str, limit: int = QUOTE_CHARS) -> Passage:
    """The sentences of a long passage around the evidence phrase (marked … where cut)."""
    if len(passage.text) <= limit:
        return passage
    sentences = split_sentences(passage.text)
    needle = normalize(phrase)
    span = None
    for size in range(1, len(sentences) + 1):
        for start in range(len(sentences) - size + 1):
            if needle in normalize(" ".join(sentences[start : start + size])):
                span = [start, start + size]
                break
        if span:
            break
    if span is None:
        return passage
    lo, hi = span
    while True:
        grown = False
        for side in ("after", "before"):
            if side == "after" and hi < len(sentences):
                if len(" ".join(sentences[lo : hi + 1])) <= limit:
                    hi, grown = hi + 1, True
            elif side == "before" and lo > 0:
                if len(" ".join(sentences[lo - 1 : hi])) <= limit:
                    lo, grown = lo - 1, True
        if not grown:
            break
    text = " ".join(sentences[lo:hi])
    text = ("… " if lo > 0 else "") + text + (" …" if hi < len(sentences) else "")
    return replace(passage, text=text)


def _trim_hit(hit: Hit) -> Hit:
    if len(hit.passage.text) <= QUOTE_CHARS:
        return hit
    sentences = split_sentences(hit.passage.text)
    text, count = "", 0
    for sentence in sentences:
        if text and len(text) + len(sentence) + 1 > QUOTE_CHARS:
            break
        text, count = f"{text} {sentence}".strip(), count + 1
    if count < len(sentences):
        text += " …"
    return replace(hit, passage=replace(hit.passage, text=text))


def _no_summary(services: Services, source: Source, content: ContentStore | None) -> list[str]:
    status = content.status(source.slug) if content else T.STATUS_NO_SUMMARY
    blocks = [T.NO_SUMMARY_HTML.format(title=esc(source.title), status=esc(status))]
    if source.description:
        blocks.append(T.NO_SUMMARY_DESCRIPTION_HTML.format(description=esc(source.description)))
    auto = services.summaries.of(source.slug)
    if auto is not None:
        blocks.append(T.AUTO_SUMMARY_HTML + "\n" + "\n".join(esc(s) for s in auto.sentences))
        if auto.key_terms:
            blocks.append(T.AUTO_KEY_TERMS_HTML.format(terms=esc(", ".join(auto.key_terms))))
    return blocks


def _protocol_sections(content: ContentStore) -> list[str]:
    protocol = content.protocol
    assert protocol is not None
    blocks = [T.SECTIONS_LABEL_HTML]
    for section in protocol.sections:
        lines = [T.SECTION_HEAD_HTML.format(number=section.number, title=esc(section.title))]
        if section.raised:
            lines.append(T.SECTION_RAISED_HTML)
            lines += [f"• {esc(r)}" for r in section.raised]
        lines.append(T.SECTION_CONCLUDED_HTML)
        lines += [f"• {esc(c)}" for c in section.concluded]
        blocks.append("\n".join(lines))
    meeting = protocol.next_meeting
    if meeting is not None:
        blocks.append(
            T.NEXT_MEETING_HTML.format(
                date=f"{meeting.date:%d.%m.%Y}",
                topic=esc(meeting.topic),
                text=esc(meeting.text),
                issue=esc(meeting.issue),
            )
        )
    return blocks


# --- helpers ---------------------------------------------------------------------------------


def _content(services: Services) -> ContentStore | None:
    content = services.content
    if content is None or getattr(content, "empty", False):
        return None
    return content


def _match(content: ContentStore, text: str) -> Topic | None:
    if not text.strip():
        return None
    found = content.match_topic(text)
    return found[0] if found else None


def _named_sources(
    services: Services, content: ContentStore, question: str
) -> tuple[list[Source], set[str]]:
    """Sources a question names by slug, short label, author or alias (whole words only)."""
    text = f" {' '.join(words(question))} "
    topic_names = {
        " ".join(words(name)) for t in content.topics for name in (t.title, *t.synonyms)
    }
    found: list[Source] = []
    named: set[str] = set()
    for source in services.catalog.sources:
        names = (source.slug.replace("-", " "), source.short, source.author, *source.aliases)
        for name in names:
            folded = " ".join(words(name))
            if len(folded) < 2 or folded in topic_names or f" {folded} " not in text:
                continue
            if source not in found:
                found.append(source)
            named.update(folded.split())
    return found, named


def _unknown_topic(services: Services, content: ContentStore, text: str) -> Reply:
    near = content.suggest_topics(text)
    suggestions = ""
    if near:
        names = ", ".join(f"„{esc(t.title)}“" for t in near)
        suggestions = T.TOPIC_SUGGESTIONS_HTML.format(names=names)
    html = T.TOPIC_UNKNOWN_HTML.format(
        text=esc(text), suggestions=suggestions, topics=_topic_list(services)
    )
    buttons = [Button(t.title, _data(COMPARE_PREFIX, t.slug)) for t in near]
    return Reply.text(html, _rows(b for b in buttons if b.data))


def _topic_list(services: Services) -> str:
    content = _content(services)
    if content is None:
        return T.NO_TOPICS_HTML
    return "\n".join(f"• {esc(t.title)}" for t in content.topics)


def _source_list(services: Services) -> str:
    return "\n".join(
        T.SOURCE_LINE_HTML.format(label=esc(s.label), title=esc(s.title))
        for s in services.catalog.sources
    )


def _data(*parts: str) -> str | None:
    """Callback data, or None when a (long) slug would exceed Telegram's 64 bytes."""
    data = ":".join(parts)
    return data if len(data.encode()) <= MAX_CALLBACK_BYTES else None


def _rows(buttons) -> list[list[Button]]:  # any iterable of Button
    return [[b] for b in buttons if b.data]


def _parts(data: str | None, count: int) -> list[str]:
    parts = (data or "").split(":", count - 1)
    return parts + [""] * (count - len(parts))


def _messages(html: str, buttons: list[Button] | None = None) -> list[OutMessage]:
    parts = split_message(html)
    messages = [OutMessage(html=part) for part in parts]
    if buttons:
        messages[-1].buttons = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return messages
