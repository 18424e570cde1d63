"""A page's own FAQ question points to its answer, footers and crumbs joined by dots or '>' are never quoted,
and small talk is never answered."""

from __future__ import annotations

from pathlib import Path

from knowledge.text import is_boilerplate, is_chat_filler, query_terms
from tests.knowledge.test_answers import base_of

# An English page whose FAQ headings are questions with a short answer right below (too short to be evidence by
# itself), next to a price table whose rows name the same things (episodes, listeners) and all hold figures.
SPONSORING_EN = """# Buying ad reads on small podcasts

## What hosts charge
| Slot | Listeners per episode | Usual price |
| --- | --- | --- |
| Opening read | 1,000 to 5,000 | €10 to €20 per thousand listens |
| Middle read | 1,000 to 5,000 | €20 to €35 per thousand listens |
| Closing read | 1,000 to 5,000 | €8 to €15 per thousand listens |

## FAQ

### How many episodes should a brand sponsor?
At least three, back to back.
Listeners act on the second or third mention of a brand rather than the first.

### Who writes the ad read?
The host does, from a few talking points the brand sends a week before recording.

*Buying ad reads on small podcasts · Relais Guides · Audio · [All guides](/guides)*
"""

# A French page where the answer is a list announced by a short sentence ending in ":".
COLIS_FR = """Accueil > Guides > Envois > Préparer un colis pour une créatrice

# Préparer un colis pour une créatrice

## Avant l'envoi
Demandez toujours l'adresse et l'accord de la créatrice avant d'expédier quoi que ce soit : un colis que personne
n'attendait finit au fond d'un placard. Prévoyez dix jours entre l'expédition et la date de publication souhaitée.

## Le contenu du colis
Un bon colis tient en peu de choses :
- une carte écrite à la main par quelqu'un de l'équipe ;
- une fiche d'une page sur le produit et son usage ;
- un contact direct pour les questions.

## Après la réception
Relancez une seule fois, une semaine après la livraison, sans demander de publication.
"""


def test_a_faq_question_of_the_page_brings_its_answer_across_languages(tmp_path: Path) -> None:
    with base_of(tmp_path, {"podcast.en.md": SPONSORING_EN, "colis.fr.md": COLIS_FR}) as kb:
        # the page's heading restates the question; the figures of the price table only share its words
        answer = kb.ask("combien d'épisodes faut-il sponsoriser ?")
    assert answer.found and "At least three, back to back" in answer.answer, answer.answer


def test_a_page_opening_with_crumbs_answers_with_its_list(tmp_path: Path) -> None:
    # the crumbs repeat the page's words ("colis", "créatrice"): they must not stand in for the answer
    with base_of(tmp_path, {"podcast.en.md": SPONSORING_EN, "colis.fr.md": COLIS_FR}) as kb:
        answer = kb.ask("Que faut-il mettre dans le colis d'une créatrice ?")
    assert answer.found and "carte écrite à la main" in answer.answer, answer.answer


def test_footers_and_crumbs_joined_by_dots_or_arrows_are_never_quoted(tmp_path: Path) -> None:
    title = "Buying ad reads on small podcasts"
    assert is_boilerplate("Buying ad reads on small podcasts · Relais Guides · Audio · [All guides](/guides)", title)
    assert is_boilerplate("Accueil > Guides > Envois > Préparer un colis pour une créatrice")
    assert not is_boilerplate("A host who reads the ad > 3 times per episode tires the listeners.", title)
    with base_of(tmp_path, {"podcast.en.md": SPONSORING_EN, "colis.fr.md": COLIS_FR}) as kb:
        answers = [kb.ask(question).answer for question in (
            "Buying ad reads on small podcasts: who writes the ad read?",
            "Préparer un colis pour une créatrice : quand relancer ?",
        )]
    assert not any("Relais Guides" in answer or "Accueil >" in answer for answer in answers), answers


def test_small_talk_is_not_a_question(tmp_path: Path) -> None:
    for message in ("coucou, ça va ?", "you there?", "bonne soirée !", "ça marche", "how are you?"):
        assert is_chat_filler(message), message
    for message in ("ça va coûter combien pour trois créatrices ?", "are there rules for giveaways?"):
        assert not is_chat_filler(message), message
    with base_of(tmp_path, {"podcast.en.md": SPONSORING_EN, "colis.fr.md": COLIS_FR}) as kb:
        assert not kb.ask("coucou, ça va ?").found


# A French page on inviting local creators: an English question meets its sentence through general words
# (town/ville, meal/repas, flagged/signalée), which e5 alone does not bring close enough.
LOCAL_FR = """# Inviter des créateurs dans un commerce de quartier

## Choisir des comptes vraiment locaux
Un compte suivi dans toute la France attire peu de clients dans une boutique de Nantes. Notre règle : au moins
40 % des abonnés doivent habiter la ville du commerce, d'après la capture des statistiques d'audience.
En dessous de 3 000 abonnés, une invitation pour deux personnes suffit ; au-delà, comptez 100 à 250 € de plus.

## Le repas offert
Un repas offert est un avantage en nature : la publication qui en parle doit être signalée comme une
collaboration commerciale, même sans aucun paiement.
"""


def test_general_words_carry_an_english_question_to_a_french_sentence(tmp_path: Path) -> None:
    town = query_terms("town")[0]
    assert "vill" in town.translations, town
    with base_of(tmp_path, {"local.fr.md": LOCAL_FR, "podcast.en.md": SPONSORING_EN}) as kb:
        share = kb.ask("how many of a creator's followers should live in our town?")
        meal = kb.ask("if we offer a creator a free meal, must the post be flagged as an ad?")
    assert share.found and "40 %" in share.answer, share.answer
    assert meal.found and "signalée comme une" in meal.answer, meal.answer
