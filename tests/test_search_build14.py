"""The index build's fast paths give what the general code gives (speed pass, issue 11)."""

import random

from bot.core.search import SynonymGroups, Vocabulary, passage_terms
from bot.core.text import _THOUSANDS, WORD, fold, tokenize


def test_tokenize_ascii_path_matches_the_word_regex() -> None:
    rng = random.Random(14)
    texts = ["".join(map(chr, range(128)))] + [
        "".join(chr(rng.randrange(128)) for _ in range(rng.randrange(60))) for _ in range(3000)
    ]
    for text in texts:
        assert WORD.findall(_THOUSANDS.sub("", fold(text))) == tokenize(text)


def test_tokenize_other_scripts_and_marks() -> None:
    for text in [
        "Σοφία ΟΔΟΣ, Москва",
        "ℂ café naïve ﬁnanz ½",
        "50.000 Menschen",
        "e\u0301te\u0301",
    ]:
        assert WORD.findall(_THOUSANDS.sub("", fold(text))) == tokenize(text)


def test_passage_terms_finds_synonyms_with_and_without_a_vocabulary() -> None:
    syn = SynonymGroups({"krieg": "syn0x"}, {("kalt", "krieg"): "syn1x"})
    vocab = Vocabulary()
    ws = tokenize("Der kalte Krieg und ein Krieg")
    vocab.word_count.update(ws)
    vocab.finish()
    stems, extra = passage_terms(ws, vocab, syn)
    assert stems == passage_terms(ws, None, syn)[0]
    # one-word synonyms in the order of the text, then the multi-word one
    assert [t for t in extra if t.startswith("syn")] == ["syn0x", "syn0x", "syn1x"]
    assert not [t for t in passage_terms(tokenize("Frieden"), vocab, syn)[1] if "syn" in t]
