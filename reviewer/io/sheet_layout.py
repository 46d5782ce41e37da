"""A sheet's layout, as detected or chosen: the record every later step reads."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from reviewer.core.period_columns import PeriodColumns
from reviewer.io.column_content import TIME_FIELDS

__all__ = ["SECTION_HEADINGS", "SheetLayout"]

SECTION_HEADINGS = "Section headings"  # the metric of a table in sections ("Iraq", then "Syria")


@dataclass(frozen=True, slots=True)
class SheetLayout:
    sheet: str
    role: str  # claims, reference, other
    header_position: int | None  # position in RawSheet.cells, None when the sheet has no header
    header_row: int | None  # the spreadsheet's row number
    headers: list[str]  # one name per column of the sheet
    mapping: dict[str, int]  # field -> column position
    data_positions: np.ndarray  # positions of the data rows in RawSheet.cells
    kind: str | None = None  # reference kind override: cumulative or incident
    warnings: list[str] = field(default_factory=list)
    wide: list[int] = field(default_factory=list)  # one figure column per source ("Date | CJTF-OIR | Airwars")
    wide_are_metrics: bool = False  # the columns are places or kinds of one source ("Iraq killed | Syria killed")
    wide_labels: dict[int, dict[str, str]] = field(default_factory=dict)  # column -> its place, measure, kind
    measure_name: str | None = None  # what every figure counts, when no column says ("deaths" in the file's name)
    counted: int | None = None  # one row per person or event: the column of categories whose rows are counted
    source: str | None = None  # whose figures these are, when the columns say it (a monitor's export)
    by_period: PeriodColumns | None = None  # a column per period ("Governorate | 2014 | 2015 | 2016")
    pairs: list[tuple[str, int, int]] = field(default_factory=list)  # metric, low, high: "Likely min | Likely max"
    date_parts: tuple[int, ...] = ()  # year, month and maybe day columns that together date each row
    sections: np.ndarray | None = None  # per data row, the heading of its section ("Iraq", then "Syria")

    @property
    def date_parts_header(self) -> str:
        return " + ".join(self.headers[c] for c in self.date_parts)

    def mapped_headers(self) -> dict[str, str]:
        mapped = {name: self.headers[column] for name, column in self.mapping.items()}
        if self.date_parts:
            mapped["period"] = self.date_parts_header  # "Year + Month"
        if self.sections is not None:
            mapped["metric"] = SECTION_HEADINGS
        return mapped

    def with_choices(self, role: str | None = None, mapping: dict[str, str] | None = None,
                     kind: str | None = None, source: str | None = None) -> SheetLayout:
        """The layout with the user's choices: a role, a field -> header name mapping, a kind, and whose
        figures the sheet holds (a source's name, for a file whose own name says nothing)."""
        new_mapping = dict(self.mapping)
        if mapping is not None:
            positions = {name: i for i, name in enumerate(self.headers)}
            new_mapping = {f: positions[h] for f, h in mapping.items() if h in positions}
        # The user's own columns replace the periods; the detected ones, confirmed, keep them.
        by_period = self.by_period if new_mapping == self.mapping else None
        dated = any(f in new_mapping for f in TIME_FIELDS)
        # Rows still counted while their column of categories is the metric and no figure is chosen.
        counted = self.counted if new_mapping.get("metric") == self.counted and "figure" not in new_mapping else None
        return replace(self, role=role or self.role, mapping=new_mapping, kind=kind or self.kind, by_period=by_period,
                       counted=counted, source=source.strip() if source and source.strip() else self.source,
                       date_parts=() if dated else self.date_parts,
                       sections=None if "metric" in new_mapping else self.sections)
