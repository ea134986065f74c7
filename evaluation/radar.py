"""The five-dimension radar chart as inline SVG, drawn on the server (no JS, nothing external)."""

import math
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

RINGS = (20, 40, 60, 80, 100)
PAD = 40  # room either side for the axis labels


def _point(cx: float, cy: float, radius: float, index: int, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def data_points(values: Sequence[Decimal | None], *, size: int = 360) -> list[tuple[float, float]]:
    """Where each value (0–100, None as 0) sits on its axis."""
    cx = cy = size / 2
    radius = size / 2 - 70
    count = len(values)
    return [
        _point(cx, cy, radius * float(min(max(v or 0, 0), 100)) / 100, i, count)
        for i, v in enumerate(values)
    ]


def radar_svg(
    axes: Sequence[tuple[str, Decimal | None]], *, size: int = 360, label: str = ""
) -> SafeString:
    """axes: [(label, score 0–100 or None)], drawn clockwise from the top."""
    count = len(axes)
    cx = cy = size / 2
    radius = size / 2 - 70
    parts = [
        f'<svg class="radar" viewBox="-{PAD} 0 {size + 2 * PAD} {size}" width="{size + 2 * PAD}" '
        f'height="{size}" '
        f'role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for ring in RINGS:
        ring_points = [_point(cx, cy, radius * ring / 100, i, count) for i in range(count)]
        parts.append(f'<polygon class="radar__ring" points="{_polygon(ring_points)}"/>')
    for i in range(count):
        x, y = _point(cx, cy, radius, i, count)
        parts.append(
            f'<line class="radar__axis" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>'
        )
    points = data_points([v for _label, v in axes], size=size)
    parts.append(f'<polygon class="radar__area" points="{_polygon(points)}"/>')
    for x, y in points:
        parts.append(f'<circle class="radar__dot" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>')
    for i, (name, value) in enumerate(axes):
        x, y = _point(cx, cy, radius + 30, i, count)
        anchor = "middle" if abs(x - cx) < 1 else ("start" if x > cx else "end")
        shown = "—" if value is None else f"{Decimal(value):.1f}"
        parts.append(
            f'<text class="radar__label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">'
            f"{escape(name)}</text>"
            f'<text class="radar__value" x="{x:.1f}" y="{y + 16:.1f}" text-anchor="{anchor}">'
            f"{shown}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
