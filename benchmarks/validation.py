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
    """Each size twice: cards with the basic fields, and cards that also fill every depth
    field (a spec for the card and a variant, compute, hardware, three results)."""
    rows = []
    for size in sizes:
        for depth in (False, True):
            rows.append(_measure(size, depth, repeats))
    return rows


def _measure(size: int, depth: bool, repeats: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_catalog(Path(tmp) / "catalog", size, depth=depth)
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
    return {
        "depth": float(depth),
        "cards": cards,
        "seconds": took,
        "cards_per_s": cards / took,
        "yaml_only_cards_per_s": cards / baseline,
        "ratio_to_yaml_only": took / baseline,
    }


def report(rows: list[dict[str, float]], markdown: bool = True) -> str:
    lines = [
        "Validation (read, parse, validate and cross-check every card, plus the garbage "
        "collector's catch-up afterwards), median of 3. Baseline in the same run: PyYAML's C "
        "loader alone on the same files (no positions, no checks).",
        "",
        "| cards | model cards carry | seconds | cards/s | C loader alone, cards/s "
        "| time x C loader |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        carry = "spec, compute, hardware, results" if r["depth"] else "basic fields"
        lines.append(
            f"| {r['cards']:,.0f} | {carry} | {r['seconds']:.2f} | {r['cards_per_s']:,.0f} | "
            f"{r['yaml_only_cards_per_s']:,.0f} | {r['ratio_to_yaml_only']:.2f} |"
        )
    return "\n".join(lines)
