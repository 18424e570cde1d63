"""`relais check` and `relais brief`: JSON shape, exit codes, clear messages for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from docx import Document
from typer.testing import CliRunner

from bot.cli import briefs

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    briefs.register(app)
    return app


def run(app: typer.Typer, *args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_check_json_shape_and_exit_code_when_not_compliant(app) -> None:
    result = run(app, "check", "Ma routine du soir #ad", "--jurisdiction", "FR", "--platform", "instagram", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"compliant", "issues", "suggested_caption", "detected_categories", "findings"}
    assert data["compliant"] is False
    assert [set(issue) for issue in data["issues"]] == [{"code", "severity", "message", "rule", "reference"}]
    assert data["issues"][0]["code"] == "disclosure_wrong_language"
    assert data["suggested_caption"] == "Publicité\nMa routine du soir"


def test_check_compliant_exits_zero_with_null_suggestion(app) -> None:
    result = run(app, "check", "#ad Loving my new shoes", "-j", "us", "--media", "video", "--platform", "YouTube", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["compliant"] is True and data["suggested_caption"] is None
    assert [issue["code"] for issue in data["issues"]] == ["video_disclosure"]  # a warning only


def test_check_flags_reach_the_checker(app) -> None:
    result = run(
        app, "check", "Publicité – ma campagne", "-j", "FR", "--retouched", "--ai-generated",
        "--compensation", "gifted", "--product-category", "skincare", "--json",
    )
    codes = {issue["code"] for issue in json.loads(result.stdout)["issues"]}
    assert codes == {"missing_retouched_label", "missing_virtual_label"}
    tool = run(app, "check", "Ma routine", "-j", "UK", "--platform-tool", "--json")
    assert [issue["code"] for issue in json.loads(tool.stdout)["issues"]] == ["platform_tool_only"]
    brand = run(app, "check", "#AcmeAmbassador new blender", "-j", "US", "--brand", "Acme")
    assert brand.exit_code == 0 and brand.stdout.startswith("Compliant")


def test_check_prohibited_has_no_suggestion(app) -> None:
    result = run(app, "check", "Publicité – ma rhinoplastie", "-j", "FR", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["suggested_caption"] is None
    assert "prohibited_promotion" in {issue["code"] for issue in data["issues"]}
    # What the caption promotes, and the words that showed it, as written.
    assert data["detected_categories"] == {"cosmetic_surgery": ["rhinoplastie"]}
    given = json.loads(run(app, "check", "Publicité – ma rhinoplastie", "-j", "FR", "--product-category",
                           "cosmetic_surgery", "--json").stdout)
    assert given["detected_categories"] == {}  # a category given wins over detection


def test_check_text_output_and_stdin(app) -> None:
    result = run(app, "check", "-", "-j", "CA", input="Mes nouvelles bottes d'hiver préférées, super chaudes\n#ad\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("Not compliant (CA, instagram, post, paid)")
    assert "[disclosure_wrong_language]" in result.stdout and "Suggested caption:\n#pub" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "x", "-j", "FR", "--platform", "myspace"], "unknown platform 'myspace'"),
        (["check", "   ", "-j", "FR"], "the caption is empty"),
        (["check", "x", "-j", "XX"], "--jurisdiction"),
        (["check", "x"], "--jurisdiction"),
        (["check", "x", "-j", "FR", "--compensation", "cash"], "--compensation"),
    ],
)
def test_check_bad_usage_exits_two(app, args: list[str], message: str) -> None:
    result = run(app, *args)
    assert result.exit_code == 2
    assert message in result.output


def test_brief_from_flags_prints_markdown(app) -> None:
    result = run(
        app, "brief", "--brand", "Maison Lune", "--product", "Sérum Éclat", "--category", "skincare",
        "--platform", "instagram", "--platform", "tiktok", "--jurisdiction", "FR", "--jurisdiction", "be",
        "--creator", "julie.glow", "--deliverable", "1 reel", "--start", "2026-03-01", "--end", "2026-03-15",
        "--compensation", "gifted", "--message", "hydrate sans coller", "--do", "Lumière naturelle",
        "--dont", "Filtres", "--budget", "2500", "--currency", "EUR", "--usage-rights", "6 mois, Instagram",
        "--approval", "Validation par Claire", "--goal", "Notoriété", "--niche", "skincare naturel", "--language", "fr",
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Brief créateurs — Maison Lune · Sérum Éclat")
    for expected in ("@julie.glow", "1 reel", "01/03/2026", "15/03/2026", "Lumière naturelle", "2 500 EUR", "6 mois, Instagram",
                     "Validation par Claire", "Notoriété", "### Belgique (BE)", "#publicité – produit offert"):
        assert expected in text


def test_brief_from_file_with_flag_override_and_docx_out(app, tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    request.write_text(json.dumps({"brand": "Nordique", "product": "Bottes Polaires", "jurisdictions": ["QC"], "language": "fr"}), encoding="utf-8")
    out = tmp_path / "brief.docx"
    result = run(app, "brief", "--from", str(request), "--language", "en", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "template draft" in result.output
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Disclosure requirements" in headings and "Quebec (QC)" in headings


def test_brief_refused_exits_one_with_reason_and_reference(app) -> None:
    result = run(app, "brief", "--brand", "Clinique X", "--product", "Rhinoplastie", "--jurisdiction", "FR")
    assert result.exit_code == 1
    assert "brief refused" in result.output and "CSP L1151-2" in result.output and "https://www.legifrance.gouv.fr" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"product": "P"}', "brand (--brand): required; give --brand or put it in the file"),
        ('{"brand": "B", "product": "P", "budget": "lots"}', "budget (--budget)"),
        ('{"brand": "B", "product": "P", "jurisdictions": ["FRANCE"]}', "jurisdictions.0 (--jurisdiction)"),
        ('{"brand": "B", "product": "P", "brnad": "x"}', "unknown field(s) brnad"),
        ('{"brand": "B",\n "product": }', "not valid JSON (line 2"),
        ('["brand"]', "must hold one JSON object"),
    ],
)
def test_brief_bad_request_file_names_the_problem(app, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "request.json"
    path.write_text(content, encoding="utf-8")
    result = run(app, "brief", "--from", str(path))
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_brief_bad_usage(app, tmp_path: Path) -> None:
    assert "does not exist" in run(app, "brief", "--from", str(tmp_path / "nope.json")).output
    wrong_out = run(app, "brief", "--brand", "B", "--product", "P", "--out", str(tmp_path / "brief.pdf"))
    assert wrong_out.exit_code == 2 and "--out must end in .md or .docx" in wrong_out.output
    bad_date = run(app, "brief", "--brand", "B", "--product", "P", "--start", "mars")
    assert bad_date.exit_code == 2 and "start_date (--start)" in bad_date.output
    platform = run(app, "brief", "--brand", "B", "--product", "P", "--platform", "myspace")
    assert platform.exit_code == 2 and "unknown platform" in platform.output
