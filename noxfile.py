"""Build, validate, test and measure llmcatalog. `nox -l` lists the sessions."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["validate", "lint", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
PYTHON = "3.11" if shutil.which("python3.11") else None


def _install(session: nox.Session, extras: str) -> None:
    session.install("-e", f".[{extras}]")


@nox.session(python=PYTHON)
def validate(session: nox.Session) -> None:
    """Check every card (or the files given after --) and that the JSON Schemas are current."""
    session.install("-e", ".")
    session.run("llmcatalog", "validate", *session.posargs)
    if not session.posargs:
        session.run("llmcatalog", "schema", "--check")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check and mypy --strict on src/."""
    _install(session, "dev")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session(python=PYTHON)
def package(session: nox.Session) -> None:
    """Build the sdist and the wheel into a clean dist/ and check them with twine."""
    session.install("build", "twine")
    dist = ROOT / "dist"
    if dist.exists():
        shutil.rmtree(dist)
    session.run("python", "-m", "build", "--outdir", str(dist), str(ROOT))
    session.run("twine", "check", "--strict", *sorted(str(p) for p in dist.iterdir()))


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The whole test suite, browser tests included."""
    _install(session, "test")
    # Browser tests use CHROMIUM, else the system's Chromium, else Playwright's own build.
    found = session.run(
        "python",
        "-c",
        "import sys; sys.path.insert(0, 'tests'); "
        "from browser_support import find_chromium; print(find_chromium() or '')",
        silent=True,
    )
    if not (found or "").strip():
        session.log("No system Chromium: fetching Playwright's (python -m playwright install)")
        session.run("python", "-m", "playwright", "install", "chromium")
    session.run("pytest", *session.posargs)


def _newest_python() -> str | None:
    """The newest CPython 3.12+ here: on PATH, or installed by pyenv but not on PATH."""
    import glob
    import subprocess

    candidates = [shutil.which(f"python3.{minor}") for minor in (14, 13, 12)]
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates += sorted(glob.glob(f"{root}/versions/3.1[2-9]*/bin/python3"), reverse=True)
    for path in filter(None, candidates):
        done = subprocess.run([path, "--version"], capture_output=True, check=False)
        if done.returncode == 0:  # a pyenv shim for a version not enabled fails here
            return path
    return None


@nox.session(python=_newest_python())
def compat(session: nox.Session) -> None:
    """The suite without browsers on the newest Python and the oldest Sphinx we support."""
    if session.python is None:
        session.error("no Python 3.12 or newer found: install one (e.g. with pyenv)")
    _install(session, "test")
    session.install("sphinx>=8.2,<8.3")
    session.run(
        "python", "-c", "import sphinx, sys; print(sys.version, 'Sphinx', sphinx.__version__)"
    )
    session.run("pytest", "-m", "not browser", "-p", "no:cacheprovider", *session.posargs)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the site strictly (-n -W --keep-going) into a clean docs/_build/html."""
    _install(session, "docs")
    html = BUILD / "html"
    if html.exists():
        shutil.rmtree(html)
    jobs = os.environ.get("SPHINX_JOBS", "auto")
    session.run(
        "sphinx-build",
        "-b",
        "html",
        "-n",
        "-W",
        "--keep-going",
        "-j",
        jobs,
        str(DOCS),
        str(html),
        *session.posargs,
    )


@nox.session(python=PYTHON)
def serve(session: nox.Session) -> None:
    """Live preview while editing cards or essays (sphinx-autobuild)."""
    _install(session, "dev")
    session.run(
        "sphinx-autobuild",
        str(DOCS),
        str(BUILD / "live"),
        "--ignore",
        "*/cards/*",  # the card pages, charts and downloads the extension writes
        "--watch",
        str(ROOT / "catalog"),
        "--watch",
        str(ROOT / "src"),
        *session.posargs,
    )


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks (prints tables; never asserts on time)."""
    _install(session, "docs")
    session.run("python", "-m", "benchmarks", *session.posargs)


@nox.session(python=PYTHON)
def linkcheck(session: nox.Session) -> None:
    """Check external links (needs the internet; never part of CI)."""
    _install(session, "docs")
    session.run("sphinx-build", "-b", "linkcheck", str(DOCS), str(BUILD / "linkcheck"))
