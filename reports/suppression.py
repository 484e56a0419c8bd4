"""Small-cell suppression: the one place that decides what a published figure may show.

Counts of people or companies from 1 to 4 could point at someone in a small region, so every
output (page, CSV, XLSX, home page) shows them as "<5"; zero is shown as it is. A median or a
share worked out from fewer than 5 cases is not shown at all. Nothing downstream sees the
exact value of a suppressed cell: a `Cell` that is suppressed does not hold it.

Where parts are published next to their total (openings by type, placements by month), one
hidden part could be worked out by subtraction; `parts` then hides more of them, the smallest
first, until what is hidden adds up to 5 or more (secondary suppression).
"""

from dataclasses import dataclass

THRESHOLD = 5
SMALL = "<5"
NOT_SHOWN = "–"


@dataclass(frozen=True, slots=True)
class Cell:
    """A figure as it may be published: `value` is None when it is suppressed."""

    value: int | float | None
    text: str

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return self.text


def count(number: int) -> Cell:
    if 0 < number < THRESHOLD:
        return Cell(None, SMALL)
    return Cell(number, str(number))


def parts(numbers: list[int]) -> list[Cell]:
    """The cells of a total's parts, with secondary suppression (see the module docstring)."""
    cells = [count(number) for number in numbers]
    hidden = sum(number for number, cell in zip(numbers, cells, strict=True) if cell.suppressed)
    while 0 < hidden < THRESHOLD:
        shown = [i for i, cell in enumerate(cells) if not cell.suppressed and numbers[i] > 0]
        if not shown:
            break
        smallest = min(shown, key=lambda i: numbers[i])
        cells[smallest] = Cell(None, NOT_SHOWN)
        hidden += numbers[smallest]
    return cells


def statistic(value: float | None, *, cases: int, text: str) -> Cell:
    """A median or share (`text` is its formatted value) based on `cases` records."""
    if value is None or cases < THRESHOLD:
        return Cell(None, NOT_SHOWN)
    return Cell(value, text)


def share(part: int, whole: int) -> Cell:
    """`part` out of `whole` as a percentage. Also hidden when the part, or the rest, is a
    small count: the whole is published next to it, so the share would give it away."""
    if whole < THRESHOLD or 0 < part < THRESHOLD or 0 < whole - part < THRESHOLD:
        return Cell(None, NOT_SHOWN)
    percent = round(100 * part / whole)
    return Cell(percent, f"{percent} %")
