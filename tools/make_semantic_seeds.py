"""Derive bot/data/semantic_seeds.npz: the semantic extra's vectors of the bundled sources
(run by a developer after the seeds or the passage cutting change, not at run time).

    pip install -e '.[semantic]'
    python tools/make_semantic_seeds.py

Embeds every served passage of the bundled sources (the whole passage, then each sentence)
and every note of ours on a paragraph (content/passages), the notes also in the model's question
form, with multilingual-e5-small, as the bot would on its first start, and stores them by cache
key.
A new install then answers its first unsure questions without waiting for the model; readings
added later are embedded by the bot itself. tests/test_search_semantic.py fails when the file no
longer covers the bundled sources' passages.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Config  # noqa: E402
from bot.core.semantic import BUNDLED, SemanticRerank, load_embedder, write_bundle  # noqa: E402
from bot.services import build_services  # noqa: E402


def main() -> int:
    embedder = load_embedder()
    if embedder is None:
        print("the semantic extra is not installed: pip install -e '.[semantic]'")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        services = build_services(Config(db_path=Path(tmp) / "b.db", data_dir=Path(tmp)))
        texts = sorted(set(services.search.texts_to_embed()))
        notes = sorted(set(services.search.note_sentences()))
        services.store.close()
    rerank = SemanticRerank(embedder, bundle=None)  # embed afresh, whatever the old file holds
    t0 = time.perf_counter()
    rerank.warm(texts, notes=notes)
    vectors = rerank.cached()
    write_bundle(BUNDLED, vectors)
    rows = sum(len(v) for v in vectors.values())
    print(
        f"{len(texts)} passages and notes, {rows} vectors in {time.perf_counter() - t0:.0f} s -> "
        f"{BUNDLED.relative_to(ROOT)} ({BUNDLED.stat().st_size / 1024:.0f} KiB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
