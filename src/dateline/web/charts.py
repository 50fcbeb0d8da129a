"""Charts drawn on the server as inline SVG (no script, no network): a timeline of dated items.

Every label is escaped; the chart is one <svg> element a page embeds as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

ROW = 24
LABEL_WIDTH = 260
PLOT_WIDTH = 520
AXIS = 26


@dataclass(frozen=True)
class Lane:
    """One row of a timeline: a label, a date or range, where it links to, a hover text."""

    label: str
    start: date
    end: date | None = None
    href: str | None = None
    note: str = ""
    kind: str = "item"  # CSS class of the mark


def timeline_svg(lanes: Sequence[Lane], caption: str = "timeline") -> Markup:
    """A horizontal timeline, one lane per item, with year ticks; an empty Markup when nothing is dated."""
    if not lanes:
        return Markup("")
    first = min(lane.start for lane in lanes)
    last = max(lane.end or lane.start for lane in lanes)
    if last - first < timedelta(days=60):
        first, last = first - timedelta(days=30), last + timedelta(days=30)
    days = (last - first).days or 1

    def x(day: date) -> float:
        return LABEL_WIDTH + (day - first).days / days * PLOT_WIDTH

    height = AXIS + ROW * len(lanes) + 6
    parts = [
        Markup('<svg class="timeline" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
               'xmlns="http://www.w3.org/2000/svg"><title>{c}</title>').format(
            w=LABEL_WIDTH + PLOT_WIDTH + 20, h=height, c=caption
        )
    ]  # fmt: skip
    for year in range(first.year + 1, last.year + 1):
        tick = x(date(year, 1, 1))
        parts.append(
            Markup('<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{h}"/>'
                   '<text class="year" x="{x:.1f}" y="14" text-anchor="middle">{y}</text>').format(
                x=tick, top=AXIS - 6, h=height, y=year
            )
        )  # fmt: skip
    if first.year == last.year:
        parts.append(Markup('<text class="year" x="{}" y="14">{}</text>').format(LABEL_WIDTH, first.year))
    for i, lane in enumerate(lanes):
        y = AXIS + i * ROW
        x0 = x(lane.start)
        x1 = max(x(lane.end or lane.start), x0 + 8)
        label = lane.label if len(lane.label) <= 40 else lane.label[:39] + "…"
        body = Markup(
            '<text class="label" x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
            '<rect class="{kind}" x="{x0:.1f}" y="{ry}" width="{w:.1f}" height="14" rx="3"><title>{note}</title></rect>'
        ).format(lx=LABEL_WIDTH - 8, ty=y + 12, label=label, kind=lane.kind, x0=x0, ry=y + 1, w=x1 - x0,
                 note=lane.note or lane.label)  # fmt: skip
        if lane.href:
            body = Markup('<a href="{}">{}</a>').format(lane.href, body)
        parts.append(body)
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
