"""Plain text from an uploaded resume: PDF, Word .docx or a text file."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath
from xml.etree import ElementTree

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SUPPORTED = "upload a PDF, a Word .docx or a plain-text file, or paste the text"
# pypdf raises assorted built-in errors on damaged files besides its own.
_PDF_ERRORS = (
    PyPdfError,
    DependencyError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    OSError,
    RecursionError,
)


class ResumeFormatError(ValueError):
    """An upload that cannot be read as a resume; the message says why and what to do instead."""


def extract_text(data: bytes, content_type: str | None, filename: str | None) -> str:
    if not data:
        raise ResumeFormatError("the file is empty.")
    kind = _kind(
        data, (content_type or "").split(";")[0].strip().lower(), PurePath(filename or "").suffix.lower()
    )
    reader = {"pdf": _pdf_text, "docx": _docx_text, "text": _plain_text}[kind]
    text = _tidy(reader(data))
    if not text.strip():
        raise ResumeFormatError(f"no text found in this {kind.upper()} file; {_SUPPORTED}.")
    return text


def _kind(data: bytes, content_type: str, suffix: str) -> str:
    if data.startswith(b"%PDF") or content_type == "application/pdf" or suffix == ".pdf":
        return "pdf"
    if data.startswith(b"PK") and (suffix == ".docx" or content_type == _DOCX_TYPE):
        return "docx"
    if content_type.startswith("text/") or suffix in _TEXT_SUFFIXES or not (content_type or suffix):
        return "text"
    shown = suffix or content_type
    raise ResumeFormatError(f"{shown} files are not supported; {_SUPPORTED}.")


def _pdf_text(data: bytes) -> str:
    if not data.startswith(b"%PDF"):
        raise ResumeFormatError(f"this file is not a valid PDF; {_SUPPORTED}.")
    try:
        reader = PdfReader(io.BytesIO(data))
        locked = reader.is_encrypted and not reader.decrypt("")
        text = "" if locked else "\n".join(page.extract_text() or "" for page in reader.pages)
    except _PDF_ERRORS as exc:
        raise ResumeFormatError(f"this PDF could not be read ({type(exc).__name__}); {_SUPPORTED}.") from exc
    if locked:
        raise ResumeFormatError("this PDF is password-protected; remove the password or paste the text.")
    if not text.strip():
        raise ResumeFormatError(
            "this PDF has no selectable text (it may be a scanned image); paste the text."
        )
    return text


def _docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise ResumeFormatError(f"this Word file could not be read; {_SUPPORTED}.") from exc
    return "\n".join(_paragraph_text(p) for p in root.iter(f"{_W}p"))


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ResumeFormatError(f"this looks like a binary file, not text; {_SUPPORTED}.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\x00", "")
    return re.sub(r"\n{3,}", "\n\n", text).strip()
