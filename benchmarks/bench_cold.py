"""Time a cold `djrh check` against the floor, on both tree shapes, in one run.

    python benchmarks/bench_cold.py [--runs 5] [--scale 1] [--shape records|small|both]

The floor is what any tool must pay to read a tree: a fresh Python process that walks the tree and
loads every record with PyYAML's C loader (`yaml.load(..., Loader=CSafeLoader)`), nothing else.
For each shape, each run takes in turn:

  floor            the bare libyaml parse, in one process
  cold, 1 process  djrh check --no-cache --format json            (the default: one process)
  cold, pool       djrh check --no-cache --format json --jobs N   (N = the cores)

and a figure is the median of the runs; its ratio is the median of the ratios of each run to the
floor of the same run (paired, so that the load of a shared machine moves both alike). Peak memory is
the maximum resident set of the process, read from wait4's resource usage (for the pool: of the
largest of the parent and its workers). Only public tools: time.perf_counter, subprocess, os.wait4.

The shapes (benchmarks/generate.py, deterministic, written under benchmarks/out/ if not there):
  records  12,245 records of about 1 KB (theme days and the registry: `--no-meetings`)
  small    12,223 records of about 0.5 KB (one year of theme days and meetings: `--small`)
`--scale 10` builds both ten times larger (122,405 and 122,023 records).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

from bench_check import FLOOR  # noqa: E402 - the same floor as bench_check.py (its folder is on sys.path)

SHAPES = {"records": ("no-meetings", "--no-meetings"), "small": ("small", "--small")}


def run(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak resident set (KB, of the process or the largest child it waited for)
    and standard output of a whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{command} failed ({code})")
    return elapsed, usage.ru_maxrss, out.decode()


def tree_of(shape: str, scale: int) -> Path:
    suffix, flag = SHAPES[shape]
    tree = HERE / "out" / f"tree-x{scale}-{suffix}"
    if not (tree / "djrh.yaml").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(tree), "--scale", str(scale), flag], check=True)
    return tree


def bench(tree: Path, runs: int, jobs: int) -> tuple[int, list[tuple[str, float, float, int]]]:
    python = sys.executable
    check = [python, "-m", "djrh", "check", "--root", str(tree), "--as-of", "2026-11-22", "--format", "json", "--no-cache"]
    commands = {
        "floor: CSafeLoader, every file": [python, "-c", FLOOR, str(tree)],
        "cold, 1 process (default)": [*check, "--jobs", "1"],
    }
    if jobs > 1:
        commands[f"cold, pool (--jobs {jobs})"] = [*check, "--jobs", str(jobs)]
    records = int(run(commands["floor: CSafeLoader, every file"])[2].strip())  # also warms the page cache
    for command in list(commands.values())[1:]:
        run(command)  # warm-up: imports compiled, files in the page cache
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = {name: 0 for name in commands}
    ratios: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        taken = {}
        for name, command in commands.items():
            elapsed, peak, _ = run(command)
            taken[name] = elapsed
            seconds[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
        floor = taken["floor: CSafeLoader, every file"]
        for name in commands:
            ratios[name].append(taken[name] / floor)
    rows = [(name, statistics.median(seconds[name]), statistics.median(ratios[name]), peaks[name]) for name in commands]
    return records, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="10 builds the 122,000-record trees")
    parser.add_argument("--shape", choices=("records", "small", "both"), default="both")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes of the pool (default: the cores)")
    args = parser.parse_args()
    shapes = ("records", "small") if args.shape == "both" else (args.shape,)
    print(f"{os.cpu_count()} cpus, {args.runs} runs each, medians; ratios paired with the floor of the same run")
    for shape in shapes:
        tree = tree_of(shape, args.scale)
        records, rows = bench(tree, args.runs, args.jobs)
        print(f"\n{shape}: {tree} ({records} records)")
        for name, seconds, ratio, peak in rows:
            print(f"  {name:34s} {seconds:7.2f} s  {ratio:5.2f}x floor  peak {peak / 1024:5.0f} MB")


if __name__ == "__main__":
    main()
