"""Run the benchmarks and print their tables.

python -m benchmarks                      # everything, at 100, 1,000 and 10,000 cards
python -m benchmarks validation           # validation throughput only
python -m benchmarks build 100 1000       # site builds at the given sizes
"""

from __future__ import annotations

import sys

from . import build, validation


def main(argv: list[str]) -> None:
    suite = argv[0] if argv else "all"
    sizes = tuple(int(a.replace(",", "").replace("_", "")) for a in argv[1:])
    if suite not in {"all", "validation", "build"}:
        sys.exit(f"unknown benchmark '{suite}'; choose validation or build")
    if suite in {"all", "validation"}:
        print(validation.report(validation.run(sizes or (1_000, 10_000))))
        print()
    if suite in {"all", "build"}:
        print(build.report(build.run(sizes or (100, 1_000, 10_000))))


if __name__ == "__main__":
    main(sys.argv[1:])
