"""Reading one file into text: Markdown, plain text, HTML, PDF and Word documents.

Headings are kept as Markdown ``#`` lines (HTML and DOCX included) so that chunking can
name the section every passage comes from. Each way a file can be unusable raises its own
:class:`LoadError` subclass with a message that a person can act on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

# A damaged PDF is reported once, by name, as a CorruptFileError; pypdf's own warnings
# ("EOF marker not found") would only repeat it in the logs.
logging.getLogger("pypdf").setLevel(logging.ERROR)

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")

# Bytes sniffed to tell text from binary; a NUL byte never occurs in real text files.
_SNIFF_BYTES = 8192
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.01


class LoadError(ValueError):
    """A file that cannot be turned into text; ``str()`` says why, for a person."""


class UnsupportedTypeError(LoadError):
    pass


class EmptyFileError(LoadError):
    pass


class FileTooLargeError(LoadError):
    pass


class BinaryFileError(LoadError):
    pass


class CorruptFileError(LoadError):
    pass


class ArchiveBombError(LoadError):
    """A DOCX (a zip) that would expand to far more than a Word document ever holds."""


@dataclass(frozen=True)
class LoadedDocument:
    title: str
    text: str  # Markdown-ish: headings as "# ..." lines where the format has them
    raw: bytes  # the file's bytes, hashed to detect changes


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def load_document(path: Path, max_bytes: int) -> LoadedDocument:
    """Read ``path`` into text, or raise a :class:`LoadError` naming what is wrong."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "no extension"
        raise UnsupportedTypeError(
            f"unsupported file type ({shown}); Relais reads {', '.join(SUPPORTED_SUFFIXES)}"
        )
    size = path.stat().st_size
    if size > max_bytes:
        raise FileTooLargeError(
            f"file too large ({size / 2**20:.1f} MB; the limit is {max_bytes / 2**20:g} MB, RELAIS_MAX_FILE_MB)"
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise EmptyFileError("empty file")
    if suffix in (".md", ".markdown"):
        text = _decode_text(raw)
        title, text = _markdown_title(text), text
    elif suffix == ".txt":
        text = _decode_text(raw)
        title = _plain_title(text)
    elif suffix in (".html", ".htm"):
        title, text = _html_to_text(_decode_text(raw, binary_check=False))
    elif suffix == ".pdf":
        title, text = _pdf_to_text(path)
    else:
        title, text = _docx_to_text(path)
    text = _tidy(text)
    if not text.strip():
        raise EmptyFileError("no text in this file" + (" (a scanned PDF needs OCR first)" if suffix == ".pdf" else ""))
    return LoadedDocument(title=title or _title_from_name(path), text=text, raw=raw)


# Plain text and Markdown ----------------------------------------------------------------------


def _decode_text(raw: bytes, binary_check: bool = True) -> str:
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise BinaryFileError("binary content (NUL bytes) in a text file; is it really text?")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BinaryFileError("not valid text in UTF-8 or Windows-1252; is it really a text file?")
    if binary_check:
        sample = text[:_SNIFF_BYTES]
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
        if controls > _MAX_CONTROL_SHARE * len(sample):
            raise BinaryFileError("binary content (control characters) in a text file; is it really text?")
    return text


def _markdown_title(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _plain_title(text: str) -> str:
    """The first line when it reads like a title, else the start of the first sentence."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= 80:
        return first
    sentence = re.split(r"(?<=[.!?…])\s", first, maxsplit=1)[0]
    if len(sentence) <= 80:
        return sentence
    cut = sentence[:72].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _title_from_name(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name


def _tidy(text: str) -> str:
    """Unify line ends, trim trailing spaces and collapse runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


# HTML -----------------------------------------------------------------------------------------

_HTML_DROP = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "form", "iframe")
_HTML_BLOCKS = ("p", "div", "section", "article", "main", "aside", "blockquote", "pre", "table", "ul", "ol",
                "dl", "figure", "figcaption", "address")


def _html_to_text(markup: str) -> tuple[str, str]:
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    if soup.head:
        soup.head.decompose()
    for level in range(1, 7):
        for tag in soup.find_all(f"h{level}"):
            heading = " ".join(tag.get_text(" ", strip=True).split())
            tag.replace_with(NavigableString(f"\n\n{'#' * level} {heading}\n\n" if heading else "\n"))
    for tag in soup.find_all("li"):
        tag.insert(0, NavigableString("\n- "))
        tag.append(NavigableString("\n"))
    for tag in soup.find_all(["tr", "dt", "dd"]):
        tag.append(NavigableString("\n"))
    for tag in soup.find_all(["td", "th"]):
        tag.append(NavigableString(" | "))
    for tag in soup.find_all("br"):
        tag.replace_with(NavigableString("\n"))
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert(0, NavigableString("\n\n"))
        tag.append(NavigableString("\n\n"))
    lines = []
    for line in soup.get_text().split("\n"):
        line = " ".join(line.split())
        lines.append(line.rstrip(" |") if "|" in line else line)
    text = "\n".join(lines)
    if not title:
        title = _markdown_title(text)
    return title, text


# PDF ------------------------------------------------------------------------------------------


def _pdf_to_text(path: Path) -> tuple[str, str]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorruptFileError("encrypted PDF; save an unprotected copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except LoadError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise CorruptFileError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise CorruptFileError("PDF without pages")
    return str(title).strip(), "\n\n".join(pages)


# Word -----------------------------------------------------------------------------------------

# A DOCX is a zip: what it may expand to before python-docx is allowed to open it.
MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 2**20
MAX_DOCX_COMPRESSION_RATIO = 100


def _check_docx_archive(path: Path) -> None:
    """Refuse a zip bomb: too much uncompressed data in all, or too high a compression ratio."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFileError(f"not a readable Word document ({type(exc).__name__}: {exc})") from None
    total = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    if total > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise ArchiveBombError(
            f"{path.name}: refused, this Word document would expand to {total / 2**20:.0f} MB "
            f"(the limit is {MAX_DOCX_UNCOMPRESSED_BYTES / 2**20:g} MB)"
        )
    ratio = total / packed
    if ratio > MAX_DOCX_COMPRESSION_RATIO:
        raise ArchiveBombError(
            f"{path.name}: refused, this Word document is compressed {ratio:.0f} times "
            f"(more than {MAX_DOCX_COMPRESSION_RATIO}; it looks like a zip bomb)"
        )



def _docx_to_text(path: Path) -> tuple[str, str]:
    import docx
    from docx.table import Table

    _check_docx_archive(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # a zip that is not a Word file, or a damaged one
        raise CorruptFileError(f"not a readable Word document ({type(exc).__name__}: {exc})") from None
    title = (document.core_properties.title or "").strip()
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                lines.append(" | ".join(cell for cell in cells if cell))
            lines.append("")
            continue
        text = block.text.strip()
        if not text:
            continue
        level = _docx_heading_level(block.style.name if block.style is not None else "")
        if level:
            lines.extend(["", f"{'#' * level} {text}", ""])
            if not title and level == 1:
                title = text
        else:
            lines.extend([text, ""])
    return title, "\n".join(lines)


def _docx_heading_level(style_name: str) -> int:
    if style_name == "Title":
        return 1
    match = re.fullmatch(r"Heading (\d)", style_name)
    return min(int(match.group(1)), 6) if match else 0
