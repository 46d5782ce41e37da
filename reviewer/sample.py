"""The sample workbook: claims from the 2017-2019 coverage of the coalition air war in Iraq and Syria,
beside the figures the coalition, Airwars and Amnesty International actually published.

Built from ``resources/public_figures.csv`` (published figures with citations) by ``build_sample``;
the repository ships the result, and ``python resources/build_sample.py`` makes it again.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

__all__ = ["CLAIMS", "build_sample", "sample_workbook"]

# key, claim as quoted, attributed to, figure quoted, as of, period, outlet, link
CLAIMS: list[tuple[str, ...]] = [
    ("R-01", "The coalition acknowledged at least 352 civilian deaths since the air war began in 2014.",
     "the coalition", "at least 352", "30 April 2017", "", "The Daily Beast", "https://www.thedailybeast.com"),
    ("R-02", "Airwars estimates that 3,164 civilians have been killed by coalition strikes.", "Airwars", "3,164",
     "May 2017", "", "newswire", ""),
    ("R-03", "Airwars recorded 1,782 alleged civilian deaths in March 2017 alone.", "Airwars", "1,782", "",
     "March 2017", "Vice", "https://www.vice.com/en/article/paz9gn"),
    ("R-04", "Amnesty International documented between 804 and 1,213 civilian deaths in Syria from September 2014 "
     "to August 2016.", "Amnesty International", "804 to 1,213", "", "September 2014 to August 2016", "newswire", ""),
    ("R-05", "The coalition has now admitted 484 civilian deaths.", "CJTF-OIR", "484", "June 2, 2017", "",
     "CENTCOM", "https://www.centcom.mil"),
    ("R-06", "By early July the coalition's own count had reached 603.", "the coalition", "603", "2017-07-07", "",
     "Sputnik", ""),
    ("R-07", "Airwars puts the toll at more than 6,500 civilians.", "Airwars", "6,500", "13 Aug 2018", "",
     "CIVIC", "https://civiliansinconflict.org"),
    ("R-08", "The Pentagon said 1,139 civilians had been unintentionally killed.", "Pentagon", "1139",
     "Dec. 30, 2018", "", "Axios", "https://www.axios.com"),
    ("R-09", "The coalition says 1,335 civilians have died in its strikes.", "CJTF-OIR", "1,335", "Sept. 26, 2019",
     "", "ANSA", ""),
    ("R-10", "Coalition figures showed 850 deaths by the end of November 2017.", "the coalition", "850",
     "30/11/2017", "", "TRT World", "https://www.trtworld.com"),
    ("R-11", "At least 1,257 civilians were killed, according to the coalition.", "Combined Joint Task Force",
     "at least 1,257", "March 2019", "", "Gazzetta di Parma", ""),
    ("R-12", "Airwars says at least 4,354 civilians have been killed.", "Airwars", "at least 4,354", "July 7, 2017",
     "", "AFP", ""),
    ("R-13", "Only about 2,000 civilians had died by May, the monitors said.", "Airwars", "about 2,000",
     "4 May 2017", "", "blog", ""),
]
HEADER = ("Key", "Claim", "Attributed to", "Figure quoted", "As of", "Period", "Outlet", "Link")


def _figures() -> list[dict[str, str]]:
    text = resources.files("reviewer.resources").joinpath("public_figures.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def build_sample(path: Path) -> Path:
    """Write the sample workbook to ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    claims = book.active
    claims.title = "Claims"
    claims.append(["Claims quoted in the coverage of the coalition air war, 2017-2019"])
    claims["A1"].font = Font(bold=True, size=13)
    claims.append([])
    claims.append(list(HEADER))
    for cell in claims[3]:
        cell.font = Font(bold=True)
    for row in CLAIMS:
        claims.append(list(row))
        for cell in claims[claims.max_row]:
            cell.data_type = "s"
    claims.append([])
    claims.append(["Source: figures as quoted in the articles; two of them (3,164 and 804 to 1,213) could not be "
                   "traced to what the source published."])
    for column, width in zip("ABCDEFGH", (7, 70, 26, 16, 16, 30, 16, 36), strict=True):
        claims.column_dimensions[column].width = width
    figures = _figures()
    for source, title in (("CJTF-OIR", "CJTF-OIR"), ("Airwars", "Airwars"),
                          ("Amnesty International", "Amnesty International")):
        sheet = book.create_sheet(title)
        sheet.append(["Date", "Figure", "Metric", "Scope", "Citation"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for figure in figures:
            if figure["source"] == source:
                sheet.append([figure[c] for c in ("date", "figure_text", "metric", "scope", "citation")])
        for column, width in zip("ABCDE", (12, 16, 44, 40, 60), strict=True):
            sheet.column_dimensions[column].width = width
    about = book.create_sheet("About")
    about.append(["This sample pairs claims from news coverage with the figures each source published."])
    about.append(["Figures: public_figures.csv, with the citation of each figure on its row."])
    book.save(path)
    return path


def sample_workbook() -> Path:
    """The path of the bundled sample workbook (built into the Reviewer home folder if missing)."""
    bundled = resources.files("reviewer.resources").joinpath("sample.xlsx")
    if bundled.is_file():
        return Path(str(bundled))
    from reviewer.io.paths import home

    target = home() / "sample.xlsx"
    if not target.exists():
        build_sample(target)
    return target
