"""Adding and removing readings: registry, index, files, duplicates, all-or-nothing, CLI."""

from __future__ import annotations

import argparse
import random
import threading
from datetime import date
from pathlib import Path

import pytest
from fixtures.readings.make import (
    ARTICLE_TITLE,
    PROTOCOL_TEXT,
    UNKNOWN_PROTOCOL_TEXT,
    article_docx,
    article_html,
    article_pdf,
    article_text,
    make_config,
    make_services,
)
from helpers import send

from bot.cli.readings import register_cli
from bot.core.readings import (
    Meta,
    ReadingError,
    UnknownProtocolLayout,
    written_content_files,
)
from bot.services import Services, build_services

ARTICLE_FILES = {
    "hybrid.txt": lambda: article_text().encode("cp1252"),
    "hybrid.pdf": article_pdf,
    "hybrid.html": article_html,
    "hybrid.docx": article_docx,
}


@pytest.fixture
def svc(tmp_path: Path) -> Services:
    services = make_services(tmp_path)
    yield services
    services.store.close()


def found(services: Services, query: str) -> list[str]:
    return [hit.passage.source for hit in services.search.search(query)]


def quellen(services: Services) -> str:
    return "\n".join(m.html for m in send("/quellen", services, chat_id=1).messages)


def snapshot(services: Services) -> tuple:
    db = services.store.db
    return (
        sorted(s.slug for s in services.catalog.sources),
        db.execute("SELECT count(*) FROM passages").fetchone()[0],
        db.execute("SELECT count(*) FROM passages_fts").fetchone()[0],
        db.execute("SELECT count(*), sum(n) FROM words").fetchone(),
        sorted(p.name for p in services.config.seeds_dir.iterdir()),
        len(services.search.passages_of("europa-im-hybriden-krieg")),
    )


@pytest.mark.parametrize("name", sorted(ARTICLE_FILES))
def test_new_article_is_searchable_at_once_and_listed(svc: Services, name: str) -> None:
    data = ARTICLE_FILES[name]()
    result = svc.readings.add(data, name, dest_dir=svc.config.seeds_dir)
    source = result.source
    assert (source.slug, source.title, source.author) == (
        "europa-im-hybriden-krieg", ARTICLE_TITLE, "Jane Roe",
    )  # fmt: skip
    assert source.date == date(2025, 10, 3)
    assert source.kind == "article"
    assert result.passages == 3
    assert found(svc, "Drohnenwand Ostflanke")[0] == source.slug
    assert found(svc, "emanzipierter Imperialismus")[0] == source.slug
    assert ARTICLE_TITLE in quellen(svc)
    # the stored text is UTF-8 and is what the index refers to; the upload is kept beside it
    assert result.file.parent == svc.config.seeds_dir
    assert "Drohnenwand" in result.file.read_text(encoding="utf-8")
    assert result.original is not None and result.original.read_bytes() == data


def test_new_protocol_is_searchable_with_contributions_and_answers(svc: Services) -> None:
    result = svc.readings.add(PROTOCOL_TEXT.encode(), "jf.md", dest_dir=svc.config.seeds_dir)
    source = result.source
    assert source.slug == "protokoll-2026-01-26"
    assert source.kind == "protocol"
    assert source.title == "Jour fixe vom 26.01.2026: Europa im hybriden Krieg (GS 4-25)"
    assert result.kinds["contribution"] == 2
    assert result.warnings == ()
    hits = svc.search.search("Sabotage Cyberangriffe", kinds=("answer",))
    assert hits[0].source.slug == source.slug
    assert hits[0].passage.section == 2
    assert result.original is None  # a UTF-8 text file is stored as it came


def test_readings_survive_a_restart_without_rebuild(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    first = build_services(config)
    first.readings.add(article_pdf(), "hybrid.pdf")  # CLI default: into seeds_dir
    first.store.close()
    again = build_services(config)
    assert again.catalog.get("europa-im-hybriden-krieg") is not None
    assert found(again, "Drohnenwand")[0] == "europa-im-hybriden-krieg"
    assert again.search.ensure_index(config.seeds_dir) is False  # fingerprint still valid
    assert again.search.ensure_index(config.seeds_dir, force=True) is True  # rebuild reads it
    assert found(again, "Drohnenwand")[0] == "europa-im-hybriden-krieg"
    again.store.close()


def test_upload_into_data_dir_uses_absolute_path(svc: Services) -> None:
    dest = svc.config.data_dir / "readings"
    result = svc.readings.add(article_docx(), "hybrid.docx", dest_dir=dest)
    assert Path(result.source.file).is_absolute()
    assert Path(result.source.file).parent == dest.resolve()
    assert svc.catalog.path_of(result.source, svc.config.seeds_dir).is_file()


def test_metadata_overrides_and_reported_defaults(svc: Services) -> None:
    body = ("Ein Absatz ohne Titelzeile über die Aufrüstung der Europäer und die Rolle der "
            "Rüstungsindustrie im Haushalt, " * 4).encode()  # fmt: skip
    result = svc.readings.add(body, "rede.txt", dest_dir=svc.config.seeds_dir)
    assert result.source.author == "unbekannt"
    assert result.source.date == date(2026, 1, 20)  # the services clock
    assert len(result.defaults) == 3
    meta = Meta(
        title="Rede", author="R. Redner", date=date(2025, 5, 1), outlet="GS", slug="eine-rede"
    )
    other = article_text("Ein anderer Titel").encode() + b"Zusatz ueber Kanonenboote.\n" * 30
    result = svc.readings.add(other, "x.txt", meta, dest_dir=svc.config.seeds_dir)
    assert (result.source.slug, result.source.title, result.source.author) == (
        "eine-rede", "Rede", "R. Redner",
    )  # fmt: skip
    assert result.source.outlet == "GS"
    assert result.defaults == ()


def test_slug_collision_gets_a_suffix_but_an_explicit_slug_is_refused(svc: Services) -> None:
    svc.readings.add(article_text().encode(), "a.txt", dest_dir=svc.config.seeds_dir)
    second = article_text().replace("Die Europäer", "Die Amerikaner").encode()
    second += b"\n\nGanz neuer Absatz \xc3\xbcber Zollpolitik und Handelskriege.\n" * 40
    with pytest.raises(ReadingError, match="schon vergeben"):
        svc.readings.add(second, "b.txt", Meta(slug="fazi-illusion"), svc.config.seeds_dir)
    result = svc.readings.add(second, "b.txt", dest_dir=svc.config.seeds_dir)
    assert result.source.slug == "europa-im-hybriden-krieg-2"


# --- duplicates ------------------------------------------------------------------------------


def test_same_file_twice_is_refused(svc: Services) -> None:
    svc.readings.add(article_pdf(), "hybrid.pdf", dest_dir=svc.config.seeds_dir)
    before = snapshot(svc)
    with pytest.raises(ReadingError) as info:
        svc.readings.add(article_pdf(), "kopie.pdf", dest_dir=svc.config.seeds_dir)
    assert str(info.value) == (
        f"Diesen Text gibt es schon: „{ARTICLE_TITLE}“ (europa-im-hybriden-krieg). "
        "Ich habe nichts geändert."
    )
    assert snapshot(svc) == before


def test_a_text_of_too_many_paragraphs_is_refused_in_german_and_nothing_is_stored(
    svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.core.readings import library

    monkeypatch.setattr(library, "MAX_PASSAGES", 1_000)
    data = "".join(f"Absatz {i} mit etwas Text.\n\n" for i in range(1_200)).encode()
    before = snapshot(svc)
    files = sorted(svc.config.seeds_dir.iterdir())
    with pytest.raises(ReadingError) as info:
        svc.readings.add(data, "absaetze.txt", dest_dir=svc.config.seeds_dir)
    assert str(info.value) == (
        "„absaetze.txt“ hat 1.200 Absätze – mehr, als ich in einem Text aufnehme (höchstens "
        "1.000). Ich habe nichts aufgenommen. Bitte teil den Text in kleinere Dateien auf."
    )
    assert snapshot(svc) == before
    assert sorted(svc.config.seeds_dir.iterdir()) == files
    # the same text, a little shorter, is a reading like any other
    result = svc.readings.add(data[: data.index(b"Absatz 900 ")], "absaetze.txt")
    assert result.passages == 900


def test_seed_file_is_a_duplicate(svc: Services) -> None:
    data = (svc.config.seeds_dir / "002_41a678d0e50b80a7.txt").read_bytes()
    with pytest.raises(ReadingError, match="Die Illusion des Friedens"):
        svc.readings.add(data, "fazi.txt", dest_dir=svc.config.seeds_dir)


def test_same_text_in_another_format_is_refused(svc: Services) -> None:
    svc.readings.add(article_text().encode(), "hybrid.txt", dest_dir=svc.config.seeds_dir)
    for name in ("hybrid.pdf", "hybrid.html", "hybrid.docx"):
        with pytest.raises(ReadingError, match="fast identisch|gibt es schon"):
            svc.readings.add(ARTICLE_FILES[name](), name, dest_dir=svc.config.seeds_dir)
    assert [s.slug for s in svc.catalog.sources].count("europa-im-hybriden-krieg") == 1


def test_seed_text_reencoded_is_a_near_duplicate(svc: Services) -> None:
    text = (svc.config.seeds_dir / "004_da9c4ef74847b748.txt").read_text(encoding="utf-8")
    with pytest.raises(ReadingError, match="Trumps Endspiel"):
        svc.readings.add(text.encode("cp1252", "replace"), "endspiel.txt")


# --- protocols of unknown layout -------------------------------------------------------------


def test_unknown_protocol_layout_is_refused_and_changes_nothing(svc: Services) -> None:
    # nothing is half-ingested: index and registry as before
    before = snapshot(svc)
    with pytest.raises(UnknownProtocolLayout, match="Layout kenne ich nicht") as info:
        svc.readings.add(UNKNOWN_PROTOCOL_TEXT.encode(), "p.txt", dest_dir=svc.config.seeds_dir)
    assert "„p.txt“" in str(info.value) and "nichts aufgenommen" in str(info.value)
    assert snapshot(svc) == before
    assert found(svc, "Schuldenbremse Sondervermögen") == []


def test_unknown_protocol_layout_can_be_added_as_article_on_request(svc: Services) -> None:
    meta = Meta(kind="article")
    result = svc.readings.add(UNKNOWN_PROTOCOL_TEXT.encode(), "p.txt", meta, svc.config.seeds_dir)
    assert result.source.kind == "article"
    assert result.warnings == ()
    assert found(svc, "Schuldenbremse Sondervermögen")[0] == result.source.slug


def test_forced_protocol_of_unknown_layout_stays_protocol(svc: Services) -> None:
    meta = Meta(kind="protocol")
    result = svc.readings.add(UNKNOWN_PROTOCOL_TEXT.encode(), "p.txt", meta, svc.config.seeds_dir)
    assert result.source.kind == "protocol"
    assert "als Protokoll aufgenommen" in result.warnings[0]


# --- all or nothing --------------------------------------------------------------------------


def test_failure_while_indexing_leaves_registry_index_and_files_as_before(svc: Services) -> None:
    db = svc.store.db
    db.execute(
        "CREATE TRIGGER fail_insert BEFORE INSERT ON passages "
        "WHEN NEW.source = 'europa-im-hybriden-krieg' "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    before = snapshot(svc)
    with pytest.raises(ReadingError) as info:
        svc.readings.add(article_pdf(), "hybrid.pdf", dest_dir=svc.config.seeds_dir)
    assert "nicht gespeichert" in str(info.value)
    assert "Es wurde nichts geändert" in str(info.value)
    assert snapshot(svc) == before
    assert svc.catalog.get("europa-im-hybriden-krieg") is None
    assert found(svc, "Drohnenwand") == []
    assert db.execute("SELECT count(*) FROM added_sources").fetchone()[0] == 0
    # nothing half-ingested blocks a second try
    db.execute("DROP TRIGGER fail_insert")
    svc.readings.add(article_pdf(), "hybrid.pdf", dest_dir=svc.config.seeds_dir)
    assert found(svc, "Drohnenwand")[0] == "europa-im-hybriden-krieg"


def test_unwritable_destination_changes_nothing(svc: Services, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    before = snapshot(svc)
    with pytest.raises(ReadingError, match="nicht gespeichert"):
        svc.readings.add(article_pdf(), "hybrid.pdf", dest_dir=blocker / "readings")
    assert snapshot(svc) == before


# --- removal and corrections -----------------------------------------------------------------


def test_remove_takes_source_out_but_keeps_file_and_allows_re_adding(svc: Services) -> None:
    result = svc.readings.add(article_html(), "hybrid.html", dest_dir=svc.config.seeds_dir)
    removed = svc.readings.remove(result.source.slug)
    assert removed.slug == "europa-im-hybriden-krieg"
    assert svc.catalog.get(removed.slug) is None
    assert found(svc, "Drohnenwand") == []
    assert ARTICLE_TITLE not in quellen(svc)
    assert result.file.is_file() and result.original is not None and result.original.is_file()
    again = svc.readings.add(article_html(), "hybrid.html", dest_dir=svc.config.data_dir)
    assert again.source.slug == "europa-im-hybriden-krieg"


WRITTEN_SUMMARY = """summary_short: Die Europäer rüsten auf und wollen Weltmacht werden.
summary: >-
  Der Artikel beschreibt, wie sich die Europäer zur Partei im hybriden Krieg erklären.
theses:
  - "Der emanzipierte Imperialismus verlangt eine eigene Rüstungsindustrie."
"""


def test_remove_is_refused_while_written_content_names_the_source(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    services = build_services(config)
    slug = services.readings.add(article_html(), "h.html", dest_dir=config.seeds_dir).source.slug
    services.store.close()
    # someone wrote the summary for the new text (content/summaries/<slug>.yaml)
    summary = config.content_dir / "summaries" / f"{slug}.yaml"  # names its source by file name
    summary.parent.mkdir()
    summary.write_text(WRITTEN_SUMMARY, encoding="utf-8")
    services = build_services(config)
    assert services.content.summary_for(slug) is not None
    with pytest.raises(ReadingError, match=f"summaries/{slug}.yaml") as info:
        services.readings.remove(slug)
    assert "nichts entfernt" in str(info.value)
    assert services.catalog.get(slug) is not None
    services.store.close()
    services = build_services(config)  # the bot still starts: no content about a lost source
    assert services.catalog.get(slug) is not None
    summary.unlink()
    assert services.readings.remove(slug).slug == slug
    services.store.close()


def test_written_content_files_finds_positions_but_not_similar_slugs(tmp_path: Path) -> None:
    (tmp_path / "positions.yaml").write_text(
        "positions:\n  - topic: aufruestung\n    source: europa-2\n"
        "  - topic: aufruestung\n    source: 'europa'  # neu\n",
        encoding="utf-8",
    )
    (tmp_path / "topics.yaml").write_text("topics:\n  - slug: europa\n", encoding="utf-8")
    assert written_content_files(tmp_path, "europa") == ["positions.yaml"]
    assert written_content_files(tmp_path, "europa-2") == ["positions.yaml"]
    assert written_content_files(tmp_path, "europa-3") == []


def test_remove_unknown_or_bundled_source(svc: Services) -> None:
    with pytest.raises(ReadingError, match="gibt es nicht"):
        svc.readings.remove("gibt-es-nicht")
    with pytest.raises(ReadingError, match="mitgelieferten Bestand"):
        svc.readings.remove("fazi-illusion")
    assert found(svc, "Anchorage")  # still searchable


def test_update_title_and_author_persist(svc: Services) -> None:
    svc.readings.add(article_pdf(), "hybrid.pdf", dest_dir=svc.config.seeds_dir)
    svc.readings.update("europa-im-hybriden-krieg", title="Europa rüstet auf", author="J. Roe")
    again = build_services(svc.config)
    source = again.catalog.get("europa-im-hybriden-krieg")
    assert (source.title, source.author) == ("Europa rüstet auf", "J. Roe")
    assert again.search.search("Drohnenwand")[0].source.title == "Europa rüstet auf"
    again.store.close()


# --- command line ----------------------------------------------------------------------------


def run_cli(config, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="jourfixe")
    register_cli(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return args.func(args, config)


def test_cli_add_and_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = make_config(tmp_path)
    path = tmp_path / "hybrid.docx"
    path.write_bytes(article_docx())
    code = run_cli(config, "add", str(path), "--outlet", "GegenStandpunkt", "--kind", "article")
    out = capsys.readouterr()
    assert code == 0, out.err
    assert f"Aufgenommen: „{ARTICLE_TITLE}“" in out.out
    assert "Medium:     GegenStandpunkt" in out.out
    assert "Zusammenfassung (automatisch erstellt):" in out.out
    # the seeds numbering continues after 004
    assert any(p.name.startswith("005_") for p in (tmp_path / "seeds").iterdir())
    assert run_cli(config, "add", str(path)) == 1
    assert "gibt es schon" in capsys.readouterr().err
    assert run_cli(config, "remove", "europa-im-hybriden-krieg") == 0
    assert "Entfernt: „Europa im hybriden Krieg“" in capsys.readouterr().out
    services = build_services(config)
    assert services.catalog.get("europa-im-hybriden-krieg") is None
    services.store.close()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["add", "fehlt.txt"], "gibt es nicht"),
        (["add", "{file}", "--date", "irgendwann"], "Datum „irgendwann“"),
        (["add", "{file}", "--kind", "roman"], "Art „roman“"),
        (["add", "{empty}"], "ist leer"),
        (["add", "{file}", "--author", "Anna " * 100], "Autor ist zu lang"),
        (["add", "{file}", "--title", "🙂" * 201], "Titel ist zu lang"),
        (["remove", "europa"], "gibt es nicht"),
    ],
)
def test_cli_refusals_are_german_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    config = make_config(tmp_path)
    (tmp_path / "a.txt").write_text(article_text(), encoding="utf-8")
    (tmp_path / "leer.txt").write_bytes(b"")
    argv = [a.format(file=tmp_path / "a.txt", empty=tmp_path / "leer.txt") for a in argv]
    assert run_cli(config, *argv) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_cli_unknown_protocol_layout_says_how_to_add_it_anyway(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = make_config(tmp_path)
    path = tmp_path / "jf.txt"
    path.write_text(UNKNOWN_PROTOCOL_TEXT, encoding="utf-8")
    assert run_cli(config, "add", str(path)) == 1
    err = capsys.readouterr().err
    assert "Layout kenne ich nicht" in err and f"jourfixe add {path} --kind article" in err
    assert not any(p.name.startswith("005_") for p in (tmp_path / "seeds").iterdir())
    assert run_cli(config, "add", str(path), "--kind", "article") == 0


def test_cli_commands_have_german_help() -> None:
    parser = argparse.ArgumentParser(prog="jourfixe")
    sub = parser.add_subparsers(dest="command")
    register_cli(sub)
    for name in ("add", "remove"):
        assert sub.choices[name].description
        help_text = sub.choices[name].format_help()
        assert "DATEI" in help_text or "SLUG" in help_text


# --- the running bot and `jourfixe add` in another process -----------------------------------


def test_running_bot_picks_up_what_the_cli_added_and_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = make_config(tmp_path)
    bot = build_services(config)  # the bot process, started before the CLI runs
    path = tmp_path / "hybrid.txt"
    path.write_text(article_text(), encoding="utf-8")
    assert run_cli(config, "add", str(path)) == 0  # its own Services, same database
    capsys.readouterr()
    assert bot.catalog.get("europa-im-hybriden-krieg") is None  # not yet seen
    assert bot.readings.sync() is True
    assert found(bot, "Kanonen") == ["europa-im-hybriden-krieg"]
    assert ARTICLE_TITLE in quellen(bot)
    assert bot.readings.sync() is False  # nothing new: no reload
    # the bot's own additions are no change from the database's point of view
    bot.readings.add(PROTOCOL_TEXT.encode(), "jf.txt", dest_dir=config.data_dir)
    assert bot.readings.sync() is False
    assert run_cli(config, "remove", "europa-im-hybriden-krieg") == 0
    assert bot.readings.sync() is True
    assert bot.catalog.get("europa-im-hybriden-krieg") is None
    assert found(bot, "Kanonen") == []
    assert bot.catalog.get("protokoll-2026-01-26") is not None
    bot.store.close()


def test_bot_does_not_take_a_slug_or_text_the_cli_added_meanwhile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import bot.handlers  # registers /neu
    from bot.handlers.base import Attachment

    config = make_config(tmp_path)
    bot = build_services(config)
    path = tmp_path / "hybrid.txt"
    path.write_text(article_text(), encoding="utf-8")
    assert run_cli(config, "add", str(path)) == 0
    capsys.readouterr()
    data = article_text().encode()
    att = Attachment("hybrid.txt", len(data), None, lambda: data)
    reply = send("/neu", bot, chat_id=1, chat_type="console", user_name="Ada", attachment=att)
    assert "gibt es schon: „Europa im hybriden Krieg“" in reply.messages[0].html
    bot.store.close()


def test_adding_a_reading_lets_other_chats_write_while_it_analyses_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The analysis of a long reading takes seconds: it must not hold the write lock."""
    config = make_config(tmp_path)
    services = build_services(config)
    analysing = services.search.prepare_source
    other_chat_wrote: list[bool] = []
    writers: list[threading.Thread] = []

    def another_chat() -> None:
        with services.store.transaction() as db:
            db["probe"].insert({"note": "während des Imports"})

    def analyse_while_another_chat_writes(*args: object, **kwargs: object):
        writer = threading.Thread(target=another_chat)
        writers.append(writer)
        writer.start()
        writer.join(timeout=5)  # a held write lock keeps it waiting until the add commits
        other_chat_wrote.append(not writer.is_alive())
        return analysing(*args, **kwargs)

    monkeypatch.setattr(services.search, "prepare_source", analyse_while_another_chat_writes)
    result = services.readings.add(article_html(), "hybrid.html", dest_dir=config.seeds_dir)
    for writer in writers:
        writer.join()
    assert other_chat_wrote == [True]
    assert result.passages > 0
    assert services.store.db["probe"].count == 1
    assert services.search.passages_of(result.source.slug)
    services.store.close()


def test_a_question_during_an_upload_does_not_lose_the_new_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another chat's question syncs the registry; it must not drop an upload being committed."""
    config = make_config(tmp_path)
    services = build_services(config)
    written, go_on = threading.Event(), threading.Event()
    store_prepared = services.search.store_prepared

    def held_before_the_commit(prepared: object, **kwargs: object) -> object:
        result = store_prepared(prepared, **kwargs)
        written.set()
        go_on.wait(10)
        return result

    monkeypatch.setattr(services.search, "store_prepared", held_before_the_commit)
    results: dict[str, object] = {}
    upload = threading.Thread(
        target=lambda: results.update(
            added=services.readings.add(article_html(), "hybrid.html", dest_dir=config.seeds_dir)
        )
    )
    upload.start()
    assert written.wait(10)
    question = threading.Thread(target=services.readings.sync)
    question.start()
    question.join(timeout=0.5)
    go_on.set()
    upload.join()
    question.join()
    slug = results["added"].source.slug
    assert services.catalog.get(slug) is not None
    assert services.search.passages_of(slug)
    services.store.close()


def test_searches_in_other_threads_keep_answering_while_readings_are_added(
    tmp_path: Path,
) -> None:
    config = make_config(tmp_path)
    services = build_services(config)
    errors: list[BaseException] = []
    answered: list[int] = []
    adding = threading.Event()

    def ask() -> None:
        while not adding.is_set():
            pass
        while adding.is_set():
            try:
                answered.append(len(services.search.search("Frieden Russland Verhandlungen")))
            except Exception as exc:  # any error is the finding
                errors.append(exc)

    askers = [threading.Thread(target=ask) for _ in range(3)]
    for asker in askers:
        asker.start()
    adding.set()
    words = "Frieden Russland Verhandlungen Europa Waffen Grenzen Handel Vertrag".split()
    for n in range(6):
        shuffle = random.Random(n).sample
        paragraphs = [" ".join(shuffle(words * 3, 20)) + "." for _ in range(40)]
        text = f"Lesung {n}\n\n" + "\n\n".join(paragraphs) + "\n"
        services.readings.add(text.encode(), f"lesung{n}.txt", dest_dir=config.seeds_dir)
    adding.clear()
    for asker in askers:
        asker.join()
    assert errors == []
    assert answered and min(answered) > 0
    services.store.close()


def _unknown_neighbours(services: Services, slug: str) -> list[str]:
    """Thesaurus neighbours of a reading's key terms that no text of the library contains."""
    from bot.core.search_lexicon import lemma_word
    from bot.core.text import stem, words

    summary = services.summaries.of(slug)
    assert summary is not None
    out = []
    for term in summary.key_terms:
        thesaurus = services.search.thesaurus
        for w in thesaurus.related_words(words(term)[0]) or thesaurus.related_words(
            lemma_word(term)
        ):
            if len(words(w)) == 1 and stem(w) not in services.search.vocab.df:
                out.append(w)
    return out


@pytest.mark.parametrize("refresh", [True, False])
def test_a_reading_added_while_the_bot_runs_is_found_by_its_key_terms_synonyms_at_once(
    tmp_path: Path, refresh: bool
) -> None:
    services = make_services(tmp_path)
    if not refresh:  # what the bot did before: expansion only from the start's sources
        services.readings.on_change = None
    result = services.readings.add(article_text().encode(), "hybrid.txt")
    slug = result.source.slug
    neighbours = _unknown_neighbours(services, slug)
    assert len(neighbours) >= 3  # "Geschütz" for "Kanonen", "Fonds" for "Sondervermögen" …
    top3 = {w: found(services, w)[:3] for w in neighbours}
    firsts = sum(hits[:1] == [slug] for hits in top3.values())
    if refresh:
        assert all(slug in hits for hits in top3.values()), top3
        assert firsts >= 0.8 * len(neighbours), top3
    else:  # the words are in no text: nothing but the expansion could lead to the reading
        assert firsts < len(neighbours) / 2, top3
    services.store.close()
