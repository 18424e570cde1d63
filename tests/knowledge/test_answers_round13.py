"""Answering round 13, from what held-out sets N and O showed once they could be read: the results an example announced
were dropped to make room for the rows of another table, quoted after them as a weaker sentence's extras (now the
optional line naming the fewest of the question's words makes room first, whichever list it belongs to); and asked for
a figure of a worked example, the answer quoted the example's set-up but not its results when one more sentence of the
set-up stood between the example and the sentence announcing them (on this short page the results are found on their
own before the round too, so that case is a guard: O's lamp question is the one the rule was made for).

The pages are written for these tests, on a topic no other test or evaluation set uses (a bicycle repair workshop
running filmed repair evenings with cycling creators). The first test fails on the code at the round's start (checked on
its tree); the guards pass before and after."""

from __future__ import annotations

from tests.knowledge.test_answers import base_of

WORKSHOP_FR = """# Soirées de réparation filmées avec des créateurs cyclistes

## Exemple : la Rustine Lyonnaise
La Rustine Lyonnaise, un petit atelier associatif, a lancé à l'automne 2026 six soirées filmées avec un objectif de 90 adhérents en deux mois.
Quatre créateurs cyclistes ont animé chacun une soirée et publié le montage le lendemain matin.
Voici ce que les deux mois ont donné :

- 340 inscrits sur la liste des soirées avant la première date ;
- 126 nouveaux adhérents à la fin des deux mois, soit 140 % de l'objectif ;
- 58 pièces détachées vendues pendant les soirées ;
- 1 900 euros versés aux créateurs en cachets.
"""

CLINIC_EN = """# Filmed bike-fitting clinics with cycling creators

## A worked example
Let's take Spokewise, a fictional bike-fitting studio in Bristol, which ran four filmed clinics with two cycling creators in May.
Here is what the clinics brought in over eight weeks:

- 41 fittings booked with the creators' codes, most of them in the week after each clinic went live;
- 17 riders who came back for a second adjustment within a month of their first fitting;
- a cost per booked fitting of about 23 pounds, creator fees and the studio's own time included;
- 6 reviews left on the studio's map listing, all of them naming the creator who sent the rider.

## What creators charge
| Format | Usual fee | Filmed within | What the studio gets |
|---|---|---|---|
| Short clip of one adjustment | 120 to 200 GBP | 1 week | one vertical video and its raw footage |
| Full clinic filmed on site | 450 to 700 GBP | 2 weeks | a long video, three clips and the rights for a year |
| Series of three workshop visits | 1,100 to 1,600 GBP | 6 weeks | three long videos and a story series each visit |
| Live question-and-answer evening | 300 GBP | set with the studio | the replay, kept online for six months |
"""


def test_an_examples_results_are_kept_over_a_weaker_sentences_table_rows(tmp_path) -> None:
    with base_of(tmp_path, {"bike-fitting.en.md": CLINIC_EN}) as kb:
        answer = kb.ask("Pour Spokewise, combien de réservations les vidéos ont-elles apporté et à quel coût ?")
    assert answer.found, answer.answer
    assert "41 fittings booked with the creators' codes" in answer.answer, answer.answer
    assert "a cost per booked fitting of about 23 pounds" in answer.answer, answer.answer


# Guards: pass on the round's starting code too.
def test_guard_the_results_are_quoted_when_one_more_set_up_sentence_stands_before_them(tmp_path) -> None:
    with base_of(tmp_path, {"atelier-velo.fr.md": WORKSHOP_FR}) as kb:
        answer = kb.ask("how many members did the Rustine Lyonnaise workshop win in the end vs its goal")
    assert answer.found, answer.answer
    assert "126 nouveaux adhérents à la fin des deux mois, soit 140 % de l'objectif" in answer.answer, answer.answer


def test_guard_a_question_on_the_fees_still_quotes_the_table(tmp_path) -> None:
    with base_of(tmp_path, {"bike-fitting.en.md": CLINIC_EN}) as kb:
        answer = kb.ask("how much does a creator charge to film a full clinic on site?")
    assert answer.found, answer.answer
    assert "450 to 700 GBP" in answer.answer, answer.answer


RETREAT_EN = """# A creator retreat for a bike-light brand

## A worked example
Let's take Lumenrail, a fictional bike-light brand, which hosted eight cycling creators for a weekend in the Peak District.
Here is what the weekend brought in over the next month:

- 23 videos and 140 stories posted, most of them filmed on the night rides;
- 2.4 million views, a third of them from riders outside the UK;
- 1,150 lights sold with the creators' codes in the four weeks after the weekend;
- a cost per light sold of about 19 pounds, everything included.

## What the weekend cost
The cost of the weekend broke down as follows:

| Item | Cost (GBP) |
|---|---|
| Creator fees | 12,400 |
| Lodge, meals and travel | 6,300 |
| Night-ride guides and insurance | 2,900 |
| Total | 21,600 |
"""


def test_guard_a_total_asked_for_is_kept_over_an_examples_other_results(tmp_path) -> None:
    with base_of(tmp_path, {"retreat.en.md": RETREAT_EN}) as kb:
        answer = kb.ask("what did the Lumenrail creator weekend cost in total")
    assert answer.found, answer.answer
    assert "21,600" in answer.answer, answer.answer

