"""Questions asked at the same time in several chats share the engine's caches: none of them
may see a cache another one is still filling (CI failure of 058a04d: KeyError in _asks)."""

import threading

from bot.core.search import SynonymGroups, Vocabulary, passage_terms
from bot.core.text import tokenize


def test_a_word_another_question_is_still_analysing_gets_its_terms() -> None:
    vocab = Vocabulary()
    ws = tokenize("Was ist das für eine merkwürdige Drohung")
    vocab.word_count.update(ws)
    vocab.finish()
    syn = SynonymGroups({}, {})
    expected = passage_terms(ws, None, syn)[0]
    inside, go_on = threading.Event(), threading.Event()
    part_stems = vocab.part_stems
    held: list[str] = []

    def slow_part_stems(word: str) -> tuple[str, ...]:
        # the first question stops in the middle of analysing its first word
        if not held:
            held.append(word)
            inside.set()
            assert go_on.wait(10)
        return part_stems(word)

    vocab.part_stems = slow_part_stems  # type: ignore[method-assign]
    first: list[list[str]] = []
    asker = threading.Thread(target=lambda: first.append(passage_terms(ws, vocab, syn)[0]))
    asker.start()
    try:
        assert inside.wait(10)
        second, _ = passage_terms(ws, vocab, syn)  # meanwhile, another chat's question
    finally:
        go_on.set()
        asker.join()
    assert second == expected
    assert first == [expected]
