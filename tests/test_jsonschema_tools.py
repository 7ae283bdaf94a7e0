"""The generated JSON Schemas, judged by check-jsonschema (the engine editors' YAML support and
CI tools use): every card the validator accepts passes, and every bad card whose problem needs
no other card is refused."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cardfactory import CORPUS, REPO

from llmcatalog.schema import KIND_FOLDERS

SCHEMAS = REPO / "catalog" / "schema"
BAD = CORPUS / "bad"
# Problems a schema cannot see: they need other cards, other fields' values, today's date,
# the file's name, arithmetic, or YAML 1.1 (editors read YAML 1.2, where `no` is text and
# merge keys are resolved).
NEEDS_THE_VALIDATOR = {
    "models/active-exceeds-total.yaml": "compares two fields",
    "models/compute-far-from-6nd.yaml": "a warning from three fields",
    "models/cycle-a.yaml": "lineage across cards",
    "models/cycle-b.yaml": "lineage across cards",
    "models/duplicate-source-url.yaml": "compares items' fields",
    "models/future-date.yaml": "needs today's date",
    "models/id-mismatch.yaml": "needs the file name",
    "models/merge-key.yaml": "YAML-level (merge keys)",
    "models/objective-category.yaml": "needs the technique card",
    "models/released-before-parent.yaml": "needs the parent card",
    "models/result-out-of-range.yaml": "needs the benchmark card",
    "models/result-unknown-benchmark.yaml": "needs the benchmark cards",
    "models/self-derived.yaml": "compares two fields",
    "models/spec-head-dim.yaml": "arithmetic",
    "models/spec-kv-heads.yaml": "arithmetic",
    "models/spec-routed-experts.yaml": "compares two fields",
    "models/spec-unknown-source.yaml": "needs the card's source keys",
    "models/unknown-reference.yaml": "needs the other cards",
    "models/unknown-source-key.yaml": "needs the card's source keys",
    "models/variant-spec-kv-heads.yaml": "arithmetic",
    "models/wrong-extension.yml": "needs the file name",
    "models/yaml-boolean-name.yaml": "YAML 1.1 booleans",
}
# Valid cards the bad corpus holds so that others can refer to them.
VALID = {
    "benchmarks/quiz.yaml",
    "organizations/acme.yaml",
    "techniques/loop-a.yaml",
    "techniques/loop-b.yaml",
    "techniques/rope.yaml",
}


def check(kind: str, files: list[Path], *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(SCHEMAS / f"{kind}.schema.json"),
            *options,
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("kind", list(KIND_FOLDERS))
def test_every_catalog_card_passes_its_schema(kind: str) -> None:
    files = sorted((REPO / "catalog" / KIND_FOLDERS[kind]).glob("*.yaml"))
    assert files
    done = check(kind, files)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def _kind_of(rel: str) -> str:
    folder = rel.split("/")[0]
    return next(kind for kind, name in KIND_FOLDERS.items() if name == folder)


# check-jsonschema turns every alias into a copy of its value before it validates: on the
# alias bomb (9**9 items) that takes minutes. The schema's verdict does not depend on the depth
# (it refuses the card for its unknown keys), so the tool is given the card cut to its first two
# anchors; our own reader refuses the whole file at its first anchor (test_bad_corpus).
TRIMMED = {"models/alias-bomb.yaml": 2}


def _as_the_tool_reads_it(rel: str, folder: Path) -> Path:
    keep = TRIMMED.get(rel)
    if keep is None:
        return BAD / rel
    lines = (BAD / rel).read_text(encoding="utf-8").splitlines(keepends=True)
    anchors = [n for n, line in enumerate(lines) if re.match(r"\w+: &", line)]
    assert len(anchors) > keep, f"{rel} no longer has the anchors this cut expects"
    copy = folder / rel
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text("".join(lines[: anchors[keep]]), encoding="utf-8")
    return copy


BAD_FILES = sorted(p.relative_to(BAD).as_posix() for p in BAD.rglob("*.y*ml"))


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bool]:
    """Whether check-jsonschema refuses each bad card: one run of the tool per kind (each run
    pays the tool's start-up), read from its JSON report."""
    folder = tmp_path_factory.mktemp("as-read")
    verdicts: dict[str, bool] = {}
    for kind in sorted({_kind_of(rel) for rel in BAD_FILES}):
        files = {
            str(_as_the_tool_reads_it(rel, folder)): rel
            for rel in BAD_FILES
            if _kind_of(rel) == kind
        }
        done = check(kind, list(map(Path, files)), "--output-format", "json")
        report = json.loads(done.stdout)
        named = {item["filename"] for item in report["errors"] + report["parse_errors"]}
        assert named <= set(files), f"the report names files it was not given: {named - set(files)}"
        assert (done.returncode == 0) == (not named), done.stdout[-2000:] + done.stderr[-2000:]
        verdicts.update((rel, path in named) for path, rel in files.items())
    return verdicts


@pytest.mark.parametrize("rel", BAD_FILES)
def test_bad_cards_are_refused_unless_only_the_validator_can_tell(
    rel: str, refused: dict[str, bool]
) -> None:
    if rel in VALID or rel in NEEDS_THE_VALIDATOR:
        assert not refused[rel], f"{rel} is refused now: move it out of the allowance"
    else:
        assert refused[rel], f"the schema accepts {rel}"


def test_one_run_for_many_files_gives_each_file_its_own_verdict(tmp_path: Path) -> None:
    """The shared run above must not let one file's errors stand for another's."""
    good = BAD / "organizations" / "acme.yaml"
    bad = tmp_path / "acme-bad.yaml"
    bad.write_text(good.read_text(encoding="utf-8") + "unexpected: 1\n", encoding="utf-8")
    done = check("organization", [good, bad], "--output-format", "json")
    report = json.loads(done.stdout)
    assert {item["filename"] for item in report["errors"]} == {str(bad)}


def test_the_card_reference_examples_pass(tmp_path: Path) -> None:
    """The examples contributors copy from the docs must be valid for their editors too."""
    page = (REPO / "docs" / "contributing" / "card-reference.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", page, re.S)
    kinds = 0
    for block in blocks:
        found = re.search(r"\$schema=\.\./schema/(\w+)\.schema\.json", block)
        if not found:
            continue
        kinds += 1
        path = tmp_path / f"example-{kinds}.yaml"
        path.write_text(block, encoding="utf-8")
        done = check(found.group(1), [path])
        assert done.returncode == 0, done.stdout[-2000:]
    assert kinds >= 4
