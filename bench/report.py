"""The benchmark's results as JSON, a Markdown summary and a PNG chart, in bench/results/."""

import json
from pathlib import Path

from PIL import Image, ImageDraw

from .matching import OPENINGS_PER_TALENT_P95_MS as OPENINGS_P95
from .matching import PROFILE_EDIT_S as EDIT_S
from .matching import REBUILD_S
from .matching import TALENTS_PER_OPENING_P95_MS as TALENTS_P95
from .notify import ENQUEUE_BUDGET_S as ENQUEUE_S
from .notify import RATE_BUDGET as RATE
from .pages import P95_RATIO_BUDGET as P95_BUDGET
from .pages import RENDER_SAMPLES
from .pages import RPS_RATIO_BUDGET as RPS_BUDGET

RESULTS = Path(__file__).resolve().parent / "results"


def _number(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def markdown(result: dict) -> str:
    """The summary table the README and the closing note quote."""
    lines = [
        f"### Scale {result['scale']}: {result['talents']:,} talents, "
        f"{result['enterprises']:,} enterprises, {result['openings']:,} openings",
        "",
        f"Measured {result['started']} on {result['machine']}; command: `{result['command']}`.",
        "",
    ]
    pages = result.get("pages")
    if pages:
        minimal = pages["minimal"]
        lines += [
            "| page | queries | rendered ms | req/s | p50 ms | p95 ms | p95 ÷ minimal "
            "| req/s ÷ minimal |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| minimal view | 0 | – | {_number(minimal['rps'])} | {_number(minimal['p50_ms'])} "
            f"| {_number(minimal['p95_ms'])} | 1.0 | 1.0 |",
        ]
        for name, page in pages["pages"].items():
            lines.append(
                f"| {name} | {page['queries']} | {_number(page.get('render_ms'))} "
                f"| {_number(page['rps'])} "
                f"| {_number(page['p50_ms'])} | {_number(page['p95_ms'])} "
                f"| {_number(page['ratio_p95'], 2)} | {_number(page['ratio_rps'], 2)} |"
            )
        lines += [
            "",
            "Rendered ms: one rendering in one process with the page caches off (median of "
            f"{RENDER_SAMPLES}), what a page costs when its cache cannot answer. Under load the "
            "pages are served from the page caches from an address's second request on.",
            "",
        ]
    matching = result.get("matching")
    if matching:
        lines += _matching(matching)
    notifications = result.get("notifications")
    if notifications:
        lines += _notifications(notifications)
    figures = result.get("setup")
    if figures:
        lines += ["| setup | seconds |", "| --- | ---: |"]
        lines += [f"| {name} | {_number(value, 1)} |" for name, value in figures.items()]
        lines.append("")
    violations = result.get("violations", [])
    lines.append(
        "**Budgets: all met.**"
        if not violations
        else "**Budgets broken:**\n" + "\n".join(f"- {v}" for v in violations)
    )
    return "\n".join(lines) + "\n"


def _matching(matching: dict) -> list[str]:
    talents, openings = matching["talents_per_opening"], matching["openings_per_talent"]
    edits = matching["profile_edit"]
    return [
        "| matching | n | p50 | p95 or max | budget at L |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| talents for one opening (first page) | {talents['n']} "
        f"| {_number(talents['p50_ms'])} ms | {_number(talents['p95_ms'])} ms "
        f"| p95 ≤ {_number(TALENTS_P95)} ms |",
        f"| openings for one talent (first page) | {openings['n']} "
        f"| {_number(openings['p50_ms'])} ms | {_number(openings['p95_ms'])} ms "
        f"| p95 ≤ {_number(OPENINGS_P95)} ms |",
        f"| profile edit until reflected (Celery worker) | {edits['n']} "
        f"| {_number(edits['p50_s'], 2)} s | {_number(edits['max_s'], 2)} s "
        f"| ≤ {_number(EDIT_S)} s |",
        f"| full rebuild, one process ({matching['stored_scores']:,} scores) | 1 | "
        f"| {_number(matching['rebuild_s'])} s | ≤ {_number(REBUILD_S, 0)} s |",
        "",
    ]


def _notifications(figures: dict) -> list[str]:
    return [
        "| notifications | value | budget at L |",
        "| --- | ---: | ---: |",
        f"| an opening matching {figures['n']:,} talents: outbox written and queued "
        f"| {_number(figures['enqueue_s'], 2)} s | ≤ {_number(ENQUEUE_S, 0)} s |",
        f"| delivered to the SMTP sink by {figures['concurrency']} Celery worker processes "
        f"({figures['delivered']:,} mails in {_number(figures['deliver_s'])} s) "
        f"| {_number(figures['mails_per_s'], 0)} mails/s | ≥ {_number(RATE, 0)} mails/s |",
        "",
    ]


def chart(result: dict, path: Path) -> None:
    """Bars of each page's p95 latency and throughput as multiples of the minimal view's, with
    the budgets at L marked: p95 at most 5x (dark), throughput at least 0.2x (light)."""
    pages = (result.get("pages") or {}).get("pages") or {}
    p95s = [page.get("ratio_p95") or 0.0 for page in pages.values()]
    width, row, left = 900, 34, 260
    scale_max = max([P95_BUDGET, *p95s]) * 1.05
    image = Image.new("RGB", (width, 70 + row * max(len(pages), 1)), "white")
    draw = ImageDraw.Draw(image)
    draw.text(
        (10, 10),
        f"Scale {result['scale']}: p95 latency (dark) and req/s (light) as multiples of the "
        f"minimal view's; lines: budgets at L (p95 {P95_BUDGET:g}x, req/s {RPS_BUDGET:g}x)",
        fill="black",
    )
    span = width - left - 20
    for index, (name, page) in enumerate(pages.items()):
        top = 40 + index * row
        draw.text((10, top + 6), name[:40], fill="black")
        for offset, key, colour in ((0, "ratio_p95", "#1f4e79"), (13, "ratio_rps", "#9dc3e6")):
            value = page.get(key) or 0.0
            draw.rectangle(
                (left, top + offset, left + span * value / scale_max, top + offset + 11),
                fill=colour,
            )
    for budget, colour in ((P95_BUDGET, "#c00000"), (RPS_BUDGET, "#e69500")):
        x = left + span * budget / scale_max
        draw.line((x, 36, x, image.height - 10), fill=colour)
    image.save(path)


def write(result: dict, directory: Path = RESULTS) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / result["scale"]
    paths = {
        "json": stem.with_suffix(".json"),
        "md": stem.with_suffix(".md"),
        "png": stem.with_suffix(".png"),
    }
    paths["json"].write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    paths["md"].write_text(markdown(result))
    chart(result, paths["png"])
    return paths
