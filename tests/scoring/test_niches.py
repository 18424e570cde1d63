"""The typed niche and the niches it names (scoring.niches)."""

from __future__ import annotations

from scoring.niches import expand_niche, niche_vocabulary


def _named_by_every_niche(text: str) -> set[tuple[str, tuple[int, ...]]]:
    """What expand_niche names when every niche is matched in turn, before the looser readings
    are dropped: the reference the stem index must agree with."""
    typed = expand_niche(text).slots
    found = set()
    for niche in niche_vocabulary().values():
        covers: set[int] = set()
        for term in niche.terms:
            hits = [next((i for i, t in enumerate(typed) if slot & t), None) for slot in term.slots]
            if all(hit is not None for hit in hits):
                covers.update(hits)
        if covers:
            found.add((niche.key, tuple(sorted(covers))))
    return {n for n in found if not any(set(n[1]) < set(o[1]) for o in found if o != n)}


def test_every_term_of_the_vocabulary_names_what_a_walk_over_every_niche_names() -> None:
    texts = [term.text for niche in niche_vocabulary().values() for term in niche.terms]
    texts += ["cosmétiques naturels à Lyon", "running et yoga", "café de spécialité", "Sports with a ball"]
    for text in texts:
        named = {(n.niche.key, n.covers) for n in expand_niche(text).named}
        assert named == _named_by_every_niche(text), text


def test_a_request_sharing_no_word_with_the_vocabulary_names_nothing() -> None:
    assert expand_niche("zzqx plorb").named == ()
