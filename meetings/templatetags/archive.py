"""Template helpers for the public pages: human dates and the server-drawn year chart."""

from __future__ import annotations

import datetime

from django import template
from django.utils import dateformat, translation
from django.utils.translation import ngettext

register = template.Library()


def _month(day: datetime.date) -> str:
    return dateformat.format(day, "F")  # the month's name in the active language (Django's catalogue)


def _spanish() -> bool:
    return (translation.get_language() or "").startswith("es")


def _day_month_year(day: datetime.date) -> str:
    if _spanish():
        return f"{day.day} de {_month(day)} de {day.year}"
    return f"{day.day} {_month(day)} {day.year}"


@register.filter
def human_date(day: datetime.date | None) -> str:
    """30 May 2002; 30 de mayo de 2002 (no leading zero, month in words)."""
    if not day:
        return ""
    return _day_month_year(day)


@register.simple_tag
def date_range(start: datetime.date | None, end: datetime.date | None = None) -> str:
    """A meeting's dates as each language writes them.

    English: "30–31 May 2002", "30 May – 2 June 2002". Spanish: "30 y 31 de mayo de 2002",
    "del 10 al 12 de mayo de 2002", "del 30 de mayo al 2 de junio de 2002".
    """
    if not start:
        return ""
    if not end or end == start:
        return _day_month_year(start)
    if _spanish():
        return _spanish_range(start, end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_month(end)} {end.year}"
    if start.year == end.year:
        return f"{start.day} {_month(start)} – {end.day} {_month(end)} {end.year}"
    return f"{_day_month_year(start)} – {_day_month_year(end)}"


def _spanish_range(start: datetime.date, end: datetime.date) -> str:
    if (start.year, start.month) == (end.year, end.month):
        if end.day - start.day == 1:
            return f"{start.day} y {end.day} de {_month(end)} de {end.year}"
        return f"del {start.day} al {end.day} de {_month(end)} de {end.year}"
    if start.year == end.year:
        return f"del {start.day} de {_month(start)} al {end.day} de {_month(end)} de {end.year}"
    return f"del {_day_month_year(start)} al {_day_month_year(end)}"


@register.inclusion_tag("meetings/partials/_year_chart.html")
def year_chart(counts: list[tuple[int, int]], caption: str) -> dict:
    """A bar chart of meetings per year drawn as inline SVG (no script, no external library).

    `counts` holds every year of the span, zero years included, oldest first.
    """
    bar, gap, height, label_space = 22, 6, 120, 34
    peak = max((n for _, n in counts), default=0) or 1
    bars = []
    first, last = (counts[0][0], counts[-1][0]) if counts else (0, 0)
    for index, (year, n) in enumerate(counts):
        bar_height = round(height * n / peak)
        x = index * (bar + gap)
        bars.append(
            {
                "year": year,
                "n": n,
                "label": ngettext("%(year)s: %(count)s meeting", "%(year)s: %(count)s meetings", n)
                % {"year": year, "count": n},
                "x": x,
                "y": height - bar_height + 14,
                "height": bar_height,
                "label_x": x + bar / 2,
                # Label every year on short spans; on long ones the ends and
                # every fifth year, unless that would crowd an end's label.
                "show_year": len(counts) <= 12
                or year in (first, last)
                or (year % 5 == 0 and min(year - first, last - year) > 2),
            }
        )
    width = max(len(counts) * (bar + gap) - gap, bar)
    return {
        "bars": bars,
        "caption": caption,
        "bar_width": bar,
        "width": width,
        "view_height": height + 14 + label_space,
        "baseline": height + 14,
        "year_y": height + 14 + 16,
        "total": sum(n for _, n in counts),
    }
