"""User text escaped for Markdown reads exactly as typed and is never interpreted."""

from hypothesis import given
from hypothesis import strategies as st

from mlplanner.ui.text import plain
from tests.support.markdown import shown


@given(st.text())
def test_escaped_text_reads_as_typed(text: str) -> None:
    assert shown(plain(text)) == text


def test_markdown_syntax_is_escaped() -> None:
    assert plain("**bold** $x^2$ <b>") == r"\*\*bold\*\* \$x\^2\$ \<b\>"


def test_addresses_icons_and_mail_are_broken_by_a_word_joiner() -> None:
    text = plain("[x](http://evil.example) www.evil.example a@b.com :material/home:")
    assert "http\\:\u2060//" in text
    assert "www\u2060\\." in text
    assert "a\u2060@b" in text
    assert "\\:\u2060material/home\\:" in text


def test_a_colon_before_a_space_is_left_alone() -> None:
    assert plain("Retail: pricing") == "Retail\\: pricing"
