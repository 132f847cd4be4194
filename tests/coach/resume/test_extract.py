"""Uploads as a candidate would send them: real (tiny) PDF and Word files built here, and plain text."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfWriter

from coach.resume.extract import ResumeFormatError, extract_text
from coach.resume.parser import parse_resume

LINES = [
    "Priya Nair",
    "priya.nair@example.com",
    "Experience",
    "Data Analyst, Acme (2020 - 2024)",
    "- Built Tableau dashboards used by 120 managers",
    "Skills",
    "SQL, Python, Tableau",
]


def pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF written by hand: catalog, pages, page, content stream, Helvetica."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    stream = "BT /F1 11 Tf 14 TL 72 720 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def docx_with_paragraphs(paragraphs: list[str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
        )
    return buffer.getvalue()


def test_pdf_resume_text_is_extracted_and_parses():
    text = extract_text(pdf_with_text(LINES), "application/pdf", "priya.pdf")
    assert text.splitlines()[0] == "Priya Nair"
    profile = parse_resume(text)
    assert profile.email == "priya.nair@example.com"
    assert {"SQL", "Python", "Tableau"} <= set(profile.skills)
    assert profile.roles[0].title == "Data Analyst" and profile.roles[0].company == "Acme"


def test_pdf_is_recognised_by_its_bytes_even_with_a_wrong_type():
    assert "Priya Nair" in extract_text(pdf_with_text(LINES), "application/octet-stream", None)


def test_word_docx_paragraphs_become_lines():
    data = docx_with_paragraphs(["Priya Nair", "Skills", "SQL, Python"])
    assert extract_text(data, None, "cv.docx") == "Priya Nair\nSkills\nSQL, Python"


@pytest.mark.parametrize(
    "data, content_type",
    [
        (b"Priya Nair\nSQL", "text/plain"),
        ("\ufeffPriya Nair\nSQL".encode(), None),
        ("Priya Nair\nSQL".encode("utf-16"), "text/plain"),
        (b"Priya Nair\r\nSQL", "text/plain; charset=utf-8"),
    ],
)
def test_plain_text_in_common_encodings(data: bytes, content_type: str | None):
    assert extract_text(data, content_type, "cv.txt") == "Priya Nair\nSQL"


def test_password_protected_pdf_says_so():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ResumeFormatError, match="password-protected"):
        extract_text(buffer.getvalue(), "application/pdf", "cv.pdf")


def test_scanned_pdf_without_text_says_so():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ResumeFormatError, match="no selectable text"):
        extract_text(buffer.getvalue(), "application/pdf", "scan.pdf")


@pytest.mark.parametrize(
    "data, content_type, filename, message",
    [
        (b"", "application/pdf", "cv.pdf", "empty"),
        (b"%PDF-1.4 truncated", "application/pdf", "cv.pdf", "could not be read"),
        (b"hello", "application/pdf", "cv.pdf", "not a valid PDF"),
        (b"\xd0\xcf\x11\xe0 legacy word", "application/msword", "cv.doc", r"\.doc files are not supported"),
        (b"\x89PNG\r\n", "image/png", "cv.png", r"\.png files are not supported"),
        (b"PK\x03\x04 broken", None, "cv.docx", "Word file could not be read"),
        (b"\x00\x01\x02binary", "text/plain", "cv.txt", "binary file"),
    ],
)
def test_unreadable_uploads_get_a_clear_message(data: bytes, content_type, filename, message: str):
    with pytest.raises(ResumeFormatError, match=message):
        extract_text(data, content_type, filename)
