"""The extension's settings: one typed dataclass, registered with Sphinx and read through
`LLMConfig.of(config)`. The contributor page on configuration is generated from it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

PREFIX = "llmcatalog_"


class AssetSource(StrEnum):
    """Where pages load Mermaid and MathJax from."""

    LOCAL = "local"
    """Pinned, integrity-checked copies served by the site itself (fetched once from the npm
    registry into the cache folder)."""
    CDN = "cdn"
    """The same versions from public CDNs (no download at build time)."""


def _meta(help_text: str, rebuild: str = "env") -> Any:
    return {"help": help_text, "rebuild": rebuild}


@dataclass(frozen=True)
class LLMConfig:
    """Every `llmcatalog_*` setting of conf.py, with its default."""

    path: str = field(
        default="../catalog",
        metadata=_meta("The catalog folder, relative to the folder of conf.py."),
    )
    pages_dir: str = field(
        default="cards",
        metadata=_meta(
            "Folder (inside the docs) where one page per card is generated; keep it out of git."
        ),
    )
    repo_url: str = field(
        default="",
        # "env": the links are written into card pages when they are read.
        metadata=_meta("Repository URL for 'Edit this card' and 'History' links."),
    )
    repo_branch: str = field(default="main", metadata=_meta("Branch those links point to.", "html"))
    repo_catalog_path: str = field(
        default="catalog",
        metadata=_meta("The catalog folder's path inside the repository."),
    )
    git_dates: bool = field(
        default=True,
        metadata=_meta("Show when each card last changed, from `git log` (needs git)."),
    )
    compare_page: str = field(
        default="compare",
        metadata=_meta(
            "Docname of the page that holds `llm:compare-page`; every model card links to it "
            "with its id filled in (`compare.html?models=ID`). Empty: no links."
        ),
    )
    mermaid: AssetSource = field(
        default=AssetSource.LOCAL,
        metadata=_meta("`local` or `cdn`: where Mermaid and MathJax load from.", "html"),
    )

    @classmethod
    def register(cls, app: Sphinx) -> None:
        for item in fields(cls):
            default = item.default
            value = default.value if isinstance(default, Enum) else default
            kind = str if isinstance(default, Enum) else type(default)
            app.add_config_value(
                PREFIX + item.name,
                value,
                item.metadata["rebuild"],
                types=[kind],
                description=item.metadata["help"],
            )

    @classmethod
    def of(cls, config: Config) -> LLMConfig:
        values: dict[str, Any] = {}
        for item in fields(cls):
            raw = getattr(config, PREFIX + item.name)
            if isinstance(item.default, AssetSource):
                try:
                    raw = AssetSource(raw)
                except ValueError:
                    choices = ", ".join(repr(m.value) for m in AssetSource)
                    raise ConfigError(
                        f"{PREFIX}{item.name} must be one of {choices}, not {raw!r}"
                    ) from None
            elif not isinstance(raw, type(item.default)):
                raise ConfigError(
                    f"{PREFIX}{item.name} must be a {type(item.default).__name__}, "
                    f"not {type(raw).__name__}"
                )
            values[item.name] = raw
        return cls(**values)

    def catalog_root(self, confdir: str | Path) -> Path:
        return (Path(confdir) / self.path).resolve()


def settings_reference() -> list[tuple[str, str, str]]:
    """(name, default, help) of every setting, for the documentation."""
    rows = []
    for item in fields(LLMConfig):
        default = item.default
        shown = default.value if isinstance(default, Enum) else default
        rows.append((PREFIX + item.name, repr(shown), str(item.metadata["help"])))
    return rows
