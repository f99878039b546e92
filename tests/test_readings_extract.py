"""Extraction of uploaded readings and the metadata guessed from them (pure, no database)."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from fixtures.readings.make import (
    ARTICLE_PARAGRAPHS,
    ARTICLE_TITLE,
    UNKNOWN_PROTOCOL_TEXT,
    article_docx,
    article_html,
    article_pdf,
    article_text,
    pdf_bytes,
    wrap,
)

from bot.core.dates import find_date as parse_date
from bot.core.readings import (
    MAX_BYTES,
    Meta,
    ReadingError,
    check_upload,
    extract,
    find_author,
    guess_metadata,
    make_slug,
    parse_meta_args,
    unique_slug,
)

TODAY = date(2026, 1, 20)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


# --- formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "cp1252"])
def test_text_file_in_any_common_encoding_is_converted(encoding: str) -> None:
    text = article_text() + "Ärger über Öl, Süßes und Maße.\n"
    if encoding != "latin-1":
        text += "„Zitat“ – mit typografischen Zeichen …\n"
    ex = extract(text.encode(encoding), "hybrid.txt")
    assert "Ärger über Öl, Süßes und Maße." in ex.text
    assert ARTICLE_PARAGRAPHS[0] in ex.text
    if encoding != "latin-1":
        assert "„Zitat“ – mit typografischen Zeichen …" in ex.text


def test_other_alphabets_are_detected_not_read_as_western() -> None:
    text = "Война и мир. Это русский текст о войне и политике. " * 3
    ex = extract(text.encode("cp1251"), "r.txt")
    assert ex.text.startswith("Война и мир.")


def test_windows_line_ends_and_markdown_file() -> None:
    text = "# Titel der Lektüre\r\n\r\nErster Absatz mit Inhalt.\r\n"
    ex = extract(text.encode("cp1252"), "notiz.md")
    assert ex.text == "# Titel der Lektüre\n\nErster Absatz mit Inhalt.\n"


def test_markdown_front_matter_gives_metadata() -> None:
    text = (
        "---\ntitle: Europa im hybriden Krieg\nauthor: [Jane Roe, John Doe]\n"
        "date: 2025-10-03\nmedium: GegenStandpunkt\n---\n\n" + "\n\n".join(ARTICLE_PARAGRAPHS)
    )
    ex = extract(text.encode(), "hybrid.md")
    assert ex.text.startswith(ARTICLE_PARAGRAPHS[0])
    meta = guess_metadata(ex, "hybrid.md", TODAY).meta
    assert (meta.title, meta.author, meta.date, meta.outlet) == (
        ARTICLE_TITLE, "Jane Roe, John Doe", date(2025, 10, 3), "GegenStandpunkt",
    )  # fmt: skip
    broken = "---\ntitle: [unclosed\n---\nText des Artikels.\n"
    assert extract(broken.encode(), "x.md").text.startswith("---")  # kept as it is


def test_pdf_text_layer_is_reflowed_into_paragraphs() -> None:
    ex = extract(article_pdf(), "hybrid.pdf")
    assert ex.fmt == "pdf"
    assert paragraphs(ex.text)[:2] == [ARTICLE_TITLE, "3. Oktober 2025 | Jane Roe"]
    for para in ARTICLE_PARAGRAPHS:
        assert para in paragraphs(ex.text)


def test_pdf_hyphenated_line_ends_are_joined() -> None:
    lines = wrap("Die Regierung bereitet einen umfangreichen Haushalt vor, der die " * 3)
    lines += ["Der Frie-", "densplan scheitert an der Frage der US-", "Politik in Europa."]
    ex = extract(pdf_bytes([lines]), "x.pdf")
    assert "Der Friedensplan scheitert an der Frage der US-Politik in Europa." in ex.text


def test_pdf_line_numbers_of_a_printed_protocol_are_dropped() -> None:
    body = wrap(
        "Die Europäer wollen ihre Rüstung selbst bestimmen und die Drohnenwand selbst "
        "bezahlen, sagt der Artikel, und der Lesekreis fragt, wer das bezahlen soll. " * 8
    )
    lines = ["Jour fixe vom 26.01.2026", ""]
    for n, line in enumerate(body, start=1):
        lines.append(f"{n} {line}" if n % 5 == 0 else line)
    lines += ["", "2025 war das Jahr der Zeitenwende in der Haushaltspolitik."]
    ex = extract(pdf_bytes([lines]), "protokoll.pdf")
    assert " 5 " not in ex.text and " 10 " not in ex.text
    assert "Die Europäer wollen ihre Rüstung selbst bestimmen" in ex.text
    assert "2025 war das Jahr der Zeitenwende" in ex.text  # not a line number


def test_pdf_metadata_title_is_used() -> None:
    ex = extract(pdf_bytes([wrap(ARTICLE_PARAGRAPHS[0])], title="Die Drohnenwand"), "d.pdf")
    assert ex.title == "Die Drohnenwand"


def test_html_main_text_without_boilerplate() -> None:
    ex = extract(article_html(), "hybrid.html")
    assert ex.title == ARTICLE_TITLE
    assert ex.author == "Jane Roe"
    assert ex.outlet == "Beispielzeitung"
    for para in ARTICLE_PARAGRAPHS:
        assert para in ex.text
    for junk in (
        "Startseite", "Alle Ressorts", "Cookies", "Siehe auch", "Sanktionspaket",
        "Themenarchiv", "Meistgelesen", "Impressum", "tracking", "font-family",
    ):  # fmt: skip
        assert junk not in ex.text, junk


def test_html_without_article_element_still_drops_navigation() -> None:
    page = (
        "<html><body><nav><a href='/'>Start</a></nav><div id='content'>"
        "<h1>Der Titel</h1><p>Ein Absatz mit &quot;Inhalt&quot; &amp; Sinn.</p><p>Noch einer."
        "<div class='share-buttons'>Teilen auf Facebook</div></div>"
        "<footer>Kontakt</footer></body></html>"
    )
    ex = extract(page.encode(), "p.htm")
    expected = ["## Der Titel", 'Ein Absatz mit "Inhalt" & Sinn.', "Noch einer."]
    assert paragraphs(ex.text) == expected


def test_docx_paragraphs_and_heading_title() -> None:
    ex = extract(article_docx(), "hybrid.docx")
    assert ex.fmt == "docx"
    assert ex.title == ARTICLE_TITLE
    for para in ARTICLE_PARAGRAPHS:
        assert para in paragraphs(ex.text)


# --- bad input -------------------------------------------------------------------------------


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(ReadingError) as info:
        extract(data, name)
    return str(info.value)


def test_empty_file() -> None:
    assert refusal(b"", "leer.txt") == "Die Datei „leer.txt“ ist leer."
    assert "leer" in refusal(b"  \n\r\n ", "leer.txt")


def test_file_with_no_words() -> None:
    assert "keinen Text" in refusal(b"<html><body><script>x()</script></body></html>", "a.html")


@pytest.mark.parametrize("name", ["bild.png", "tabelle.xlsx", "ohne_endung", "musik.mp3"])
def test_unsupported_type(name: str) -> None:
    message = refusal(b"irrelevant", name)
    assert message.startswith("Dateien vom Typ")
    assert ".txt, .md, .pdf, .html, .docx" in message


def test_old_word_format_gets_a_hint() -> None:
    assert ".docx" in refusal(b"\xd0\xcf\x11\xe0" + bytes(100), "brief.doc")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(300),
        b"%PDF-1.4 renamed to txt",
        b"PK\x03\x04" + bytes(100),
        bytes(range(256)) * 4,
    ],
)
def test_binary_content_behind_a_text_extension(data: bytes) -> None:
    assert "Binärdaten" in refusal(data, "text.txt")


def test_scanned_pdf_without_text_layer() -> None:
    message = refusal(pdf_bytes([[], []]), "scan.pdf")
    assert "gescanntes PDF ohne Textebene" in message


def test_broken_pdf_and_broken_docx() -> None:
    assert "keine lesbare PDF-Datei" in refusal(b"%PDF-1.4\n garbage without objects", "x.pdf")
    assert "keine lesbare PDF-Datei" in refusal(b"plain text", "x.pdf")
    assert "keine lesbare Word-Datei" in refusal(b"PK\x03\x04broken zip", "x.docx")
    assert "keine lesbare Word-Datei" in refusal(b"not a zip", "x.docx")


def test_huge_file_is_refused_with_its_size() -> None:
    data = b"a" * (MAX_BYTES + 1)
    assert "höchstens 5 MB" in refusal(data, "riesig.txt")
    with pytest.raises(ReadingError, match="6,0 MB"):
        check_upload("riesig.pdf", 6 * 1024 * 1024)
    check_upload("klein.pdf", 1000)  # fine
    with pytest.raises(ReadingError, match="Typ"):
        check_upload("film.mp4", 1000)


# --- metadata --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jour fixe vom 12.01.2026 Trumps Friedensplan", date(2026, 1, 12)),
        ("erschienen am 2025-08-18 in Berlin", date(2025, 8, 18)),
        ("20. August 2025 | Thomas Fazi", date(2025, 8, 20)),
        ("3.10.25", date(2025, 10, 3)),
        ("am 31.02.2026 oder am 1. März 2026", date(2026, 3, 1)),
        ("keine Zahl hier", None),
        ("GS 4-25, S. 49", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Titel\n\n20. August 2025 | Thomas Fazi\n\nText.", "Thomas Fazi"),
        ("Titel\n\nThomas Fazi | 20.08.2025\n\nText.", "Thomas Fazi"),
        ("Titel\n\nvon Rosa Luxemburg\n\nText.", "Rosa Luxemburg"),
        ("Titel\n\nAutorin: Clara Zetkin, Berlin\n\nText.", "Clara Zetkin"),
        ("Titel\n\nvon der Leyen sprach gestern.\n\nText.", ""),
        ("Titel\n\nDer Text beginnt hier ohne Angabe.", ""),
    ],
)
def test_find_author(text: str, expected: str) -> None:
    assert find_author(text) == expected


def test_metadata_from_the_document() -> None:
    ex = extract(article_text().encode(), "irgendwas.txt")
    guessed = guess_metadata(ex, "irgendwas.txt", TODAY)
    assert guessed.meta == Meta(
        title=ARTICLE_TITLE, author="Jane Roe", date=date(2025, 10, 3), outlet="",
        kind="article", slug="europa-im-hybriden-krieg",
    )  # fmt: skip
    assert guessed.defaults == ()


def test_protocol_is_recognised_with_date_slug_and_group_author() -> None:
    ex = extract(UNKNOWN_PROTOCOL_TEXT.encode(), "p.txt")
    meta = guess_metadata(ex, "p.txt", TODAY).meta
    assert (meta.kind, meta.slug) == ("protocol", "protokoll-2026-02-09")
    assert meta.date == date(2026, 2, 9)
    assert meta.author == "Lesekreis (Protokoll)"


def test_missing_metadata_is_defaulted_and_reported() -> None:
    body = "Ein sehr langer erster Absatz ohne Titelzeile, " * 6 + "der einfach so beginnt.\n"
    ex = extract(body.encode(), "rede_zur_lage.txt")
    guessed = guess_metadata(ex, "rede_zur_lage.txt", TODAY)
    assert guessed.meta.title == "rede zur lage"
    assert guessed.meta.author == "unbekannt"
    assert guessed.meta.date == TODAY
    assert len(guessed.defaults) == 3
    assert any("Datum" in note for note in guessed.defaults)


def test_overrides_win_over_the_document() -> None:
    ex = extract(article_text().encode(), "a.txt")
    override = parse_meta_args("Anderer Titel", "A. Autor", "12.01.2026", "GS", "blog", None)
    meta = guess_metadata(ex, "a.txt", TODAY, override).meta
    assert (meta.title, meta.author, meta.date, meta.outlet, meta.kind) == (
        "Anderer Titel", "A. Autor", date(2026, 1, 12), "GS", "blog",
    )  # fmt: skip
    assert meta.slug == "anderer-titel"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"when": "morgen"}, "Datum „morgen“"),
        ({"kind": "roman"}, "Art „roman“"),
        ({"slug": "Mit Leerzeichen"}, "Kürzel „Mit Leerzeichen“ ist ungültig"),
    ],
)
def test_bad_cli_metadata(args: dict[str, str], message: str) -> None:
    with pytest.raises(ReadingError, match=message):
        parse_meta_args(**args)


def test_slugs_are_ascii_short_and_unique() -> None:
    title = "Europa im hybriden Krieg für einen emanzipierten Imperialismus – Teil 2 (GS 4-25)"
    slug = make_slug(title, "article", None)
    assert slug == "europa-im-hybriden-krieg-fuer-einen"
    assert slug.isascii() and len(slug) <= 40
    assert make_slug("Ökonomie & Staat: Größe", "article", None) == "oekonomie-staat-groesse"
    assert make_slug("🙂🙂", "article", None) == "text"
    assert unique_slug("a", {"a", "a-2"}) == "a-3"


def test_no_warning_leaks_from_pdf_reading() -> None:
    # filterwarnings=error: a sloppy but readable PDF must not turn pypdf warnings into errors
    data = article_pdf().replace(b"startxref\n", b"startxref\n9").replace(b"%%EOF", b"")
    with io.BytesIO(data):
        try:
            extract(data, "sloppy.pdf")
        except ReadingError as err:  # either readable or a clean refusal, never a crash
            assert "PDF" in str(err)


def test_overlong_document_metadata_is_cut_to_one_short_line() -> None:
    page = (
        article_html()
        .replace(b'content="Jane Roe"', b'content="' + b"Redaktion\n" * 50 + b'"')
        .replace(b'content="Beispielzeitung"', b'content="' + b"Zeitung " * 100 + b'"')
    )
    ex = extract(page, "a.html")
    meta = guess_metadata(ex, "a.html", TODAY, Meta()).meta
    assert meta.author == "Jane Roe"  # the byline in the text wins over the metadata
    assert meta.outlet is not None and len(meta.outlet) <= 200 and "\n" not in meta.outlet
    no_byline = ex.text.replace("von Jane Roe", "")
    ex = dataclasses.replace(ex, text=no_byline)
    meta = guess_metadata(ex, "a.html", TODAY, Meta()).meta
    assert meta.author is not None and len(meta.author) <= 120 and "\n" not in meta.author
