"""Validation throughput: read, parse, validate and cross-check N generated cards."""

from __future__ import annotations

import gc
import tempfile
import time
from pathlib import Path

import yaml

from llmcatalog.catalog import load_catalog

from .synthetic import write_catalog


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def run(sizes: tuple[int, ...] = (1_000, 10_000), repeats: int = 3) -> list[dict[str, float]]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = write_catalog(Path(tmp) / "catalog", size)
            files = sorted(root.rglob("*.yaml"))
            texts = [f.read_bytes() for f in files]
            timings = []
            catalog = None
            for _ in range(repeats):
                catalog = None  # freeing the previous catalog is not this run's work
                gc.collect()
                start = time.perf_counter()
                catalog = load_catalog(root)
                # Loading pauses the cyclic garbage collector; its catch-up on what loading
                # allocated is part of the cost, so it is timed too.
                gc.collect()
                timings.append(time.perf_counter() - start)
            assert catalog is not None
            assert not catalog.problems, catalog.problems[:3]
            # Baseline in the same run: PyYAML's C loader alone (no positions, no validation).
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            start = time.perf_counter()
            for raw in texts:
                yaml.load(raw, Loader=loader)
            baseline = time.perf_counter() - start
            cards = len(files)
            took = _median(timings)
            rows.append(
                {
                    "cards": cards,
                    "seconds": took,
                    "cards_per_s": cards / took,
                    "yaml_only_cards_per_s": cards / baseline,
                    "ratio_to_yaml_only": took / baseline,
                }
            )
    return rows


def report(rows: list[dict[str, float]], markdown: bool = True) -> str:
    lines = [
        "Validation (read, parse, validate and cross-check every card, plus the garbage "
        "collector's catch-up afterwards), median of 3. Baseline in the same run: PyYAML's C "
        "loader alone on the same files (no positions, no checks).",
        "",
        "| cards | seconds | cards/s | C loader alone, cards/s | time x C loader |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['cards']:,.0f} | {r['seconds']:.2f} | {r['cards_per_s']:,.0f} | "
            f"{r['yaml_only_cards_per_s']:,.0f} | {r['ratio_to_yaml_only']:.2f} |"
        )
    return "\n".join(lines)
