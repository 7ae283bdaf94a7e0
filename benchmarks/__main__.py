"""Run the benchmarks and print their tables: `python -m benchmarks [validation]`."""

from __future__ import annotations

import sys

from . import validation

SUITES = {"validation": lambda: print(validation.report(validation.run()))}

if __name__ == "__main__":
    wanted = sys.argv[1:] or list(SUITES)
    for name in wanted:
        if name not in SUITES:
            sys.exit(f"unknown benchmark '{name}'; choose from {', '.join(SUITES)}")
        SUITES[name]()
