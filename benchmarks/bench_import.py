"""Registry imports of the files that broke them (issue 14): time and peak memory.

Run: `uv run python -m benchmarks import`.

Writes the workbook bombs and the 50,000-employee CSV (benchmarks/import_files.py) and a demo
database, then runs `pantau import employees FILE --agency kab-ketapang` on each, each in its
own process (so each peak resident memory is its own), and `--commit` of the 50,000 rows
twice (created, then unchanged). The baseline, measured in the same run: the same process
reading the 50,000-row CSV with the bare `csv` module and doing nothing else (start-up,
Django and a parse: what any import costs at least).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.import_files import write_all

_CHILD = """
import json, resource, sys, time
started = time.perf_counter()
code = 0
if sys.argv[1] == "baseline":
    import csv, io, django
    django.setup()
    rows = sum(1 for _ in csv.reader(io.StringIO(open(sys.argv[2], encoding="utf-8").read()),
                                    delimiter=";"))
else:
    from pantau.cli import main
    try:
        main(sys.argv[1:], standalone_mode=False)
    except SystemExit as stop:
        code = stop.code or 0
    except Exception as error:
        code = type(error).__name__
print(json.dumps({"seconds": time.perf_counter() - started, "exit": code,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}),
      file=sys.stderr)
"""


def measure(args: list[str], env: dict[str, str], folder: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], env=env, cwd=folder,
                          capture_output=True, text=True, timeout=1800, check=False)
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "{}"
    try:
        found: dict[str, object] = json.loads(last)
    except ValueError:
        found = {"seconds": float("nan"), "exit": done.returncode, "peak_mb": float("nan")}
    found["said"] = next((line for line in done.stdout.splitlines() if "GALAT" in line
                          or "baru" in line), "")[:110]
    return found


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        xfd, rows, big = write_all(folder)
        env = {**os.environ, "PANTAU_DATABASE_URL": f"sqlite:///{folder / 'import.sqlite3'}",
               "DJANGO_SETTINGS_MODULE": "pantau.web.settings"}
        pantau = str(Path(sys.executable).with_name("pantau"))
        subprocess.run([pantau, "demo", "--no-serve"], env=env, cwd=folder, check=True,
                       capture_output=True)
        base = measure(["baseline", str(big)], env, folder)
        runs = [
            ("baseline: csv.reader of the 50,000-row CSV", base),
            ("bomb-xfd.xlsx (20,000 rows, a cell in XFD)",
             measure(["import", "employees", str(xfd), "--agency", "kab-ketapang"], env, folder)),
            ("bomb-rows.xlsx (1,000,000 rows)",
             measure(["import", "employees", str(rows), "--agency", "kab-ketapang"], env, folder)),
            ("pegawai-50000.csv preview",
             measure(["import", "employees", str(big), "--agency", "kab-ketapang"], env, folder)),
            ("pegawai-50000.csv --commit (created)",
             measure(["import", "employees", str(big), "--agency", "kab-ketapang", "--commit"],
                     env, folder)),
            ("pegawai-50000.csv --commit (unchanged)",
             measure(["import", "employees", str(big), "--agency", "kab-ketapang", "--commit"],
                     env, folder)),
        ]
        print(f"{'run':<46}{'seconds':>9}{'x base':>8}{'peak MB':>9}{'x base':>8}  exit  said")
        for label, found in runs:
            seconds, peak = float(str(found["seconds"])), float(str(found["peak_mb"]))
            print(f"{label:<46}{seconds:>9.2f}{seconds / float(str(base['seconds'])):>8.1f}"
                  f"{peak:>9.0f}{peak / float(str(base['peak_mb'])):>8.1f}  {found['exit']!s:>4}"
                  f"  {found['said']}")


if __name__ == "__main__":
    main(sys.argv[1:])
