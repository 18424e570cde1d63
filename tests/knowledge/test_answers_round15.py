"""Answering round 15, from what held-out set Q showed once it could be read: a country or a place that the glossary
translates ("France", "Quebec") counted as a name the question gives, so a page sharing that one word with an off-topic
question ("the VAT rate on ... in France", "what commission ... in Quebec") was evidence enough; and a few everyday
words had no translation (car/voiture, drive/conduire, a driving licence/permis, book/réserver, early/tôt,
print/paper/papier), so a French question about driving met no English page and an English question about booking
print space met no French one.

The pages are written for these tests, on a topic no other test or evaluation set uses (a campervan-hire firm and a
puppet theatre's printed programme). The tests not marked as guards fail on the code at the round's start (checked
on its tree, 4b3ecc7); the guards pass before and after."""

from __future__ import annotations

from tests.knowledge.test_answers import base_of

CAMPERVAN_EN = """# Campervan hire and travel creators

## Who may drive
Our insurer sets the rule: a creator who drives one of our campervans on camera must be at least 25 and must have held
a full licence for two years or more. Passengers can film, navigate and cook, but they never take the wheel.

## What we pay
Here is what we pay per creator, the campervan itself lent for free on top:
| Format | Fee |
|---|---|
| Weekend vlog | £600 |
| Ten-day road series | £2,100 |

## Labelling
In France, a campervan lent for free is consideration under loi n° 2023-451, so the whole video needs « Publicité » or
« Collaboration commerciale ». In the UK the post must open with "Ad".
"""

PUPPETS_FR = """# Théâtre de marionnettes : faire venir les familles avec des créateurs

## Le programme imprimé
Le théâtre publie deux fois par an un programme distribué dans les écoles du département. Pour y placer un encart, il
faut réserver au moins trois semaines avant l'impression, sinon la page est déjà montée.

## Les créateurs
Nous invitons des créateurs parents à une représentation du mercredi, avec leurs enfants, et ils racontent la sortie
en stories le soir même. La place est offerte, le cachet est de 200 euros.
"""


def test_a_country_alone_is_no_evidence_of_an_off_topic_question(tmp_path) -> None:
    with base_of(tmp_path, {"campervans.en.md": CAMPERVAN_EN}) as kb:
        answer = kb.ask("Quelle est la vitesse maximale d'un camping-car en France ?")
    assert not answer.found, answer.answer


def test_a_country_name_is_not_a_proper_name() -> None:
    from knowledge.answer import _proper_names

    assert _proper_names("What is the VAT on bread in France?") == []
    assert _proper_names("Quelle commission en Belgique ?") == []


def test_a_french_question_about_driving_meets_the_english_page(tmp_path) -> None:
    with base_of(tmp_path, {"campervans.en.md": CAMPERVAN_EN, "marionnettes.fr.md": PUPPETS_FR}) as kb:
        answer = kb.ask("Il faut avoir son permis depuis combien de temps pour conduire dans la vidéo ?")
    assert answer.found, answer.answer
    assert "must have held" in answer.answer, answer.answer


def test_an_english_question_about_booking_print_space_meets_the_french_page(tmp_path) -> None:
    with base_of(tmp_path, {"campervans.en.md": CAMPERVAN_EN, "marionnettes.fr.md": PUPPETS_FR}) as kb:
        answer = kb.ask("When must we reserve space in the printed brochure?")
    assert answer.found, answer.answer
    assert "au moins trois semaines avant l'impression" in answer.answer, answer.answer


def test_everyday_words_meet_their_translations() -> None:
    from knowledge.text import fold_accents, query_terms, stem

    for english, french in (("car", "voiture"), ("driving", "conduire"), ("licence", "permis"), ("booking", "réserver"),
                            ("early", "tôt"), ("printed", "papier")):
        (term,) = query_terms(english)
        assert stem(fold_accents(french), "fr") in term.translations, (english, french)


# Guards: pass on the round's starting code too.
def test_guard_a_question_naming_the_uk_the_page_covers_is_answered(tmp_path) -> None:
    with base_of(tmp_path, {"campervans.en.md": CAMPERVAN_EN}) as kb:
        answer = kb.ask("In the UK, how must a creator's campervan post open?")
    assert answer.found, answer.answer
    assert 'must open with "Ad"' in answer.answer, answer.answer


def test_guard_a_question_naming_the_country_the_page_covers_is_answered(tmp_path) -> None:
    with base_of(tmp_path, {"campervans.en.md": CAMPERVAN_EN}) as kb:
        answer = kb.ask("En France, quelle mention faut-il pour un camping-car prêté gratuitement au créateur ?")
    assert answer.found, answer.answer
    assert "Collaboration commerciale" in answer.answer, answer.answer


def test_guard_an_english_question_on_the_english_page_keeps_its_answer(tmp_path) -> None:
    with base_of(tmp_path, {"campervans.en.md": CAMPERVAN_EN, "marionnettes.fr.md": PUPPETS_FR}) as kb:
        answer = kb.ask("How much do you pay a creator for a ten-day road series?")
    assert answer.found, answer.answer
    assert "£2,100" in answer.answer, answer.answer
