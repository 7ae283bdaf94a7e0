"""The scripts the site serves itself: pinned, integrity-checked, with a clear error offline."""

from __future__ import annotations

import io
import tarfile
import urllib.error

import pytest
from sphinx.errors import ExtensionError

from llmcatalog.sphinxext import assets


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


class _Response(io.BytesIO):
    def __enter__(self) -> _Response:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


def test_unreachable_registry_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(url: str, timeout: float) -> None:
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(assets.urllib.request, "urlopen", refuse)
    with pytest.raises(ExtensionError) as info:
        assets._download(assets.MERMAID)
    message = str(info.value)
    assert "could not fetch mermaid 11.12.1 from the npm registry" in message
    assert "llmcatalog_mermaid = 'cdn'" in message


def test_tampered_package_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _tarball({"package/dist/mermaid.esm.min.mjs": b"alert('not mermaid')"})
    monkeypatch.setattr(assets.urllib.request, "urlopen", lambda url, timeout: _Response(data))
    with pytest.raises(ExtensionError, match="does not match its pinned integrity"):
        assets._download(assets.MERMAID)


def test_only_the_listed_files_are_extracted_and_never_outside(tmp_path) -> None:
    data = _tarball(
        {
            "package/dist/mermaid.esm.min.mjs": b"ok",
            "package/dist/chunks/mermaid.esm.min/a.mjs": b"chunk",
            "package/dist/chunks/mermaid.esm.min/a.mjs.map": b"map",
            "package/dist/other.js": b"no",
            "package/dist/chunks/mermaid.esm.min/../../../../escape.mjs": b"no",
        }
    )
    assets._extract(data, assets.MERMAID, tmp_path / "out")
    found = sorted(
        p.relative_to(tmp_path / "out").as_posix()
        for p in (tmp_path / "out").rglob("*")
        if p.is_file()
    )
    assert found == ["chunks/mermaid.esm.min/a.mjs", "mermaid.esm.min.mjs"]
    assert not (tmp_path / "escape.mjs").exists()


def test_cache_location_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("LLMCATALOG_CACHE_DIR", str(tmp_path / "cache"))
    assert assets.cache_root() == tmp_path / "cache"
