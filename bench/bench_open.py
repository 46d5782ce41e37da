"""Opening: open_workbook against a bare read of the same file, in the same run.

    python bench/bench_open.py
Prints time and peak memory of each, and their ratio (targets: within 1.5x of the bare calamine
read on the 100,000-row xlsx, within 2x of pandas.read_csv on the 1,000,000-row CSV), how long a
1 GiB decompression bomb takes to be refused, and a 50 MB single cell (CSV and xlsx) to be opened or
refused. The reader process and the place and measure vocabularies are loaded ahead, as the app loads
them with the window; the figures of reading alone (read_guarded, the reader's work and the table it
returns) are printed beside the whole open (which adds finding the layout, parsing every figure and
date, and reading every claim's place and measure from its words).
"""

from __future__ import annotations

import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, measure, row
from generate import write_claims_xlsx, write_incidents_csv

WARM = "import reviewer, reviewer.io.loader\nfrom reviewer.io.warm import warm_up\nwarm_up(wait=60)"


def main() -> None:
    xlsx = OUT / "claims-100k.xlsx"
    csv_path = OUT / "incidents-1m.csv"
    if not xlsx.exists():
        write_claims_xlsx(xlsx, 100_000)
    if not csv_path.exists():
        write_incidents_csv(csv_path, 1_000_000)
    print(f"files: {xlsx.name} ({xlsx.stat().st_size / 1e6:.1f} MB), {csv_path.name} "
          f"({csv_path.stat().st_size / 1e6:.1f} MB)")
    bare = measure(f"import python_calamine\nrows = python_calamine.CalamineWorkbook.from_path({str(xlsx)!r})"
                   ".get_sheet_by_index(0).to_python()")
    pandas_bare = measure(f"import pandas as pd\nframe = pd.read_excel({str(xlsx)!r}, engine='calamine', dtype=str)",
                          repeat=1)
    ours = measure(f"book = reviewer.open_workbook({str(xlsx)!r})", setup=WARM)
    reading = measure(f"from reviewer.io.guarded import read_guarded\nfrom pathlib import Path\n"
                      f"raw = read_guarded(Path({str(xlsx)!r}), 'xlsx')", setup=WARM)
    print(row("bare python-calamine read, 100k-row xlsx", bare))
    print(row("pandas.read_excel(engine=calamine), same file", pandas_bare, bare))
    print(row("reading alone (guarded reader), same file", reading, bare))
    print(row("reviewer.open_workbook, same file", ours, bare))
    print(f"{'':<48} ratio to pandas.read_excel: {ours['seconds'] / pandas_bare['seconds']:.2f}x")
    bare_csv = measure(f"import pandas as pd\nframe = pd.read_csv({str(csv_path)!r}, dtype=str, "
                       "keep_default_na=False)")
    ours_csv = measure(f"book = reviewer.open_workbook({str(csv_path)!r})", setup=WARM)
    reading_csv = measure(f"from reviewer.io.guarded import read_guarded\nfrom pathlib import Path\n"
                          f"raw = read_guarded(Path({str(csv_path)!r}), 'csv')", setup=WARM)
    print(row("bare pandas.read_csv, 1M-row incident csv", bare_csv))
    print(row("reading alone (guarded reader), same file", reading_csv, bare_csv))
    print(row("reviewer.open_workbook, same file", ours_csv, bare_csv))
    # A claims workbook and a sources workbook, opened together: read side by side.
    second = OUT / "claims-10000.xlsx"
    if not second.exists():
        write_claims_xlsx(second, 10_000)
    apart = measure(f"reviewer.open_workbook({str(xlsx)!r}); reviewer.open_workbook({str(second)!r})",
                    setup=WARM)
    together = measure(f"reviewer.open_workbook({str(xlsx)!r}, {str(second)!r})", setup=WARM)
    print(row("two workbooks (100k + 10k rows), one after the other", apart))
    print(row("the same two, opened together", together, apart))
    bomb = OUT / "bomb.xlsx"
    if not bomb.exists():
        write_claims_xlsx(bomb, 10)
        chunk = b"0" * (16 * 1024 * 1024)
        with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
                archive.open("xl/worksheets/sheet9.xml", "w", force_zip64=True) as part:
            for _ in range(64):
                part.write(chunk)
    import reviewer

    start = time.perf_counter()
    try:
        reviewer.open_workbook(bomb)
    except reviewer.LoadError as error:
        print(f"1 GiB decompression bomb refused in {(time.perf_counter() - start) * 1000:.1f} ms: {error}")
    for cell in _single_cells():
        start = time.perf_counter()
        try:
            book = reviewer.open_workbook(cell)
            outcome = f"opened, {len(book.warnings)} warning(s)"
        except reviewer.LoadError as error:
            outcome = f"refused: {error}"
        print(f"50 MB single cell ({cell.suffix}) in {time.perf_counter() - start:.2f} s: {outcome[:160]}")


def _single_cells() -> list[Path]:
    """A CSV and an xlsx whose one cell holds 50 MB of text that does not compress away."""
    import random

    text = "".join(random.Random(5).choices("abcdefghijklmnopqrstuvwxyz ", k=50_000_000))
    csv_cell = OUT / "cell-50mb.csv"
    if not csv_cell.exists():
        csv_cell.write_text(text, encoding="utf-8")
    xlsx_cell = OUT / "cell-50mb.xlsx"
    if not xlsx_cell.exists():
        write_claims_xlsx(xlsx_cell, 2)
        sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                 f'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is>'
                 '</c></row></sheetData></worksheet>')
        rebuilt = OUT / "cell-50mb.tmp"
        with zipfile.ZipFile(xlsx_cell) as old, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                new.writestr(info.filename, sheet if info.filename.endswith("sheet1.xml") else old.read(info))
        rebuilt.replace(xlsx_cell)
    return [csv_cell, xlsx_cell]


if __name__ == "__main__":
    main()
