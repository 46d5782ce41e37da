"""The annotated workbook's Summary sheet: counts of verdicts, by the source each claim names, the
assessments, and the sources' published figures over time with a chart beside the tables."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from reviewer.core.aliases import DEFAULT_ALIASES, Attribution, normalize_name
from reviewer.core.check import primary_series
from reviewer.core.figures import value_or_low
from reviewer.core.verdicts import Verdict, VerdictScale
from reviewer.core.workbook import Workbook
from reviewer.io.export_cells import DATETIME_FORMAT, DAY_FORMAT, Cells, fill, print_setup, row_height

__all__ = ["claimant_groups", "write_summary"]

NOT_REVIEWED = "Not reviewed"
_NO_CLAIMANT = "(no claimant named)"
_FIRST_WIDTH, _COUNT_WIDTH, _NAMES_WIDTH, _WHEN_WIDTH = 30, 13, 40, 21


def claimant_groups(claimants: Iterable[str], texts: Iterable[str], sources: Iterable[str],
                    aliases: Mapping[str, Iterable[str]] | None = None) -> list[str]:
    """For each claim, the source its claimant names, matched as the check matches it ("the coalition",
    "Combined Joint Task Force" and "CJTF-OIR" are one source); a claim with no claimant, the source its
    words name; a claimant that names no known source, as first written (ignoring case and punctuation)."""
    aliases = aliases or {}
    # The workbook's own source names come first, so a group is shown under the name the data uses.
    attribution = Attribution([*sources, *DEFAULT_ALIASES, *aliases], aliases)
    first_spelling: dict[str, str] = {}
    groups = []
    for claimant, text in zip(claimants, texts, strict=True):
        name = str(claimant).strip()
        found = attribution.source_for(name) if name else attribution.source_in_text(str(text))
        if found is None:
            found = first_spelling.setdefault(normalize_name(name), name) if name else _NO_CLAIMANT
        groups.append(found)
    return groups


def write_summary(excel: Any, book: Workbook, verdicts: Mapping[str, Verdict], scale: VerdictScale,
                  overall: pd.Series, aliases: Mapping[str, Iterable[str]] | None = None) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = excel.create_sheet("Summary", 0)
    print_setup(sheet, title_rows=None, grid=False)
    cells = Cells(sheet)
    bold = cells.style(font=Font(bold=True))
    heading = cells.style(font=Font(bold=True, size=12))
    header = cells.style(font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="bottom"))
    wrapped = cells.style(alignment=Alignment(wrap_text=True))
    claims = book.claims
    labels = [_label(verdicts.get(k)) for k in claims["key"]]
    reviewed = sum(label != NOT_REVIEWED for label in labels)
    rows: list[list[Any]] = [
        [cells.text(f"Review of {book.name}", heading)],
        [cells.text("Claims"), len(claims)], [cells.text("Reviewed"), reviewed],
        [cells.text("Exported at"), cells.date(dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
                                               cells.style(number_format=DATETIME_FORMAT))],
        [],
        [cells.text("Verdict", header), cells.text("Claims", header)],
    ]
    counts = Counter(labels)
    for label in [*scale.labels, *sorted(x for x in counts if x not in scale.labels and x != NOT_REVIEWED),
                  NOT_REVIEWED]:
        colour = cells.style(fill=fill(scale.colour(label)), key=("fill", label)) if label in scale.labels else None
        rows.append([cells.text(label, colour), counts.get(label, 0)])
    rows.append([])
    by_claimant, texts = _claimant_table(cells, book, labels, scale, aliases, header, wrapped)
    widths = [_FIRST_WIDTH, *[_COUNT_WIDTH] * (len(by_claimant[0]) - 2), _NAMES_WIDTH]
    heights = {len(rows) + 1 + i: row_height(zip(line, widths, strict=False)) for i, line in enumerate(texts)}
    rows += by_claimant
    rows.append([])
    rows.append([cells.text("Assessment", header), cells.text("Claims", header)])
    assessed = overall.value_counts()
    for name in ("match", "claim higher", "claim lower", "no data"):
        rows.append([cells.text(name), int(assessed.get(name, 0))])
    rows.append([])
    chart = _chart_rows(book, cells, rows, header, cells.style(number_format=DAY_FORMAT, key="date"), bold)
    widest = max(len(row) for row in rows)
    sheet.column_dimensions["A"].width = _FIRST_WIDTH
    for index in range(2, widest + 1):
        sheet.column_dimensions[get_column_letter(index)].width = _COUNT_WIDTH
    sheet.column_dimensions["B"].width = _WHEN_WIDTH  # "Exported at", a date and time
    sheet.column_dimensions[get_column_letter(len(by_claimant[0]))].width = _NAMES_WIDTH
    for number, row in enumerate(rows, start=1):
        cells.set_height(number, heights.get(number))
        sheet.append(row)
    if chart is not None:
        # Beside the tables, one empty column after the widest of them: never over a count.
        sheet.add_chart(_line_chart(sheet, *chart), f"{get_column_letter(widest + 2)}2")


def _label(verdict: Verdict | None) -> str:
    return verdict.verdict if verdict is not None and verdict.verdict else NOT_REVIEWED


def _claimant_table(cells: Cells, book: Workbook, labels: list[str], scale: VerdictScale,
                    aliases: Mapping[str, Iterable[str]] | None, header: Any,
                    wrapped: Any) -> tuple[list[list[Any]], list[list[str]]]:
    """The table's rows, and each row's texts (to size the rows whose texts wrap)."""
    claims = book.claims
    groups = claimant_groups(claims["claimant"].astype(str), claims["text"].astype(str), book.sources, aliases)
    frame = pd.DataFrame({"group": groups, "verdict": labels, "claimant": claims["claimant"].astype(str).str.strip()})
    columns = [c for c in [*scale.labels, NOT_REVIEWED] if c in set(labels)]
    titles = ["Source the claimant names", *columns, "Named in the claims as"]
    rows: list[list[Any]] = [[cells.text(title, header) for title in titles]]
    texts = [titles]
    if frame.empty:
        return rows, texts
    table = pd.crosstab(frame["group"], frame["verdict"])
    order = frame["group"].value_counts(sort=True).index  # the most claimed-about source first
    for group in order:
        names = [n for n, _ in Counter(x for x in frame.loc[frame["group"] == group, "claimant"] if x).most_common()]
        named = "; ".join(names[:8]) + ("; …" if len(names) > 8 else "")
        rows.append([cells.text(str(group)), *(int(table.at[group, c]) if c in table.columns else 0 for c in columns),
                     *([cells.text(named, wrapped)] if named else [])])
        texts.append([str(group), *[""] * len(columns), named])
    return rows, texts


def _chart_rows(book: Workbook, cells: Cells, rows: list[list[Any]], header: Any, date: Any,
                bold: Any) -> tuple[int, int, int] | None:
    """The cumulative sources' figures by date, as rows; returns (header row, last row, series count)."""
    refs = book.references[book.references["date"].notna()]
    if {"place", "measure"} <= set(refs.columns) and len(refs):
        # A line a source, of what claims most often count: its deaths, where it counts deaths.
        deaths = refs["measure"].astype(str) == "deaths"
        refs = refs[deaths | ~deaths.groupby(refs["source"]).transform("any")]
    refs = primary_series(refs)
    refs = refs[refs["kind"] == "cumulative"]
    if "place" in refs.columns and len(refs):
        # A source of many places draws no single line: the last figure of a day would be any country's.
        one_place = refs["place"].astype(str).groupby(refs["source"]).transform("nunique") <= 1
        refs = refs[one_place]
    if refs.empty:
        return None
    level = value_or_low(refs)
    table = (pd.DataFrame({"date": refs["date"].dt.normalize(), "source": refs["source"], "level": level})
             .pivot_table(index="date", columns="source", values="level", aggfunc="last").sort_index())
    rows.append([cells.text("Published figures over time (running totals; the lower end of a range or "
                            "'at least')", bold)])
    header_row = len(rows) + 1
    rows.append([cells.text("Date", header), *(cells.text(str(s), header) for s in table.columns)])
    thousands = cells.style(number_format="#,##0", key="thousands")
    for day, row in table.iterrows():
        rows.append([cells.date(day.date(), date), *(cells.number(v, thousands) for v in row.to_numpy())])
    return header_row, header_row + len(table), len(table.columns)


def _line_chart(sheet: Any, header_row: int, last_row: int, series: int) -> Any:
    """A native Excel line chart of the table at header_row..last_row (dates in column A)."""
    from openpyxl.chart import LineChart, Reference
    from openpyxl.chart.axis import DateAxis

    chart = LineChart()
    chart.title = "Published figures over time"
    chart.y_axis.title = "Running total"
    chart.y_axis.number_format = "#,##0"
    chart.x_axis = DateAxis(crossAx=100)
    chart.x_axis.number_format = "yyyy-mm"
    chart.x_axis.majorTimeUnit = "months"
    chart.x_axis.title = "Date"
    chart.add_data(Reference(sheet, min_col=2, max_col=1 + series, min_row=header_row, max_row=last_row),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last_row))
    for line in chart.series:
        line.smooth = False
    chart.display_blanks = "span"
    chart.legend.position = "b"
    chart.height, chart.width = 9, 18
    return chart
