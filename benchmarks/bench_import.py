"""How long `djrh import` takes on a large ledger (台账), and how fast the two xlsx readers are.

`python benchmarks/bench_import.py [--rows N] [--runs R]` writes a ledger of N theme days
(benchmarks/ledger.py: a title row, a merged two-level header, 4 branches) and a tree with the
branch registry, then times, as whole processes (the median of R runs):
- `djrh import LEDGER --dry-run`: reading, checking and planning every row;
- `djrh import LEDGER` into a fresh tree: the same, writing every record and re-checking them;
- reading the sheet alone with openpyxl (what djrh uses) and with python-calamine, when it is
  importable (`--calamine DIR` adds a folder holding it to the path), to decide between them.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ledger import registry, theme_day_ledger  # noqa: E402


def timed(args: list[str], runs: int, before=None) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(done.stderr.decode())
    return statistics.median(times)


def read_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    return sum(1 for sheet in book.worksheets for _ in sheet.iter_rows(values_only=True))


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)


def in_process(read, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--calamine", help="a folder holding python-calamine (pip install --target DIR python-calamine)")
    options = parser.parse_args()
    if options.calamine:
        sys.path.insert(0, options.calamine)
    work = Path(tempfile.mkdtemp(prefix="djrh-import-"))
    ledger = work / "主题党日台账.xlsx"
    theme_day_ledger(ledger, options.rows)
    registry(work / "支部名册.xlsx")
    djrh = [sys.executable, "-m", "djrh"]
    base = work / "base"
    subprocess.run([*djrh, "init", str(base)], capture_output=True, check=True)
    subprocess.run([*djrh, "import", str(work / "支部名册.xlsx"), "--root", str(base)], capture_output=True, check=True)
    target = work / "tree"

    def fresh() -> None:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(base, target)

    print(f"{options.rows} rows, {ledger.stat().st_size / 1024:.0f} KiB, median of {options.runs}:")
    dry = timed([*djrh, "import", str(ledger), "--dry-run", "--root", str(base)], options.runs)
    print(f"  djrh import --dry-run          {dry:6.2f} s")
    full = timed([*djrh, "import", str(ledger), "--root", str(target)], options.runs, before=fresh)
    print(f"  djrh import (writes {options.rows} records) {full:6.2f} s")
    print(f"  read with openpyxl             {in_process(read_openpyxl, ledger, options.runs):6.2f} s")
    try:
        print(f"  read with python-calamine      {in_process(read_calamine, ledger, options.runs):6.2f} s")
    except ImportError:
        print("  python-calamine: not installed (--calamine DIR)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
