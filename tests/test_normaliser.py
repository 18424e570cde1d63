"""One normaliser for captions, shortlist requests and passages: the same word matches the same way."""

from __future__ import annotations

from bot.briefs.matching import fold, phrase_pattern
from knowledge.text import fold_accents, fold_with_offsets
from scoring.query import parse_shortlist_query


def test_every_layer_folds_ligatures_apostrophes_and_accents_alike() -> None:
    for written, folded in (("Cœur", "coeur"), ("l’été", "l'ete"), ("Æsthétique – été", "aesthetique - ete")):
        assert fold_accents(written) == folded
        assert fold(written) == folded
        assert fold_with_offsets(written).text == folded


def test_the_fast_fold_is_the_fold_with_offsets() -> None:
    samples = ["Cœur d’Été", "ÆSTHÉTIQUE – Ørsted Łódź", "İstanbul ﬁnance ½ ２０２４", "naïve café\u00a0crème", "ß straße", ""]
    for text in samples:
        assert fold_accents(text) == fold_with_offsets(text).text, text


def test_offsets_map_folded_matches_back_to_what_was_written() -> None:
    caption = "Mon cœur d’été #pub"
    folded = fold_with_offsets(caption)
    match = phrase_pattern("coeur d'ete").search(folded.text)
    assert match is not None
    start, end = folded.original_offset(match.start()), folded.original_offset(match.end() - 1) + 1
    assert caption[start:end] == "cœur d’été"


def test_a_shortlist_request_keeps_the_words_as_written_around_a_ligature() -> None:
    request = parse_shortlist_query("créatrices sœurs jumelles mode en France, budget 2 000 €")
    assert request.country == "FR" and request.budget == 2000
    assert "sœurs jumelles" in request.niche
