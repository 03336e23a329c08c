"""P10 / P50 / P90 of a figure over the draws, and the words a manager reads them in."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# "80% of the time": the share of draws between P10 and P90.
CONFIDENCE_WORDS = "80% of the time"


@dataclass(frozen=True)
class Band:
    """The 10th, 50th and 90th percentile of a figure over the draws. Each is the value of
    one draw (the inverted distribution function, no interpolation), so people stay whole
    and a figure that never varies has all three equal to it."""

    p10: float
    p50: float
    p90: float

    def to_dict(self, digits: int | None = None) -> dict[str, float]:
        """``p10``, ``p50``, ``p90``; whole numbers when ``digits`` is ``None``."""
        values = (self.p10, self.p50, self.p90)
        shown = [int(v) if digits is None else round(v, digits) for v in values]
        return dict(zip(("p10", "p50", "p90"), shown, strict=True))

    @property
    def firm(self) -> bool:
        """Whether the figure is the same in 80% of the draws."""
        return self.p10 == self.p90


def band(values: np.ndarray) -> Band:
    """The band of one figure; ``values[draw]``."""
    p10, p50, p90 = np.percentile(values, [10, 50, 90], method="inverted_cdf")
    return Band(float(p10), float(p50), float(p90))


def bands(values: np.ndarray) -> list[Band]:
    """The band of each column of ``values[draw, column]``."""
    return [band(values[:, i]) for i in range(values.shape[1])]
