"""One-off messages to the user: an action leaves one, the next run shows it once.

Every widget callback that reports an outcome (saved, renamed, imported, could not be
loaded, …) calls :func:`flash`; each page that offers such actions calls :func:`render_flash`
where the message belongs. Failures become messages too, never tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import streamlit as st

from mlplanner.ui.state import Slot

Kind = Literal["success", "info", "warning", "error"]


@dataclass(frozen=True)
class Message:
    """What to tell the user (Markdown: user text in it must go through ``plain``)."""

    kind: Kind
    text: str


_MESSAGE: Final[Slot[Message]] = Slot("mlp.message")


def flash(kind: Kind, text: str) -> None:
    """Leave a message for the next run to show once (a newer one replaces it)."""
    _MESSAGE.set(Message(kind, text))


def render_flash() -> None:
    """Show the message left by the last action, if any, and forget it."""
    message = _MESSAGE.pop()
    if message is None:
        return
    show = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}
    show[message.kind](message.text)
