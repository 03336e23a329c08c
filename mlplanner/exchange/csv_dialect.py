"""The CSV dialect every export is written in, and how uploaded text is decoded.

Files (downloads, ``plans export``):
- **UTF-8 with a byte-order mark.** Excel reads a CSV file without a BOM in the machine's
  legacy code page and garbles accents and non-Latin names; with the BOM it reads UTF-8.
  LibreOffice, pandas and Python's ``utf-8-sig`` codec all accept the BOM.
- **Comma separator**, the RFC 4180 default that every client reads. (``sep=,`` hints are not
  written: Excel then ignores the BOM.) Imports also accept semicolons, which Excel writes in
  locales with a decimal comma.
- **RFC 4180 quoting**: a field holding a comma, a double quote or a line break is enclosed in
  double quotes and its quotes are doubled; other fields are bare, so numbers stay numbers.
- **CRLF record ends**, as RFC 4180 specifies; every reader accepts them.
- Text cells neutralised against formula injection (:mod:`.spreadsheet_safety`).

Command-line output (``--format csv`` on stdout) is the same CSV without the BOM and with LF
line ends, as a Unix text stream should be.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from mlplanner.errors import ScenarioError
from mlplanner.exchange.spreadsheet_safety import safe_frame

BOM: Final = "\ufeff"
FILE_LINE_END: Final = "\r\n"
STREAM_LINE_END: Final = "\n"
SEPARATORS: Final = (",", ";")

_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")


def csv_text(frame: pd.DataFrame, line_end: str = STREAM_LINE_END) -> str:
    """The frame as neutralised CSV text (no BOM): for stdout."""
    return safe_frame(frame).to_csv(index=False, lineterminator=line_end)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a CSV file: UTF-8 with BOM, CRLF, neutralised."""
    return (BOM + csv_text(frame, FILE_LINE_END)).encode("utf-8")


def decode_text(data: bytes) -> str:
    """Uploaded bytes as text: UTF-8 with or without BOM; anything else refused with a hint.

    Raises :class:`~mlplanner.errors.ScenarioError` for binary data, UTF-16 and legacy
    encodings such as Latin-1 (their bytes are not valid UTF-8).
    """
    if data.startswith(_UTF16_BOMS):
        raise ScenarioError(
            ["the file is UTF-16 text; save it as CSV UTF-8 (or JSON in UTF-8) and upload again"]
        )
    if b"\0" in data:
        raise ScenarioError(
            ["the file contains binary data (NUL bytes): it is not a CSV or JSON text file"]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise ScenarioError(
            [
                f"the file is not UTF-8 text (byte 0x{byte:02x} on line {line}; Latin-1 or "
                "Windows-1252 perhaps). Save it as 'CSV UTF-8' in Excel, or choose the "
                "Unicode (UTF-8) character set in LibreOffice, and upload again"
            ]
        ) from None
