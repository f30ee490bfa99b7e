"""Time `djrh serve` on the synthetic tree: start-up, the first page, a record's page and a save.

    python benchmarks/bench_serve.py [--runs 5] [--saves 100] [--scale 1] [--no-meetings] [--tree DIR] [--commit]

The server runs as a user runs it (`python -m djrh serve`, a process of its own) on a copy of the
tree made by benchmarks/generate.py, so that the saves leave the original untouched. Figures are
wall times seen by an HTTP client on the same machine:

  ready          process start -> the address is printed
  first page     process start -> the dashboard received in full
                 - at the first start after `djrh check`: the tree read and checked, this year's report
                   made, before the address is printed;
                 - at a later start, nothing changed: the dashboard that start made, stored
                   (serve/firstpage.py), while the tree is read behind it (median of --runs starts)
  record page    GET /record/<id>, a different theme day each time
  save           POST of a changed field -> 303 -> GET of the record page: the round trip a person
                 waits for (the file written through the write path, the record checked again)
  dashboard      the next dashboard after a save (the whole tree checked again, the report remade)
  --commit       the save again, with one git commit per save (the copy made a git repository first)

Medians (and the 90th percentile of the saves). The cache is warm (a `djrh check` first), as it is
for anyone who has run djrh on the tree before.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

HERE = Path(__file__).resolve().parent


RUNNING: list[Served] = []  # stopped whatever happens (main's finally)


class Served:
    def __init__(self, tree: Path, *args: str) -> None:
        RUNNING.append(self)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "djrh", "serve", "--root", str(tree), "--port", "0", "--no-browser", *args],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        self.url = self.process.stdout.readline().decode().strip().rstrip("/")
        self.ready = time.perf_counter() - self.started
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=120) as response:
            return response.read().decode("utf-8")

    def post(self, path: str, fields: list[tuple[str, str]]) -> str:
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(urllib.request.Request(self.url + path, data=data), timeout=120) as response:
            return response.read().decode("utf-8")  # the redirect is followed: the record page after the save

    def cpu(self) -> float | None:
        """Processor seconds the server has used so far (all its threads; Linux only): a figure that
        other load on the machine does not inflate as it does wall time."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    value = call()
    return time.perf_counter() - start, value


def save(served: Served, record: str, number: int) -> float:
    """Save the record with attendance.present changed (to `number`, or the next value if it has it)."""
    page = served.get(f"/record/{record}")
    current = re.search(r'name="attendance.present" id="[^"]+" value="(\d*)"', page)
    if current and current[1] == str(number):
        number += 1
    csrf = re.search(r'name="_csrf" value="([0-9a-f]+)"', page)[1]
    base = re.search(r'name="_base" value="([0-9a-f]+)"', page)[1]
    fields = [("_csrf", csrf), ("_base", base), ("_fields", "attendance.present"), ("attendance.present", str(number))]
    seconds, answer = timed(lambda: served.post(f"/record/{record}", fields))
    if "saved=" not in answer and "已保存" not in answer:
        raise RuntimeError(f"the save of {record} failed: {re.findall(r'class=.notice[^>]*>(.*?)<', answer)}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--saves", type=int, default=100)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--tree", type=Path, default=None)
    parser.add_argument("--no-meetings", action="store_true", help="the tree of theme days and registry only (12,245 records)")
    parser.add_argument("--commit", action="store_true", help="also time saves with --commit (makes the copy a git repository)")
    args = parser.parse_args()
    source = args.tree or HERE / "out" / f"tree-x{args.scale}{'-no-meetings' if args.no_meetings else ''}"
    if not (source / "djrh.yaml").exists():
        extra = ["--no-meetings"] if args.no_meetings else []
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(source), "--scale", str(args.scale), *extra], check=True)
    work = Path(tempfile.mkdtemp(prefix="djrh-bench-serve-"))
    tree = work / "tree"
    shutil.copytree(source, tree)
    copied = time.time()
    # Files two seconds old before the check: a cache entry (like a stored page) is trusted by its
    # stamps only for a file older than the clock's tick before it was written. Checked at once after
    # the copy, every entry is too recent, and the first start reads all 12,000 files again to
    # compare them and rewrites the whole cache: that is the first start after a checkout or a copy,
    # not after `djrh check` (until 2026-12-02 this script measured that one).
    time.sleep(max(0.0, copied + 2.5 - time.time()))
    subprocess.run([sys.executable, "-m", "djrh", "check", "--root", str(tree), "--format", "json"], stdout=subprocess.DEVNULL, check=False)
    records = sorted(p.stem for p in (tree / "themedays").rglob("*.yaml"))
    rows: list[tuple[str, str]] = []
    try:
        served = Served(tree)  # no page stored yet: the tree is read first (and this start stores its page)
        seconds, _ = timed(lambda: served.get("/"))
        cpu = served.cpu()
        rows.append(("first start: ready (address printed)", f"{served.ready:.2f} s"))
        rows.append(("first start: first page (dashboard received)", f"{served.ready + seconds:.2f} s"))
        if cpu is not None:
            rows.append(("first start: server CPU until the first page", f"{cpu:.2f} s"))
        time.sleep(1)  # the page is stored after it is sent
        served.stop()
        ready, first, cpus = [], [], []
        for _ in range(args.runs):
            served = Served(tree)
            seconds, _ = timed(lambda: served.get("/"))
            cpus.append(served.cpu())
            ready.append(served.ready)
            first.append(served.ready + seconds)
            served.stop()
        rows.append(("later start: ready (address printed)", f"{statistics.median(ready):.2f} s"))
        rows.append(("later start: first page (dashboard received)", f"{statistics.median(first):.2f} s"))
        rows.append(("later start: first page, slowest", f"{max(first):.2f} s"))
        if None not in cpus:
            rows.append(("later start: server CPU until the first page", f"{statistics.median(cpus):.2f} s"))

        served = Served(tree)
        served.get("/")
        time.sleep(2)  # the write path loads in the background after the first page
        pages = [timed(lambda r=r: served.get(f"/record/{r}"))[0] for r in records[: args.saves]]
        rows.append(("record page", f"{statistics.median(pages) * 1000:.0f} ms"))
        saves = [save(served, record, 1 + i % 30) for i, record in enumerate(records[args.saves : 2 * args.saves])]
        rows.append(("save round trip (median)", f"{statistics.median(saves) * 1000:.0f} ms"))
        rows.append(("save round trip (90th percentile)", f"{statistics.quantiles(saves, n=10)[-1] * 1000:.0f} ms"))
        after = []
        for i in range(args.runs):
            save(served, records[i], 31)
            after.append(timed(lambda: served.get("/"))[0])
        rows.append(("dashboard after a save", f"{statistics.median(after):.2f} s"))
        rows.append(("dashboard, nothing changed", f"{statistics.median([timed(lambda: served.get('/'))[0] for _ in range(args.runs)]):.2f} s"))
        served.stop()

        if args.commit:
            git = ["git", "-C", str(tree)]
            subprocess.run([*git, "init", "-q"], check=True)
            subprocess.run([*git, "config", "user.name", "bench"], check=True)
            subprocess.run([*git, "config", "user.email", "bench@example.org"], check=True)
            subprocess.run([*git, "add", "-A"], check=True)
            subprocess.run([*git, "commit", "-qm", "tree"], check=True)
            served = Served(tree, "--commit")
            served.get("/")
            time.sleep(2)
            committed = [save(served, record, 2 + i % 30) for i, record in enumerate(records[: max(10, args.saves // 5)])]
            rows.append(("save round trip with --commit (median)", f"{statistics.median(committed) * 1000:.0f} ms"))
            served.stop()
    finally:
        for served in RUNNING:
            served.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"tree: {source} ({len(records)} theme days), {args.runs} runs, {args.saves} saves, {os.cpu_count()} cpus, "
          f"load average {os.getloadavg()[0]:.1f}")
    for label, value in rows:
        print(f"  {label:46s} {value:>8s}")


if __name__ == "__main__":
    main()
