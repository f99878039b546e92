"""Uploaded files are parsed in a child process with a time and a memory limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.hostile import many_lines_pdf, zip_bomb_docx
from fixtures.readings.make import article_docx, article_pdf, make_services

from bot.core.readings import ReadingError, extract
from bot.core.readings.extract import _reflow_pdf_page
from bot.core.worker import extract_isolated


@pytest.mark.parametrize(
    ("data", "name"), [(article_docx(), "artikel.docx"), (article_pdf(), "artikel.pdf")]
)
def test_the_worker_reads_a_file_as_the_bot_itself_would(data, name):
    assert extract(data, name) == extract_isolated(data, name)


def test_a_zip_bomb_is_stopped_by_the_memory_limit_with_a_german_message():
    with pytest.raises(ReadingError, match="zu viel Speicher"):
        extract_isolated(zip_bomb_docx(300), "bombe.docx", memory_mb=200, seconds=60)


def test_a_file_that_takes_too_long_is_stopped_by_the_time_limit():
    with pytest.raises(ReadingError, match="nicht in 1 Sekunden lesen"):
        extract_isolated(many_lines_pdf(20_000), "zeilen.pdf", seconds=1.0)


def test_a_refused_upload_stores_nothing(tmp_path: Path):
    services = make_services(tmp_path)
    try:
        before = [s.slug for s in services.catalog.sources]
        dest = tmp_path / "neu"
        with pytest.raises(ReadingError):
            services.readings.add(zip_bomb_docx(300), "bombe.docx", dest_dir=dest)
        assert before == [s.slug for s in services.catalog.sources]
        assert not dest.exists() or list(dest.iterdir()) == []
    finally:
        services.store.close()


def test_pdf_reflow_joins_hyphens_and_ends_paragraphs_as_before():
    page = "\n".join(
        [
            "Die Europäer rüsten auf und erklären sich selbst zur Partei im hybriden Krieg ge-",
            "gen Russland, sie wollen eine Weltmacht werden, die ohne Erlaubnis handelt.",
            "Kurz.",
            "Überschrift",
            "",
            "Die Haushälter bewilligen Sondervermögen für die Rüstung der ganzen US-",
            "Politik und der europäischen Staaten, die sich dafür verschulden wollen.",
        ]
    )
    assert _reflow_pdf_page(page).split("\n\n") == [
        "Die Europäer rüsten auf und erklären sich selbst zur Partei im hybriden Krieg gegen "
        "Russland, sie wollen eine Weltmacht werden, die ohne Erlaubnis handelt. Kurz.",
        "Überschrift",
        "Die Haushälter bewilligen Sondervermögen für die Rüstung der ganzen US-Politik und der "
        "europäischen Staaten, die sich dafür verschulden wollen.",
    ]
