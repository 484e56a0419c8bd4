"""Horizontal bar charts drawn as inline SVG on the server: no JavaScript, prints as it shows.

Bars are laid out here and drawn by templates/reports/includes/chart.html. A suppressed count
has no value to draw: its bar is hatched, as long as the threshold itself, and labelled "<5",
so the chart tells no more than the table.
"""

from dataclasses import dataclass

from . import suppression
from .selectors import Breakdown

WIDTH = 640
LABEL_WIDTH = 190
VALUE_WIDTH = 50
BAR_HEIGHT = 16
ROW_GAP = 10
TOP = 8
LEGEND_HEIGHT = 24
MAX_LABEL = 28
# Each at least 4.5:1 on white, so bars and their value labels read the same.
COLOURS = ("#0b5394", "#9c4400", "#1e6b34")


@dataclass(frozen=True, slots=True)
class Bar:
    y: int
    width: float
    colour: str
    pattern: str  # the hatch's id for a suppressed bar, else empty
    text: str

    @property
    def text_x(self) -> float:
        return LABEL_WIDTH + self.width + 6

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4

    @property
    def height(self) -> int:
        return BAR_HEIGHT - 2


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    label_y: int
    bars: list[Bar]


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    breakdown: Breakdown
    height: int
    rows: list[Row]
    legend: list[tuple[str, str, int]]  # (colour, name, x of its swatch)
    hatches: list[tuple[str, str]]  # (id, colour)
    bar_x: int
    legend_y: int


def layout(breakdown: Breakdown) -> Chart:
    chart_id = f"chart-{breakdown.key}"
    series = len(breakdown.series)
    cells = [cell for _label, row in breakdown.rows for cell in row]
    largest = max([cell.value for cell in cells if not cell.suppressed] or [0])
    if any(cell.suppressed for cell in cells):
        largest = max(largest, suppression.THRESHOLD)
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest if largest else 0
    legend_height = LEGEND_HEIGHT if series > 1 else 0
    row_height = series * BAR_HEIGHT + ROW_GAP
    rows = []
    for index, (label, row) in enumerate(breakdown.rows):
        top = TOP + legend_height + index * row_height
        bars = []
        for number, cell in enumerate(row):
            colour = COLOURS[number % len(COLOURS)]
            length = suppression.THRESHOLD if cell.suppressed else cell.value
            bars.append(
                Bar(
                    y=top + number * BAR_HEIGHT,
                    width=round(length * scale, 1),
                    colour=colour,
                    pattern=f"{chart_id}-hatch-{number}" if cell.suppressed else "",
                    text=cell.text,
                )
            )
        shown = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
        rows.append(Row(shown, top + series * BAR_HEIGHT // 2, bars))
    legend = [
        (COLOURS[number % len(COLOURS)], str(name), number * 210)
        for number, name in enumerate(breakdown.series)
    ]
    return Chart(
        id=chart_id,
        breakdown=breakdown,
        height=TOP + legend_height + len(rows) * row_height,
        rows=rows,
        legend=legend if series > 1 else [],
        hatches=[
            (f"{chart_id}-hatch-{number}", COLOURS[number % len(COLOURS)])
            for number in range(series)
        ],
        bar_x=LABEL_WIDTH,
        legend_y=TOP + 10,
    )
