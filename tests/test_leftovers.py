"""No leftovers: a crash or a full disk during `add` leaves no stray file behind (issue 13)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from fixtures.readings.make import article_html, make_config

from bot.config import Config
from bot.core import files
from bot.core.readings import ReadingError
from bot.services import build_services

SLUG = "europa-im-hybriden-krieg"


def stray(config: Config) -> list[str]:
    """Files in the seeds folder that no source refers to, and sources without their file."""
    services = build_services(config)  # the start: tidies interrupted writes
    try:
        known = {Path(services.catalog.path_of(s, config.seeds_dir)).name
                 for s in services.catalog.sources}  # fmt: skip
        originals = {r["original"] for r in services.store.db["reading_files"].rows} if (
            "reading_files" in services.store.db.table_names()) else set()  # fmt: skip
        on_disk = {p.name for p in config.seeds_dir.iterdir()}
        missing = [f"fehlt: {n}" for n in known - on_disk]
        return sorted(on_disk - known - originals) + missing
    finally:
        services.store.close()


def test_a_full_disk_during_add_leaves_no_partial_file(tmp_path: Path, monkeypatch) -> None:
    config = make_config(tmp_path)
    services = build_services(config)
    before = sorted(p.name for p in config.seeds_dir.iterdir())

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(ReadingError, match="Es wurde nichts geändert"):
        services.readings.add(article_html(), "hybrid.html", dest_dir=config.seeds_dir)
    assert sorted(p.name for p in config.seeds_dir.iterdir()) == before
    assert services.catalog.get(SLUG) is None
    services.store.close()


def test_a_crash_before_the_commit_leaves_nothing_after_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_config(tmp_path)
    services = build_services(config)

    def killed(*args: object, **kwargs: object) -> None:
        raise SystemExit(137)  # like SIGKILL: no except-Exception cleanup runs

    monkeypatch.setattr(services.search, "store_prepared", killed)
    with pytest.raises(SystemExit):
        services.readings.add(article_html(), "hybrid.html", dest_dir=config.seeds_dir)
    services.store.close()
    assert list(config.seeds_dir.glob("*.part"))  # what the crash left
    assert stray(config) == []
    assert not list(config.seeds_dir.glob("*.part"))


def test_a_crash_after_the_commit_is_finished_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_config(tmp_path)
    services = build_services(config)

    def killed(paths: list[Path]) -> None:
        raise SystemExit(137)

    monkeypatch.setattr(files, "finish", killed)
    with pytest.raises(SystemExit):
        services.readings.add(article_html(), "hybrid.html", dest_dir=config.seeds_dir)
    services.store.close()
    monkeypatch.undo()
    assert stray(config) == []  # the committed reading got its files
    services = build_services(config)
    assert services.catalog.get(SLUG) is not None
    assert services.search.search("Drohnenwand")
    services.store.close()
