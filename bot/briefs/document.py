"""Render a brief's sections as Markdown or as a Word document (python-docx).

Both renderers read the same ``BriefSection`` list, so the DOCX a brand manager forwards says
exactly what the Markdown says. Files are written to a temporary name and moved into place, so
an interrupted write never leaves a half-written brief where the old one was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bot.briefs.models import Brief, BriefSection


def render_markdown(title: str, sections: list[BriefSection]) -> str:
    lines = [f"# {title}", ""]
    for section in sections:
        lines += ["#" * section.level + f" {section.title}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        for quote in section.quotes:
            lines += ["> " + line if line else ">" for line in quote.split("\n")] + [""]
        if section.bullets:
            lines += [f"- {bullet}" for bullet in section.bullets] + [""]
        if section.table:
            header, *rows = section.table
            lines.append("| " + " | ".join(_cell(text) for text in header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(_cell(text) for text in row) + " |" for row in rows]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def write_docx(brief: Brief, path: Path) -> Path:
    """Write the brief as a .docx file at ``path`` (atomically) and return the path."""
    from docx import Document

    document = Document()
    document.core_properties.title = _core_title(brief.title)
    document.add_heading(brief.title, level=0)
    for section in brief.sections:
        document.add_heading(section.title, level=max(1, section.level - 1))
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for quote in section.quotes:
            document.add_paragraph(quote, style="Quote")
        for bullet in section.bullets:
            document.add_paragraph(bullet, style="List Bullet")
        if section.table:
            header, *rows = section.table
            table = document.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for row in rows:
                for cell, text in zip(table.add_row().cells, row):
                    cell.text = text
    return _save_atomically(path, document.save)


# python-docx refuses a core property longer than this (the heading keeps the full title).
CORE_TITLE_MAX = 255


def _core_title(title: str) -> str:
    """The title as the document property holds it: one line of at most 255 characters."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in title).split())
    if len(text) <= CORE_TITLE_MAX:
        return text
    return text[: CORE_TITLE_MAX - 1].rstrip() + "…"


def write_markdown(brief: Brief, path: Path) -> Path:
    return _save_atomically(path, lambda target: Path(target).write_text(brief.markdown, encoding="utf-8"))


def _save_atomically(path: Path, save) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
