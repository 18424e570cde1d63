"""Answering round 14, from what held-out set P showed once it could be read: asked for a figure of a worked example,
the answer quoted the example's first sentences but not its results when two set-up sentences (who took part, then the
budget) stood between the example and the sentence announcing them (round 13 allowed one); a question that weighs two
things without "than" or "que" ("do they send back fewer...", "renvoient-ils moins ... ?", "what brings more ...: A or
B?") was not read as a comparison, so an example's "6 % against 11 %" lost to a sentence merely repeating the
question's words (the set-up sentences are optional lines, so that a total stated after the list still finds room);
and a few general words had no translation (neighbourhood/quartier, valuation/estimation, seller/vendeur).

The pages are written for these tests, on a topic no other test or evaluation set uses (a violin-making workshop
working with classical-music creators). The tests not marked as guards fail on the code at the round's start (checked
on its tree, a430213); the guards pass before and after."""

from __future__ import annotations

from tests.knowledge.test_answers import base_of

LUTHIER_FR = """# Les luthiers et les créateurs de musique classique

## Ce que nous conseillons
Un atelier de lutherie vend peu d'instruments par an, souvent à des élèves avancés qui comparent longuement. Les
créateurs qui jouent devant leur public rassurent ces acheteurs mieux qu'une fiche produit. Nous conseillons de prêter
un violon pendant trois semaines plutôt que d'en offrir un.

## Exemple : l'atelier Corbel
L'atelier Corbel, à Mirecourt, a prêté six violons d'étude à quatre violonistes suivis sur YouTube pendant l'hiver 2026.
Chaque violoniste a enregistré deux morceaux et une courte comparaison avec son propre instrument.
Le budget total s'élevait à 5 200 euros, cachets et assurance des instruments compris.
Voici ce que les trois mois suivants ont donné :

- 37 essais en atelier réservés avec le code des violonistes ;
- un taux de retour des instruments de 4 % contre 13 % pour les ventes du site ;
- 19 violons vendus, pour un panier moyen de 2 900 euros.

Les élèves venus des violonistes savaient ce qu'ils venaient essayer : ils avaient entendu l'instrument joué en entier.

## Questions fréquentes
Faut-il assurer les instruments prêtés ? Oui, l'assurance de l'atelier doit couvrir le transport et le domicile du
créateur pendant toute la durée du prêt.
"""

VISITS_FR = """# Vidéos de visite pour une école de musique

## Quel format choisir
Beaucoup d'écoles filment d'abord une salle de cours vide : la vidéo est propre, mais elle ne donne envie à personne.
Dans nos campagnes de 2025, les vidéos tournées dans le quartier de l'école ont apporté deux fois plus de demandes
d'estimation du niveau que les visites des salles. Les familles veulent savoir où leurs enfants passeront le mercredi.

## Ce que dit le vendeur
Quand l'école loue une salle à un particulier, le vendeur des cours reste l'école : le créateur ne signe rien au nom
de l'école.
"""


def test_an_examples_results_are_quoted_after_two_set_up_sentences(tmp_path) -> None:
    with base_of(tmp_path, {"lutherie.fr.md": LUTHIER_FR, "ecole-musique.fr.md": VISITS_FR}) as kb:
        answer = kb.ask("How many trial bookings did the Corbel workshop get from lending its violins, and what did "
                        "it cost in total?")
    assert answer.found, answer.answer
    assert "Le budget total s'élevait à 5 200 euros" in answer.answer, answer.answer
    assert "37 essais en atelier réservés avec le code des violonistes" in answer.answer, answer.answer


def test_an_examples_results_are_quoted_after_two_set_up_sentences_asked_how_many(tmp_path) -> None:
    with base_of(tmp_path, {"lutherie.fr.md": LUTHIER_FR}) as kb:
        answer = kb.ask("Corbel lent violins to YouTube violinists: how many instruments did it sell afterwards?")
    assert answer.found, answer.answer
    assert "19 violons vendus" in answer.answer, answer.answer


def test_less_without_que_asks_for_a_comparison(tmp_path) -> None:
    with base_of(tmp_path, {"lutherie.fr.md": LUTHIER_FR}) as kb:
        answer = kb.ask("Atelier Corbel : les élèves venus des violonistes rendent-ils moins leurs instruments ?")
    assert answer.found, answer.answer
    assert "4 % contre 13 %" in answer.answer, answer.answer


def test_fewer_asks_for_a_comparison(tmp_path) -> None:
    with base_of(tmp_path, {"lutherie.fr.md": LUTHIER_FR}) as kb:
        answer = kb.ask("At Corbel, did the students sent by the violinists return fewer instruments?")
    assert answer.found, answer.answer
    assert "4 % contre 13 %" in answer.answer, answer.answer


def test_general_words_meet_their_translations() -> None:
    from knowledge.text import query_terms, stem

    for english, french in (("neighbourhood", "quartier"), ("valuation", "estimation"), ("seller", "vendeur")):
        (term,) = query_terms(english)
        assert stem(french, "fr") in term.translations, (english, french)


# Guards: pass on the round's starting code too.
def test_guard_at_least_is_a_bound_not_a_comparison() -> None:
    from knowledge.answer import answer_kinds

    assert "comparison" not in answer_kinds("Il faut au moins combien de semaines de prêt ?")
    assert "comparison" not in answer_kinds("des créateurs avec moins de 10 000 abonnés, ça marche ?")
    assert "comparison" not in answer_kinds("tell me more about the loan")


def test_guard_more_a_or_b_still_quotes_the_sentence_that_compares(tmp_path) -> None:
    with base_of(tmp_path, {"ecole-musique.fr.md": VISITS_FR, "lutherie.fr.md": LUTHIER_FR}) as kb:
        answer = kb.ask("for a music school, what brings more enquiries: a video of an empty classroom or one filmed "
                        "around the neighbourhood?")
    assert answer.found, answer.answer
    assert "deux fois plus de demandes d'estimation" in answer.answer, answer.answer


def test_guard_a_faq_answer_is_still_quoted(tmp_path) -> None:
    with base_of(tmp_path, {"lutherie.fr.md": LUTHIER_FR}) as kb:
        answer = kb.ask("Do we need to insure the violins we lend to creators?")
    assert answer.found, answer.answer
    assert "l'assurance de l'atelier doit couvrir le transport" in answer.answer, answer.answer


def test_guard_a_question_without_a_figure_keeps_the_advice(tmp_path) -> None:
    with base_of(tmp_path, {"lutherie.fr.md": LUTHIER_FR}) as kb:
        answer = kb.ask("Vaut-il mieux prêter un violon ou l'offrir au créateur ?")
    assert answer.found, answer.answer
    assert "prêter un violon pendant trois semaines" in answer.answer, answer.answer
