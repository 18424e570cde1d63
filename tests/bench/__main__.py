"""`make bench`: runs every benchmark module in this folder and prints its figures.

Benchmarks measure the speed and memory targets; they are never run as timed tests.
`python -m tests.bench knowledge` runs only the modules whose name contains "knowledge".
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import sys
from pathlib import Path


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {cpu}, {memory:.0f} GiB, Python {platform.python_version()}"


def main(argv: list[str]) -> None:
    wanted = argv[1:]
    print(f"machine: {machine()}")
    here = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda i: i.name):
        if not info.name.startswith("bench_") or (wanted and not any(w in info.name for w in wanted)):
            continue
        print(f"\n== {info.name}")
        importlib.import_module(f"tests.bench.{info.name}").main()


if __name__ == "__main__":
    main(sys.argv)
