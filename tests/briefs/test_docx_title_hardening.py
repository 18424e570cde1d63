"""A long brand and product still give a DOCX: the title property is cut, the heading is not."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from bot.briefs.document import write_docx
from bot.briefs.drafting import draft_brief
from bot.briefs.models import BriefRequest


def test_a_150_char_brand_and_100_char_product_give_a_docx(tmp_path: Path) -> None:
    brand = ("Maison Lune " * 13)[:150]
    product = ("Sérum Éclat " * 9)[:100]
    brief = draft_brief(BriefRequest(brand=brand, product=product, platforms=["instagram"], jurisdictions=["FR"]))
    assert len(brief.title) > 255
    path = write_docx(brief, tmp_path / "brief.docx")
    document = Document(str(path))
    title = document.core_properties.title
    assert 0 < len(title) <= 255 and title.endswith("…")
    assert brief.title.startswith(title[:-1])
    headings = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert headings == [brief.title]  # the visible heading keeps everything


def test_a_short_title_is_kept_whole(tmp_path: Path) -> None:
    brief = draft_brief(BriefRequest(brand="Maison Lune", product="Sérum", platforms=["instagram"], jurisdictions=["FR"]))
    document = Document(str(write_docx(brief, tmp_path / "brief.docx")))
    assert document.core_properties.title == " ".join(brief.title.split())
