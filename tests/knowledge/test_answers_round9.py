"""Answering round 9, from what held-out set J showed once it could be read: an English question whose answer is on a
French page lost the ranking to an English page that only shared its words (the passages of both languages were ranked
together by raw cosines, on which a question scores every page of its own language higher); a page's own FAQ question
restated in the other language was discounted by a fixed amount, below a worked example that merely shared its words;
asked who, a sentence holding a label quoted with capitals outranked the one naming the person; "what is the penalty
if..." was read as asking for a definition; a comparison got the sentence framing it, not the one setting two figures
against each other; a table's rows after a set-up were quoted from the top, not the row the question names; passages
overlap, so a list announced at the end of one was cut off by the repeated announcement at the start of the next; a
footer repeating a title that holds a colon was quoted; an answer under a FAQ question ran on into the next entry; a
heading question chosen in a later passage of its section was answered with that passage's sentences, not the ones
under the heading.

The pages are written for these tests, on a topic no other test or evaluation set uses (publishers, bookshops and
BookTok creators). Every test fails on the code at the round's start (checked on its tree) except the guards, which
pass before and after."""

from __future__ import annotations

from pathlib import Path

from knowledge.models import Answer
from tests.knowledge.test_answers import base_of

NARRATEURS_FR = """# Les narrateurs de livres audio comme créateurs

## Pourquoi ils comptent
Les narratrices et narrateurs de livres audio ont souvent une petite communauté très fidèle sur Instagram, qui suit leurs lectures plus que leurs conseils.

## Ce que nous avons observé
Sur nos douze lancements de 2026, les extraits lus par un narrateur ont obtenu un taux d'écoute complète de 62 %, contre 35 % pour les bandes-annonces classiques.

## Comment les rémunérer
Nous payons un forfait par extrait enregistré, de 150 à 300 euros selon la durée, et le narrateur garde le droit de publier l'extrait sur son propre compte.
"""

READINGS_EN = """# Live readings on a bookshop's account

## Before the reading
Agree with the creator on the book, the length of the reading and the questions they will take from followers.

## During the reading
The shop's regular followers expect the account's usual tone, so the creator opens by saying who they are and why they are there.

## After the reading
Keep the recording on the account for a month and send the creator the viewing figures within a week.
"""

# A page and its translation: the same figures in both.
SEASON_EN = """# Planning a BookTok season

## The calendar
A season runs from 1 September to 15 December, with 3 review waves of 10 days each.

## The budget
Plan 2,400 euros per wave for 8 creators, and keep 15% aside for a surprise bestseller.

## The results we expect
A wave usually brings 120 to 180 orders and 6 to 9 bookshop events.
"""

SAISON_FR = """# Préparer une saison BookTok

## Le calendrier
Une saison va du 1er septembre au 15 décembre, avec 3 vagues de critiques de 10 jours chacune.

## Le budget
Prévoyez 2 400 euros par vague pour 8 créatrices, et gardez 15 % de côté pour un succès surprise.

## Les résultats attendus
Une vague apporte en général 120 à 180 commandes et 6 à 9 rencontres en librairie.
"""

# Six questions of its own: enough for the base to measure how close off-topic questions come to a page's questions.
REVIEWS_FAQ_EN = """# BookTok reviews for publishers: the questions we get

## What we did last season
Our creators filmed 12 review videos for the autumn list, most of them about three minutes long, and posted them over six weeks.

## Questions
How long should a review video be?
Under sixty seconds, because viewers scroll away before the verdict of a longer one.

Should the creator have read the whole book?
Yes. Viewers notice a review of the first chapter only, and the comments say so.

Can we ask for a spoiler-free review?
Always, and put it in the brief rather than in a message.

Do we pay creators for a review of a proof copy?
Not for a single review; a paid series of three videos is another matter.

When should the review go live?
In the week of the release, never before the embargo date printed on the proof.

Can the creator sell the proof copy afterwards?
No, proof copies are marked not for resale.
"""

DEBUT_FAQ_EN = """# BookTok partnerships for publishers: questions we get

## A worked example
Last spring a small publisher sent a debut novel to 25 BookTok creators, and 19 of them filmed a review within a month.

## Questions
How many creators should we send a debut novel to?
Between 40 and 60, because only about half of them will ever film it.

Should the creator have read the whole book?
Yes. Viewers notice a review of the first chapter only, and the comments say so.

Can we ask for a spoiler-free review?
Always, and put it in the brief rather than in a message.
"""

BOOKSHOPS_EN = """# Working with BookTok creators as an independent bookshop

## How a partnership starts
Most independent bookshops begin by lending three new novels a month to a local BookTok creator, who films a
short review in the shop. The shop pays nothing for the first two months.

## What a season of reviews brought
Here is what the Quillhaven bookshop recorded over its first season with two creators, compared with the season before:
| Measure | With creators | Season before |
|---|---|---|
| Books reviewed | 24 | 0 |
| Visits to the shop page | 5,400 | 2,100 |
| Signed copies sold | 310 | 140 |
| Events booked | 6 | 2 |
| Newsletter sign-ups | 870 | 95 |
| Returns of reviewed books | 4 | 9 |
"""

COMMENTAIRES_FR = """# Gérer les commentaires sous les critiques BookTok

## Les réglages
Avant la mise en ligne, la librairie active le filtre « Masquer les Commentaires Offensants » et l'option « Limiter » du compte de la créatrice.

## Qui répond ?
Les questions posées sous une critique reçoivent toujours la réponse de l'équipe de la librairie, jamais de la créatrice, car seule la librairie connaît son stock.

## Le délai
Répondez dans la journée : une question sur une édition dédicacée restée sans réponse le soir est une vente perdue.
"""

MENTION_FR = """# Livres offerts et mention obligatoire

## Quand la mention est due
Une critique d'un livre reçu gratuitement de l'éditeur est une communication commerciale, même si la créatrice n'a pas été payée.
Une critique de livre offert publiée sans mention est traitée comme une pratique commerciale trompeuse.

## Ce que risque la créatrice
Dans notre charte, chaque critique non signalée coûte à la créatrice une pénalité de 500 euros et la fin du partenariat au bout de deux manquements.

## La bonne formule
Écrivez « Livre offert par l'éditeur » dans la première ligne de la légende.
"""

CLUBS_FR = """# Clubs de lecture et créatrices BookTok

## Pourquoi les clubs de lecture
Les clubs de lecture en librairie réunissent une dizaine de lecteurs fidèles chaque mois, et les créatrices BookTok y trouvent des avis sincères à filmer.

## Ce que nous avons mesuré
Nous avons suivi douze clubs animés par des créatrices pendant un an. Voici ce que nous avons observé :
- un taux de réachat de 41 % chez les membres des clubs animés par une créatrice, contre 18 % chez les autres clients ;
- une participation stable d'un mois sur l'autre ;
- des avis plus détaillés dans les commentaires des vidéos tournées au club.

## Organiser la première séance
Choisissez un roman déjà en stock, prévoyez une heure et demie et laissez la créatrice filmer les dix dernières minutes.
"""

# A plain-text page whose cut between two passages falls right after "...? Three things, in writing:", which the next
# passage repeats before the items (passages overlap by up to 80 characters).
FAIRS_EN = """Book fairs with creators: a short guide for publishers

A book fair stand with a BookTok creator draws a queue that a signing by the author alone rarely does.
The creator films the stand, reads an extract live and sends viewers to the publisher's shop on the last day.
Most publishers we work with now book one creator per fair, and two for the largest fairs of the year.
What should the booking letter cover? Three things, in writing:
- the hours the creator spends on the stand, usually two sessions of ninety minutes with a break between them, and who from the publisher stays with them;
- the books the creator may film, listed by title, and those still under embargo until their release date;
- the travel and hotel costs, which the publisher pays directly rather than as part of the creator's fee.
How early should a creator be booked? Six weeks before the fair, because the best-known creators are asked by
several publishers for the same weekend.
"""

SALONS_FR = """# Salons du livre : inviter des créatrices BookTok sur le stand

## Le principe
Une créatrice invitée sur le stand filme la file d'attente, lit un extrait en direct et renvoie ses abonnés vers la boutique de l'éditeur.

## Le budget
Comptez entre 300 et 600 euros par journée de salon, plus le train et l'hôtel, que l'éditeur réserve lui-même.

Salons du livre : inviter des créatrices BookTok sur le stand — Éditions Perce-Neige, service presse
"""

# A section under a question heading, long enough to be cut in two passages.
EPREUVES_FR = """# Épreuves non corrigées et créatrices BookTok

## Peut-on envoyer une épreuve non corrigée à une créatrice ?
Oui, à condition de lui dire par écrit que le texte n'est pas définitif et que les citations doivent attendre la version imprimée.
Les éditeurs qui le font envoient l'épreuve six à huit semaines avant la parution, pour laisser le temps de lire sans presser la créatrice.
Joignez une lettre courte qui rappelle la date de parution, le nom de l'attachée de presse et la date avant laquelle rien ne doit être publié.

Une épreuve reste la propriété de l'éditeur : la créatrice ne peut ni la revendre ni la donner, et la plupart des éditeurs demandent qu'elle soit détruite ou rendue après la parution.
Les épreuves numériques portent souvent un filigrane au nom de la créatrice, ce qui permet de retrouver la source d'une fuite.
Une créatrice qui publie des extraits d'une épreuve avant la date convenue perd en général l'accès aux envois suivants.

## Le coût d'un envoi
Une épreuve imprimée coûte entre 4 et 9 euros à fabriquer, plus l'envoi.
"""

BOUGIES_FR = """# Bougies parfumées : ce que les créatrices peuvent promettre

## Les promesses interdites
Une bougie parfumée n'est pas un produit de santé : aucune vidéo ne peut dire qu'elle soigne l'anxiété, fait disparaître les migraines ou remplace un somnifère.
Une créatrice qui présente une bougie comme un remède à l'insomnie fait une allégation trompeuse, que la marque doit faire retirer.

## Ce qui reste possible
Parler de l'odeur, de l'ambiance d'une soirée de lecture et de la durée de combustion, qui dépasse souvent 40 heures pour une bougie de 200 grammes.

## La relecture
Chaque vidéo est relue par la marque avant publication, dans un délai de deux jours ouvrés.
"""


def quoted(answer: Answer) -> list[str]:
    """The answer's lines after its lead-in, blank lines left out."""
    return [line for line in answer.answer.split("\n")[1:] if line.strip()]


def test_a_page_in_the_other_language_that_answers_is_ranked_above_one_that_only_shares_the_words(tmp_path: Path) -> None:
    with base_of(tmp_path, {"narrateurs.fr.md": NARRATEURS_FR, "readings.en.md": READINGS_EN}) as kb:
        passages = kb.search("can the narrator post the excerpt on their own account?")
        answer = kb.ask("can the narrator post the excerpt on their own account?")
    assert Path(passages[0].source).name == "narrateurs.fr.md", [p.source for p in passages]
    assert "le narrateur garde le droit de publier l'extrait" in quoted(answer)[0], answer.answer


# Guard: passes on the round's starting code too, which ranked every page of the question's language higher.
def test_guard_of_a_page_and_its_translation_the_one_in_the_readers_language_comes_first(tmp_path: Path) -> None:
    with base_of(tmp_path, {"season.en.md": SEASON_EN, "saison.fr.md": SAISON_FR}) as kb:
        english = kb.search("how many orders does a wave bring?")
        french = kb.search("combien de commandes apporte une vague ?")
        answer = kb.ask("Quel budget prévoir par vague de critiques ?")
    assert Path(english[0].source).name == "season.en.md"
    assert Path(french[0].source).name == "saison.fr.md"
    assert "Prévoyez 2 400 euros par vague" in answer.answer and "Plan 2,400" not in answer.answer, answer.answer


def test_a_pages_question_restated_in_the_other_language_brings_its_answer_first(tmp_path: Path) -> None:
    with base_of(tmp_path, {"faq.en.md": REVIEWS_FAQ_EN}) as kb:
        answer = kb.ask("combien de temps doit durer une vidéo de critique ?")
    assert answer.found, answer.answer
    assert quoted(answer)[0].startswith("Under sixty seconds"), answer.answer


def test_an_answer_under_a_pages_question_stops_at_the_next_question(tmp_path: Path) -> None:
    with base_of(tmp_path, {"faq.en.md": DEBUT_FAQ_EN}) as kb:
        answer = kb.ask("à combien de créateurs faut-il envoyer un premier roman ?")
    assert "Between 40 and 60" in answer.answer, answer.answer
    assert "Viewers notice a review of the first chapter" not in answer.answer, answer.answer


def test_the_table_row_a_question_names_is_quoted_after_the_set_up(tmp_path: Path) -> None:
    with base_of(tmp_path, {"bookshops.en.md": BOOKSHOPS_EN}) as kb:
        answer = kb.ask("How many newsletter sign-ups did Quillhaven get with the creators?")
    assert answer.found, answer.answer
    assert "Newsletter sign-ups; With creators: 870" in answer.answer, answer.answer


def test_asked_who_the_sentence_naming_the_person_is_quoted_not_a_label_in_capitals(tmp_path: Path) -> None:
    with base_of(tmp_path, {"commentaires.fr.md": COMMENTAIRES_FR}) as kb:
        answers = [kb.ask(question) for question in ("who should answer the comments under a review?",
                                                     "who replies to comments on a BookTok review, the shop or the creator?")]
    for answer in answers:
        assert quoted(answer)[0].startswith("Les questions posées sous une critique"), answer.answer
        assert "Masquer les Commentaires Offensants" not in answer.answer, answer.answer


def test_what_is_the_penalty_if_asks_for_the_penalty_not_a_definition(tmp_path: Path) -> None:
    with base_of(tmp_path, {"mention.fr.md": MENTION_FR}) as kb:
        answer = kb.ask("What is the penalty if a creator posts a review of a free book without the label?")
    assert answer.found, answer.answer
    assert "une pénalité de 500 euros" in quoted(answer)[0], answer.answer


def test_a_comparison_is_answered_by_the_two_figures_set_against_each_other(tmp_path: Path) -> None:
    with base_of(tmp_path, {"clubs.fr.md": CLUBS_FR}) as kb:
        answer = kb.ask("do book club members buy again more often than regular customers?")
    assert answer.found, answer.answer
    assert "41 % chez les membres des clubs animés par une créatrice, contre 18 %" in quoted(answer)[0], answer.answer


def test_a_list_announced_at_the_end_of_a_passage_is_quoted_from_the_next_one(tmp_path: Path) -> None:
    with base_of(tmp_path, {"fairs.en.txt": FAIRS_EN}) as kb:
        answer = kb.ask("what does the booking letter for a creator at a book fair need to cover?")
    assert "Three things, in writing:" in answer.answer, answer.answer
    assert "- the hours the creator spends on the stand" in answer.answer, answer.answer
    assert "- the travel and hotel costs" in answer.answer, answer.answer


def test_a_footer_that_repeats_a_title_holding_a_colon_is_never_quoted(tmp_path: Path) -> None:
    with base_of(tmp_path, {"salons.fr.md": SALONS_FR}) as kb:
        answers = [kb.ask(question) for question in ("inviter des créatrices BookTok sur un stand de salon du livre ?",
                                                     "how do we invite BookTok creators to our book fair stand?")]
    for answer in answers:
        assert answer.found, answer.answer
        assert "Éditions Perce-Neige" not in answer.answer, answer.answer
        assert "Une créatrice invitée sur le stand filme la file d'attente" in answer.answer, answer.answer


def test_a_heading_question_is_answered_by_the_sentences_under_it_whichever_passage_of_its_section_ranks_first(
        tmp_path: Path) -> None:
    with base_of(tmp_path, {"epreuves.fr.md": EPREUVES_FR}) as kb:
        answer = kb.ask("peut-on envoyer une épreuve non corrigée à une créatrice ?")
    assert answer.found, answer.answer
    assert quoted(answer)[0].startswith("Oui, à condition de lui dire par écrit"), answer.answer


# Guard: passes on the round's starting code too. Evidence in the other language is sure from fewer deviations only
# where the pages of that language use enough words: on one short page the background is measured on a few sentences.
def test_guard_an_off_topic_question_sharing_one_word_with_a_short_page_in_the_other_language_is_refused(
        tmp_path: Path) -> None:
    with base_of(tmp_path, {"bougies.fr.md": BOUGIES_FR}) as kb:
        off_topic = kb.ask("what helps with insomnia besides sleeping pills?")
        in_scope = kb.ask("can a creator claim a scented candle cures insomnia?")
    assert not off_topic.found, off_topic.answer
    assert in_scope.found and "remède à l'insomnie" in in_scope.answer, in_scope.answer
