"""The export dialect (UTF-8 with BOM, comma, RFC 4180 quoting, CRLF) and upload decoding."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from mlplanner.errors import PlannerInputError
from mlplanner.exchange.csv_dialect import csv_bytes, csv_text, decode_text

FRAME = pd.DataFrame(
    {
        "name": ['He said "ship it", then left', "Café, 日本語", "=1+2"],
        "delta_usd": [-120_000, 0, 1_500_000],
        "fte": [1.25, 0.5, 12.0],
    }
)


def test_file_csv_is_utf8_with_bom_crlf_and_rfc4180_quoting() -> None:
    data = csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.split("\r\n") == [
        "name,delta_usd,fte",
        '"He said ""ship it"", then left",-120000,1.25',
        '"Café, 日本語",0,0.5',
        "'=1+2,1500000,12.0",
        "",
    ]


def test_stream_csv_has_no_bom_and_lf_line_ends() -> None:
    text = csv_text(FRAME)
    assert not text.startswith("\ufeff")
    assert "\r" not in text
    assert text.splitlines()[0] == "name,delta_usd,fte"


def test_exported_text_reads_back_with_the_csv_module() -> None:
    rows = list(csv.reader(io.StringIO(csv_bytes(FRAME).decode("utf-8-sig"), newline="")))
    assert rows[1] == ['He said "ship it", then left', "-120000", "1.25"]
    assert rows[2][0] == "Café, 日本語"


@pytest.mark.parametrize("data", [b"a,b\r\n", "\ufeffa,b\r\n".encode()], ids=["no-bom", "bom"])
def test_decode_accepts_utf8_with_or_without_bom(data: bytes) -> None:
    assert decode_text(data) == "a,b\r\n"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ("name\r\nCafé\r\n".encode("latin-1"), "not UTF-8 text (byte 0xe9 on line 2"),
        ("name\r\nCafé\r\n".encode("utf-16"), "is UTF-16 text"),
        (b"PK\x03\x04\x00\x00", "binary data"),
    ],
    ids=["latin-1", "utf-16", "binary"],
)
def test_decode_refuses_other_encodings_with_a_hint(data: bytes, fragment: str) -> None:
    with pytest.raises(PlannerInputError) as caught:
        decode_text(data)
    assert len(caught.value.problems) == 1
    assert fragment in str(caught.value.problems[0])
