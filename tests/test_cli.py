"""The `llmcatalog` command as a contributor meets it."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cardfactory import CATALOG, commit_all, model_text, write_card

from llmcatalog.commands.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean_catalog_exits_zero(tiny_catalog: Path, capsys) -> None:
    code, out, err = run(capsys, "--catalog", str(tiny_catalog), "validate")
    assert code == 0
    assert out == ""
    assert "0 error(s)" in err


def test_validate_reports_every_problem_with_location(tiny_catalog: Path, capsys) -> None:
    write_card(
        tiny_catalog, "model", "broken", model_text("broken").replace("7B", "7Q") + "paramters: 1\n"
    )
    write_card(tiny_catalog, "model", "other", model_text("other").replace("[acme]", "[acne]"))
    code, out, _ = run(capsys, "--catalog", str(tiny_catalog), "validate")
    assert code == 1
    lines = out.splitlines()
    assert any(
        line.endswith(
            "broken.yaml:6:13: parameters: '7Q' is not a count; write a number with an optional K, M, B or T suffix, such as 117M, 70B or 1.5T"
        )
        for line in lines
    )
    assert any(
        "broken.yaml:13:1: paramters: unknown field 'paramters'; did you mean 'parameters'?" in line
        for line in lines
    )
    assert any(
        "other.yaml:3:17: organizations[0]: unknown organization 'acne'; did you mean 'acme'?"
        in line
        for line in lines
    )


def test_validate_paths_limits_the_report(tiny_catalog: Path, capsys) -> None:
    write_card(tiny_catalog, "model", "broken", model_text("broken").replace("7B", "7Q"))
    good = tiny_catalog / "models" / "base.yaml"
    code, out, _ = run(capsys, "validate", str(good))
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "validate", str(tiny_catalog / "models" / "broken.yaml"))
    assert code == 1
    assert "7Q" in out


def test_validate_json_format(tiny_catalog: Path, capsys) -> None:
    write_card(
        tiny_catalog, "model", "broken", model_text("broken").replace("2020-05-01", "2020-13")
    )
    code, out, _ = run(capsys, "--catalog", str(tiny_catalog), "validate", "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["errors"] == 1
    (problem,) = report["problems"]
    assert problem["field"] == "released"
    assert problem["line"] == 4
    assert problem["message"] == "month 13 does not exist"


def test_new_writes_a_template_that_fails_until_filled(tiny_catalog: Path, capsys) -> None:
    code, out, _ = run(capsys, "--catalog", str(tiny_catalog), "new", "model", "base-2")
    assert code == 0
    path = Path(out.strip())
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/model.schema.json")
    # Inferred from the existing `base` card: its lab.
    assert "organizations: [acme]" in text
    code, out, _ = run(capsys, "--catalog", str(tiny_catalog), "validate")
    assert code == 1
    assert "still TODO" in out
    filled = (
        text.replace("name: TODO", "name: Base 2")
        .replace("released: TODO", "released: 2022-01")
        .replace("parameters: TODO", "parameters: 13B")
        .replace("summary: TODO", "summary: The second base model.")
        .replace("title: TODO", "title: Paper")
        .replace("url: TODO", "url: https://example.org/base-2")
        .replace("architecture: TODO", "architecture: decoder-only")
        .replace("objectives: [TODO]", "objectives: [causal-lm]")
        .replace("weights: TODO", "weights: open")
        .replace("kind: TODO", "kind: paper")
    )
    path.write_text(filled)
    code, out, _err = run(capsys, "--catalog", str(tiny_catalog), "validate")
    assert code == 0, out


def test_new_refuses_to_overwrite(tiny_catalog: Path, capsys) -> None:
    before = (tiny_catalog / "models" / "base.yaml").read_text()
    code, _, err = run(capsys, "--catalog", str(tiny_catalog), "new", "model", "base")
    assert code == 1
    assert "already exists" in err
    assert (tiny_catalog / "models" / "base.yaml").read_text() == before


def test_new_rejects_bad_ids_and_unknown_orgs(tiny_catalog: Path, capsys) -> None:
    assert run(capsys, "--catalog", str(tiny_catalog), "new", "model", "Bad_Id")[0] == 2
    code, _, err = run(
        capsys, "--catalog", str(tiny_catalog), "new", "model", "x", "--org", "acmee"
    )
    assert code == 2
    assert "did you mean 'acme'" in err


def test_every_kind_has_a_template_that_validates_once_filled(tmp_path: Path) -> None:
    from llmcatalog.commands.templates import render_template
    from llmcatalog.reading.loader import load_bytes
    from llmcatalog.schema import KINDS

    fills = {
        "    kind: TODO": "    kind: paper",
        "kind: TODO": "kind: industry",
        "category: TODO": "category: knowledge",
        "country: TODO": "country: US",
        "url: TODO": "url: https://example.org/x",
        "introduced: TODO": "introduced: 2020",
        "released: TODO": "released: 2020",
        "parameters: TODO": "parameters: 1B",
        "architecture: TODO": "architecture: decoder-only",
        "weights: TODO": "weights: open",
        "objectives: [TODO]": "objectives: []",
    }
    for kind in KINDS:
        text = render_template(kind, "x", organization="acme")
        card, problems = load_bytes(text.encode(), kind, tmp_path / "x.yaml", "x.yaml")
        assert card is None and problems
        for old, new in fills.items():
            text = text.replace(old, new)
        if kind == "technique":
            text = text.replace("category: knowledge", "category: attention")
        text = text.replace("TODO", "Filled in")
        card, problems = load_bytes(text.encode(), kind, tmp_path / "x.yaml", "x.yaml")
        assert problems == [] and card is not None, (kind, problems)


def test_schema_check_detects_stale_files(tmp_path: Path, capsys) -> None:
    out = tmp_path / "schema"
    assert run(capsys, "schema", "-o", str(out))[0] == 0
    assert run(capsys, "schema", "-o", str(out), "--check")[0] == 0
    (out / "model.schema.json").write_text("{}")
    code, _, err = run(capsys, "schema", "-o", str(out), "--check")
    assert code == 1
    assert "model.schema.json: stale" in err


def test_committed_schemas_are_current(capsys) -> None:
    code, _, err = run(capsys, "schema", "-o", str(CATALOG / "schema"), "--check")
    assert code == 0, err


def test_export_json_is_deterministic_and_integer(
    tiny_catalog: Path, capsys, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run(capsys, "--catalog", str(tiny_catalog), "export", "-o", str(a))[0] == 0
    assert run(capsys, "--catalog", str(tiny_catalog), "export", "-o", str(b))[0] == 0
    assert a.read_bytes() == b.read_bytes()
    data = json.loads(a.read_text())
    assert list(data) == ["models", "techniques", "organizations", "benchmarks", "datasets"]
    assert [m["id"] for m in data["models"]] == ["base", "child"]
    assert data["models"][0]["parameters"]["total"]["value"] == 7_000_000_000


def test_export_csv_per_kind(tiny_catalog: Path, capsys) -> None:
    code, out, _ = run(
        capsys, "--catalog", str(tiny_catalog), "export", "--format", "csv", "--kind", "model"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["base", "child"]
    assert rows[0]["parameters_total"] == "7000000000"
    # Lists are JSON arrays (the long table model_derived_from.csv has one row per edge).
    assert json.loads(rows[1]["derived_from"])[0] == {
        "model": "base",
        "relation": "fine-tune",
        "source": None,
        "note": None,
    }


def test_export_refuses_an_invalid_catalog(tiny_catalog: Path, capsys) -> None:
    write_card(tiny_catalog, "model", "broken", model_text("broken").replace("7B", "7Q"))
    code, _, err = run(capsys, "--catalog", str(tiny_catalog), "export")
    assert code == 1
    assert "7Q" in err


def test_stats_and_quality(tiny_catalog: Path, capsys) -> None:
    code, out, _ = run(capsys, "--catalog", str(tiny_catalog), "stats", "--quality")
    assert code == 0
    assert re.search(r"^  model +2$", out, re.M)
    assert "2020" in out and "2021" in out
    assert "Cards with a single source: 4" in out
    assert "child <- base" in out


def test_help_on_every_command(capsys) -> None:
    for command in ["validate", "new", "schema", "export", "stats", "diff"]:
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        assert exc.value.code == 0
        assert "usage: llmcatalog" in capsys.readouterr().out


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "llmcatalog"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("llmcatalog ")


def test_diff_between_revisions(tiny_catalog: Path, capsys) -> None:
    repo = tiny_catalog.parent
    commit_all(repo, "one")
    base = tiny_catalog / "models" / "base.yaml"
    base.write_text(base.read_text().replace("parameters: 7B", "parameters: 8B"))
    write_card(
        tiny_catalog,
        "model",
        "third",
        model_text(
            "third",
            released="2022",
            extra="derived_from:\n  - {model: child, relation: distillation}\n",
        ),
    )
    (tiny_catalog / "models" / "child.yaml").unlink()
    code, out, _ = run(capsys, "--catalog", str(tiny_catalog), "diff", "HEAD")
    assert code == 0
    assert "model third: Model third" in out
    assert "model child: Model child" in out.split("Removed")[1]
    assert "parameters.total.value: 7000000000 -> 8000000000" in out
    assert "third <- child (distillation)" in out
    code, out, _ = run(capsys, "--catalog", str(tiny_catalog), "diff", "nonexistent-rev")
    assert code == 2


def test_csv_cells_cannot_become_spreadsheet_formulas(tiny_catalog: Path, capsys) -> None:
    card = tiny_catalog / "models" / "base.yaml"
    card.write_text(
        card.read_text().replace(
            "summary: A test model.", "summary: '=HYPERLINK(\"https://evil\")'"
        )
    )
    code, out, _ = run(
        capsys, "--catalog", str(tiny_catalog), "export", "--format", "csv", "--kind", "model"
    )
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["base"]["summary"] == '\'=HYPERLINK("https://evil")'
    # JSON keeps the value exactly.
    code, out, _ = run(capsys, "--catalog", str(tiny_catalog), "export")
    assert json.loads(out)["models"][0]["summary"] == '=HYPERLINK("https://evil")'


def test_markdown_diff_quotes_card_text(tiny_catalog: Path, capsys) -> None:
    repo = tiny_catalog.parent
    commit_all(repo, "one")
    card = tiny_catalog / "models" / "base.yaml"
    card.write_text(
        card.read_text().replace(
            "summary: A test model.", "summary: '# Heading ![x](https://e/x.png) `tick`'"
        )
    )
    code, out, _ = run(
        capsys, "--catalog", str(tiny_catalog), "diff", "HEAD", "--format", "markdown"
    )
    assert code == 0
    line = next(line for line in out.splitlines() if "summary" in line)
    assert "-> `` # Heading ![x](https://e/x.png) `tick` ``" in line
