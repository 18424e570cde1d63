"""Caption round 21 (issue 14): a "traitement" that is no medical treatment, a gift said to come
with nothing asked in return, and a product said to do what the treatment did.

Found on held_out_27: a French writing app whose creator had dropped her old word processor
(« traitement de texte ») was called a treatment given up, banned and a claim; a Belgian post
labelled « #sponsorisé » for a present sent unasked, « pas de contrat, pas de commission », was
called ambiguously labelled, the label being kept for gifts and the compensation presumed paid; a
French mattress that « fait ce que les médicaments faisaient » after a slipped disc passed.

Fail before the round (5): a word processor or image processing dropped (FR 2); a gift with nothing
asked in return under the gift label (BE in French, BE in Dutch); a product doing what sleeping
pills did (FR).
Guards, which pass before and after (4): a treatment against an illness dropped is still banned; a
gift beside a discount code, or a compensation the user names, keeps the gift label ambiguous; a
serum doing what other creams did replaces no treatment. The
real checker and rules, without the reading by meaning; every caption is written for these tests,
none is a held_out_27 sentence.
"""

from __future__ import annotations

import pytest

from bot.briefs.checker import check_caption
from bot.briefs.models import CaptionCheckRequest
from tests.briefs.caption_checks import BANNED, CLAIM, promotion

AMBIGUOUS = ("ambiguous_disclosure", "error")


def label_issues(caption: str, jurisdiction: str, compensation: str = "paid") -> set[tuple[str, str]]:
    request = CaptionCheckRequest(caption=caption, jurisdiction=jurisdiction, compensation=compensation)
    return {(issue.code, issue.severity) for issue in check_caption(request).issues}


# A "traitement" that is no medical treatment ----------------------------------------------------------


@pytest.mark.parametrize("caption", [
    ("Publicité · @Scriptorium, l'outil des scénaristes : j'ai abandonné mon ancien traitement de texte en janvier, "
     "impossible d'y retrouver une réplique."),
    "Publicité · Avec l'appli @Lumenza, plus de traitement d'image à la main : mes photos de mariage sont prêtes en une soirée.",
])
def test_a_word_processor_or_image_processing_dropped_is_no_treatment(caption):
    assert not promotion(caption, "FR")


def test_a_treatment_against_an_illness_dropped_is_still_banned():  # guard
    caption = "Publicité · Grâce au baume @Herbalys, j'ai arrêté mon traitement contre l'eczéma."
    assert promotion(caption, "FR") & {BANNED, CLAIM}


# A gift said to come with nothing asked in return ------------------------------------------------------


@pytest.mark.parametrize(("caption", "jurisdiction"), [
    (("#sponsorisé La maison de thé @FeuilleDor de Namur m'a fait parvenir ce coffret sans rien me demander en retour, "
      "aucune obligation de publier. Je le montre parce que le thé fumé est divin."), "BE"),
    (("#gesponsord Het atelier @Houtsnijder uit Gent stuurde me deze snijplank zonder tegenprestatie. "
      "Ik deel hem omdat het eikenhout prachtig is."), "BE"),
])
def test_a_gift_with_nothing_asked_in_return_takes_the_gift_label(caption, jurisdiction):
    assert AMBIGUOUS not in label_issues(caption, jurisdiction)


def test_a_gift_beside_a_discount_code_keeps_the_gift_label_ambiguous():  # guard
    caption = ("#sponsorisé La maison de thé @FeuilleDor m'a fait parvenir ce coffret sans rien me demander en retour. "
               "-15 % avec le code THEO.")
    assert AMBIGUOUS in label_issues(caption, "BE")


def test_a_compensation_the_user_names_is_not_undone_by_the_caption():  # guard
    caption = "#sponsorisé La maison de thé @FeuilleDor m'a fait parvenir ce coffret sans rien me demander en retour."
    assert AMBIGUOUS in label_issues(caption, "BE", compensation="affiliate")


# The product said to do what the treatment did --------------------------------------------------------


def test_a_product_said_to_do_what_the_treatment_did_replaces_it():
    caption = "Publicité · Trois ans de somnifères, et la tisane @Nuitdouce fait exactement ce que mes somnifères faisaient."
    assert promotion(caption, "FR") & {BANNED, CLAIM}


def test_doing_what_other_products_did_replaces_no_treatment():  # guard
    caption = "Publicité · Le sérum @Perlea fait ce que mes trois anciennes crèmes faisaient, en un seul geste."
    assert not promotion(caption, "FR")
