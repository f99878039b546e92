"""Source metadata: the registry validates, resolves what users type, and guards the seeds."""

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from bot.config import Config
from bot.core.catalog import Catalog, CatalogError, load_sources_yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "content" / "sources.yaml"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def test_seed_files_match_their_recorded_sha256():
    entries = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))["sources"]
    assert len(entries) >= 5
    for entry in entries:
        digest = hashlib.sha256((ROOT / "seeds" / entry["file"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"], entry["file"]


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="shared seeds not beside the checkout")
def test_seeds_are_byte_for_byte_the_groups_texts():
    for original in SHARED_SEEDS.glob("*.txt"):
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes()


@pytest.fixture
def registry(tmp_path):
    """A writable copy of sources.yaml and the seeds."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    path = tmp_path / "sources.yaml"
    shutil.copy(SOURCES, path)
    return path, seeds


def _edit(path: Path, fn) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fn(data["sources"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_valid_registry_loads(registry):
    path, seeds = registry
    sources = load_sources_yaml(path, seeds)
    assert {s.kind for s in sources} == {"article", "blog", "protocol"}
    assert all(s.description for s in sources)


@pytest.mark.parametrize(
    "mutate,words",
    [
        (lambda s: s[1].pop("title"), ["Eintrag 2", "protokoll-2026-01-12", "'title' fehlt"]),
        (lambda s: s[0].update(sha256="0" * 64), ["Eintrag 1", "'sha256'"]),
        (lambda s: s[2].update(file="fehlt.txt"), ["Eintrag 3", "'file'", "fehlt.txt"]),
        (lambda s: s[3].update(kind="roman"), ["Eintrag 4", "'kind'"]),
        (lambda s: s[4].update(date="20.08.2025"), ["Eintrag 5", "'date'"]),
        (lambda s: s[4].update(slug=s[3]["slug"]), ["Eintrag 5", "doppelt"]),
        (lambda s: s[0].update(slug="Mit Leerzeichen"), ["Eintrag 1", "'slug'"]),
    ],
)
def test_bad_entries_stop_with_a_german_error_naming_entry_and_field(registry, mutate, words):
    path, seeds = registry
    _edit(path, mutate)
    with pytest.raises(CatalogError) as err:
        load_sources_yaml(path, seeds)
    message = str(err.value)
    assert message.startswith("sources.yaml")
    for word in words:
        assert word in message


def test_malformed_yaml_names_the_line(registry):
    path, seeds = registry
    path.write_text("sources:\n  - slug: a\n    title: [kaputt\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"sources.yaml, Zeile \d+: kein gültiges YAML"):
        load_sources_yaml(path, seeds)


def test_changed_seed_file_is_detected(registry):
    path, seeds = registry
    target = next(seeds.glob("002_*"))
    target.write_bytes(target.read_bytes() + b"\nnachtraeglich angefuegt\n")
    with pytest.raises(CatalogError, match="sha256"):
        load_sources_yaml(path, seeds)


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("fazi", {"fazi-illusion", "fazi-endspiel"}),
        ("Endspiel", {"fazi-endspiel"}),
        ("wsws", {"wsws-alaska"}),
        ("gs", {"protokoll-2026-01-12"}),
        ("Protokoll", {"protokoll-2026-01-12"}),
        ("frieden von unten", {"frieden-von-unten"}),
        ("Gegenstandpunkt", {"protokoll-2026-01-12"}),
        ("Illusion des Friedens", {"fazi-illusion"}),
        ("Protokol", {"protokoll-2026-01-12"}),
    ],
)
def test_resolve_what_users_type(typed, expected):
    catalog = Catalog.load(Config())
    assert {s.slug for s in catalog.resolve(typed)} == expected


@pytest.mark.parametrize("typed", ["", "   ", "Apfelkuchen", "🙂", "x" * 5000])
def test_resolve_unknown_is_empty(typed):
    assert Catalog.load(Config()).resolve(typed) == []
