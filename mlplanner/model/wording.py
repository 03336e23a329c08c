"""How money, counts, people and lists are written for people: the one home of that wording.

``$1.24M``, ``1,234``, ``3 people``, ``two ML Engineers``, ``+2 Data Engineers``, ``A, B and
C``. Every page, report, CLI table and model note writes these through this module.

It lives in the model, not in ``reports/``, because the model and the search write sentences
too (a plan's over-budget note, part of the CLI's JSON; an alternative's rule, "best plan
within the budget of $2.50M") and may not import anything above them; the reports, the CLI
and the UI use it from here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from mlplanner.model.roles import role_label

# FTE are shown to one decimal: less than this reads as 0.0, and is not named.
SHOWN_FTE = 0.05
_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def format_usd(amount: float) -> str:
    """Money for people: ``$1.24B``, ``$1.24M``, ``$185k``, ``$900``, ``-$20k``; halves
    round up, as people round (``$263k`` for $262,500, which ``:.0f`` showed as ``$262k``)."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if value >= 999_995_000:
        return f"{sign}${_half_up(value / 1_000_000_000, '0.01'):,}B"
    if value >= 999_500:
        return f"{sign}${_half_up(value / 1_000_000, '0.01')}M"
    if value >= 999.5:  # what rounds to $1,000 reads "$1k"
        return f"{sign}${_half_up(value / 1_000, '1')}k"
    return f"{sign}${_half_up(value, '1')}"


def _half_up(value: float, step: str) -> Decimal:
    """``value`` rounded to ``step`` (``"0.01"``, ``"1"``), halves up; the float's decimal
    reading first, so 262.5 is a half and 1.005 (1.00499… as a float) is not."""
    return Decimal(repr(value)).quantize(Decimal(step), rounding=ROUND_HALF_UP)


def tenths_adding_up(values: Sequence[float], total: float | None = None) -> list[float]:
    """``values`` rounded to tenths so that they add up to their ``total`` (default: their sum)
    rounded to tenths, the largest remainders rounded up: "building 0.8, running 0.2, shared
    0.4 FTE" under a title of 1.3 FTE would read as a sum gone wrong. ``total`` is the figure
    shown beside them, which at a tie like 0.85 can round the other way than a sum differing
    from it in the last bit."""
    tenths = [v * 10 for v in values]
    down = [math.floor(t) for t in tenths]
    shown = sum(values) if total is None else total
    missing = round(round(shown, 1) * 10) - sum(down)  # the total as "{:.1f}" shows it
    by_remainder = sorted(range(len(values)), key=lambda i: down[i] - tenths[i])
    for i in by_remainder[:missing]:
        down[i] += 1
    return [d / 10 for d in down]


def signed_usd(amount: float) -> str:
    """A change in money: ``+$20k``, ``-$1.10M``, ``$0``."""
    return ("+" if amount > 0 else "") + format_usd(amount)


def count(n: int) -> str:
    """A whole number with thousands separators: ``1,234``."""
    return f"{n:,}"


# Role names whose plural is not the label plus "s".
_PLURAL_LABELS = {"head_of_data": "Heads of Data & ML"}


def people(n: int, role: str | None = None, *, in_words: bool = False) -> str:
    """``1 person``, ``3 people``; with a role ``1 Data Engineer``, ``2 Data Engineers``.

    ``in_words`` spells zero to ten (``no``, ``one``, ``two ML Engineers``); the singular is
    for exactly one, either sign (``-1 Data Engineer``).
    """
    number = _WORDS[n] if in_words and 0 <= n < len(_WORDS) else count(n)
    if role is None:
        return f"{number} person" if abs(n) == 1 else f"{number} people"
    label = role_label(role)
    if abs(n) == 1:
        return f"{number} {label}"
    return f"{number} {_PLURAL_LABELS.get(role, label + 's')}"


def signed_people(n: int, role: str) -> str:
    """A change in a role's headcount: ``+2 Data Engineers``, ``-1 ML Engineer``."""
    return ("+" if n > 0 else "") + people(n, role)


def projects(n: int) -> str:
    """``1 project``, ``3 projects``."""
    return f"{count(n)} project" if n == 1 else f"{count(n)} projects"


def joined(items: Sequence[str]) -> str:
    """Items as a sentence lists them: ``A``, ``A and B``, ``A, B and C``; none is ``""``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# Present-tense verbs whose plural is not the singular without its final "s".
_PLURAL_VERBS = {"is": "are", "has": "have", "does": "do"}


def agreeing(verb: str, n: int) -> str:
    """A present-tense verb agreeing with ``n`` subjects: ``costs`` for one, ``cost`` for
    more; ``is``/``are``."""
    if n == 1:
        return verb
    return _PLURAL_VERBS.get(verb, verb.removesuffix("s"))


def sentence_start(text: str) -> str:
    """``text`` as a sentence of its own: its first letter upper case, the rest as it is (a
    message written to follow ``error:`` or a field name starts lower case)."""
    return text[:1].upper() + text[1:]


def budget_gap(cost: float, budget: float) -> str:
    """A cost against its budget: ``$20k over budget``, ``$990k under budget``, ``on
    budget`` (no sign: the word says which side)."""
    gap = cost - budget
    if gap == 0:
        return "on budget"
    return f"{format_usd(abs(gap))} {'over' if gap > 0 else 'under'} budget"
