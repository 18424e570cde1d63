"""`relais ingest`, `kb stats`, `kb remove`, `ask` through the real Typer app (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from knowledge.base import KnowledgeBase
from tests.knowledge.conftest import GIFTING_EN

runner = CliRunner()


def test_ask_json_has_exactly_the_documented_shape(shared_kb: KnowledgeBase) -> None:
    data_dir = str(shared_kb.store.data_dir)
    result = runner.invoke(app, ["ask", "When should the gift parcel be shipped to the creator?", "--json",
                                 "--data-dir", data_dir])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert {"answer", "language", "found", "sources"} <= set(answer)
    assert answer["language"] == "en" and answer["found"] is True
    assert isinstance(answer["answer"], str) and "[1]" in answer["answer"]
    for source in answer["sources"]:
        assert set(source) == {"n", "title", "source", "excerpt", "score"}
        assert isinstance(source["n"], int) and isinstance(source["score"], float)
    assert Path(answer["sources"][0]["source"]).name == "gifting.en.md"

    refused = json.loads(runner.invoke(app, ["ask", "Recette de la tarte tatin ?", "--json", "--k", "3",
                                             "--data-dir", data_dir]).stdout)
    assert refused["found"] is False and refused["language"] == "fr" and refused["sources"] == []


def test_ask_prints_the_answer_and_numbered_sources(shared_kb: KnowledgeBase) -> None:
    result = runner.invoke(app, ["ask", "Quand a lieu le tirage au sort ?", "--language", "en",
                                 "--data-dir", str(shared_kb.store.data_dir)])
    assert result.exit_code == 0
    assert "Here is what the knowledge base says" in result.stdout
    assert "[1] Organiser un concours sur Instagram" in result.stdout


def test_ask_without_an_index_says_how_to_build_it(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ask", "Anything?", "--data-dir", str(tmp_path / "empty")])
    assert result.exit_code == 2
    assert "relais ingest" in result.stderr and "make run" in result.stderr


def test_ask_rejects_an_unknown_language(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ask", "Anything?", "--language", "de", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "--language must be fr or en" in result.stderr


def test_ingest_reports_each_file_and_exits_1_when_some_failed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gifting.en.md").write_text(GIFTING_EN)
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 not a pdf")
    data_dir = str(tmp_path / "data")

    first = runner.invoke(app, ["ingest", str(docs), "--data-dir", data_dir])
    assert first.exit_code == 1
    assert f"added     {(docs / 'gifting.en.md').resolve()}" in first.stdout
    assert "broken.pdf: not a readable PDF" in first.stderr
    assert "1 added, 0 updated, 0 unchanged, 0 removed, 1 failed" in first.stdout

    (docs / "broken.pdf").unlink()
    again = runner.invoke(app, ["ingest", str(docs), "--data-dir", data_dir, "--json"])
    assert again.exit_code == 0
    report = json.loads(again.stdout)
    assert report["unchanged"] == [str((docs / "gifting.en.md").resolve())] and report["failed"] == []

    stats = json.loads(runner.invoke(app, ["kb", "stats", "--json", "--data-dir", data_dir]).stdout)
    assert stats["documents"] == 1 and stats["languages"] == {"en": stats["chunks"]}

    missing = runner.invoke(app, ["kb", "remove", "nothing.md", "--data-dir", data_dir])
    assert missing.exit_code == 1 and "not in the knowledge base" in missing.stderr
    removed = runner.invoke(app, ["kb", "remove", "gifting.en.md", "--data-dir", data_dir])
    assert removed.exit_code == 0 and f"removed {stats['chunks']} passages" in removed.stdout


def test_eval_reports_the_tuned_and_the_held_out_groups_apart(tmp_path: Path) -> None:
    """The real CLI, on two small corpora: one question set tuned on, one held out, each in its own store."""
    tuned = tmp_path / "tuned"
    tuned.mkdir()
    (tuned / "gifting.en.md").write_text(
        "# Gifting\n\nA gifted product does not oblige the creator to post about it.\n"
        "Parcels for nano creators cost between 25 and 40 euros, shipping included.\n")
    held = tmp_path / "held"
    (held / "corpus").mkdir(parents=True)
    (held / "corpus" / "contrats.fr.md").write_text(
        "# Contrats\n\nLe contrat avec une créatrice précise la date de publication et le prix.\n"
        "La marque paie la facture trente jours après la publication du contenu.\n")
    question = lambda id_, text, corpus, source, facts, lang="en": {
        "id": id_, "question": text, "language": lang, "corpus": corpus, "expected_source": source,
        "expected_facts": facts, "in_scope": source is not None}
    (tmp_path / "tuned.json").write_text(json.dumps([
        question("t1", "How much does a parcel for a nano creator cost?", "shipped", "gifting.en.md", ["25 and 40"]),
        question("t2", "Recette de la tarte tatin ?", "shipped", None, [], "fr"),
    ]))
    (held / "questions.json").write_text(json.dumps([
        question("h1", "When does the brand pay the invoice?", "heldout", "contrats.fr.md", ["trente jours"]),
        question("h2", "What is the capital of Peru?", "heldout", None, []),
    ]))
    common = ["eval", "--questions", str(tmp_path / "tuned.json"), "--corpus", str(tuned), "--held-out", str(held),
              "--data-dir", str(tmp_path / "data"), "--json"]
    wrong = runner.invoke(app, [*common, "--seeds", str(tmp_path / "no-seeds-here")])
    assert wrong.exit_code == 2 and "--seeds" in wrong.output  # a wrong folder is named
    result = runner.invoke(app, common)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["tuned"]["results"]] == ["t1", "t2"]
    assert [r["id"] for r in report["held_out"]["results"]] == ["h1", "h2"]
    held_out = report["held_out"]
    assert held_out["in_scope"] == 1 and held_out["out_of_scope"] == 1
    assert held_out["across_in_scope"] == 1, held_out["results"]  # an English question about a French page
    assert held_out["refused_out_of_scope"] == 1 and report["tuned"]["refused_out_of_scope"] == 1
    assert held_out["hit_at_1"] == 1.0 and held_out["fact_share"] == 1.0


def test_eval_measures_each_held_out_set_in_its_own_store(tmp_path: Path) -> None:
    """--held-out is repeatable: each set is indexed alone, so one set's pages never answer another's questions."""
    sets = []
    for name, page, fact in (("a", "Parcels for nano creators cost between 25 and 40 euros.", "25 and 40"),
                             ("b", "The brand pays the invoice thirty days after the post goes live.", "thirty days")):
        folder = tmp_path / name
        (folder / "corpus").mkdir(parents=True)
        (folder / "corpus" / f"{name}.en.md").write_text(f"# Page {name}\n\n{page}\n")
        (folder / "questions.json").write_text(json.dumps([{
            "id": name, "question": "How much does a parcel cost?" if name == "a" else "When is the invoice paid?",
            "language": "en", "corpus": "heldout", "expected_source": f"{name}.en.md", "expected_facts": [fact],
            "in_scope": True}]))
        sets.append(folder)
    tuned = tmp_path / "tuned"
    tuned.mkdir()
    (tuned / "t.en.md").write_text("# Briefs\n\nA brief names one call to action and the disclosure label.\n")
    (tmp_path / "tuned.json").write_text("[]")
    result = runner.invoke(app, ["eval", "--questions", str(tmp_path / "tuned.json"), "--corpus", str(tuned),
                                 "--held-out", str(sets[0]), "--held-out", str(sets[1]),
                                 "--data-dir", str(tmp_path / "data"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [s["folder"] for s in report["held_out_sets"]] == [str(s) for s in sets]
    for entry in report["held_out_sets"]:
        assert entry["hit_at_1"] == 1.0 and entry["fact_share"] == 1.0, entry["results"]
        assert entry["results"][0]["retrieved"] == [f"{Path(entry['folder']).name}.en.md"]  # only its own page
    assert report["held_out"]["results"][0]["id"] == "a"
