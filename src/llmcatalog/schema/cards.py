"""The five card kinds. Field descriptions are the contributor reference: write them for people."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.config import JsonDict
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from ..diagnostics import FieldPath
from .depth import Compute, Hardware, Result, Spec
from .types import (
    MAX_LIST,
    Count,
    CountryCode,
    Figure,
    Line,
    Name,
    PartialDate,
    Slug,
    SpdxId,
    StrictModel,
    Text,
    Url,
    figure_forms,
)

SourceKind = Literal["paper", "model-card", "blog", "code", "docs", "analysis", "leaderboard"]
Architecture = Literal[
    "encoder-only",
    "decoder-only",
    "encoder-decoder",
    "state-space",
    "hybrid",
    "recurrent",
]
Relation = Literal[
    "successor",
    "fine-tune",
    "instruction-tune",
    "distillation",
    "continued-pretraining",
    "merge",
    "quantization",
    "architecture",
    "upcycling",
]
Weights = Literal["open", "gated", "closed"]
Modality = Literal["text", "code", "image", "audio", "video"]
TechniqueCategory = Literal[
    "attention",
    "position-encoding",
    "normalization",
    "activation",
    "architecture",
    "mixture-of-experts",
    "tokenization",
    "pretraining-objective",
    "fine-tuning",
    "alignment",
    "optimization",
    "parallelism",
    "memory",
    "efficiency",
    "inference",
    "quantization",
    "scaling",
    "prompting",
    "data",
]
OrganizationKind = Literal["industry", "academia", "nonprofit", "collaboration", "government"]
BenchmarkCategory = Literal[
    "language-understanding",
    "knowledge",
    "reasoning",
    "math",
    "code",
    "truthfulness",
    "safety",
    "holistic",
    "agents",
    "long-context",
    "multimodal",
]

KIND_FOLDERS: dict[str, str] = {
    "model": "models",
    "technique": "techniques",
    "organization": "organizations",
    "benchmark": "benchmarks",
    "dataset": "datasets",
}


def _list(description: str, *, min_length: int = 0, unique: bool = False) -> Any:
    # `unique` lists are checked for repeats by the validator (crosscheck); the JSON Schema
    # says so too, so editors flag a repeated entry as it is typed.
    extra: JsonDict | None = {"uniqueItems": True} if unique else None
    if min_length:  # a list that must have entries must also be present: no default
        return Field(
            description=description,
            min_length=min_length,
            max_length=MAX_LIST,
            json_schema_extra=extra,
        )
    return Field(
        default_factory=list,
        description=description,
        max_length=MAX_LIST,
        json_schema_extra=extra,
    )


class Source(StrictModel):
    """A primary source: the paper, official model card, release post, code or documentation."""

    key: Slug | None = Field(
        default=None,
        description="A short id for this source (e.g. `paper`, `model-card`), so that figures "
        "and relations can say which source states them.",
    )
    title: Line = Field(description="The source's title as published.")
    url: Url = Field(description="Where to read it. Only http:// and https:// links.")
    kind: SourceKind = Field(
        description="paper, model-card, blog (release post), code (including an official "
        "config.json), docs, analysis (a third-party estimate, only for figures marked "
        "`estimated`) or leaderboard (a benchmark's official leaderboard, for `results`)."
    )
    date: PartialDate | None = Field(
        default=None, description="When the source was published (YYYY, YYYY-MM or YYYY-MM-DD)."
    )
    accessed: PartialDate | None = Field(
        default=None, description="When a contributor last checked the link."
    )


class Card(StrictModel):
    """Fields every card kind has."""

    card_kind: ClassVar[str]

    id: Slug = Field(description="The card's id; must equal the file name without `.yaml`.")
    name: Name = Field(description="The name as its makers write it (e.g. `Llama 2`).")
    aliases: list[Name] = _list(
        "Other names readers may search for (e.g. `LLaMA-2`, `Llama-2-70b`).", unique=True
    )
    summary: Line = Field(description="One plain sentence, in our own words, at most 300 chars.")
    description: Text | None = Field(
        default=None,
        description="Optional longer text in MyST Markdown: paragraphs, emphasis, lists, "
        "inline code, http(s) links and `{llm:model}` style references. No HTML and no "
        "directives.",
    )
    sources: list[Source] = _list(
        "Primary sources, most authoritative first; the first backs any figure that names "
        "no source.",
        min_length=1,
    )

    @model_validator(mode="after")
    def _check_source_keys(self) -> Any:
        keys = [s.key for s in self.sources if s.key is not None]
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise PydanticCustomError(
                    "duplicate_source_key",
                    "source key '{key}' is used twice",
                    {"key": key, "field": "sources"},
                )
            seen.add(key)
        return self

    def source_keys(self) -> set[str]:
        return {s.key for s in self.sources if s.key is not None}

    # What each kind knows about itself, so that checks, indexes and views need not ask
    # which kind a card is.

    def references(self) -> Iterator[tuple[FieldPath, str, str]]:
        """(field, kind, id) for every other card this card names."""
        return iter(())

    def figures(self) -> Iterator[tuple[FieldPath, Figure]]:
        """(field, figure) for every figure on the card that can name its source."""
        return iter(())

    def dates(self) -> Iterator[tuple[FieldPath, PartialDate]]:
        """(field, date) for every date on the card, its sources' included."""
        for i, source in enumerate(self.sources):
            if source.date is not None:
                yield ("sources", i, "date"), source.date
            if source.accessed is not None:
                yield ("sources", i, "accessed"), source.accessed

    def lineage_parents(self) -> list[str]:
        """Ids of the cards of the same kind this one descends from (models, techniques)."""
        return []


def _organizations(card: Model | Benchmark | Dataset) -> Iterator[tuple[FieldPath, str, str]]:
    for i, org in enumerate(card.organizations):
        yield ("organizations", i), "organization", org


def _own_date(name: str, value: PartialDate | None) -> Iterator[tuple[FieldPath, PartialDate]]:
    if value is not None:
        yield (name,), value


class Parameters(StrictModel):
    """Parameter counts. Mixture-of-experts models have fewer active than total parameters."""

    total: Figure | None = Field(
        default=None, description="All parameters (for MoE: every expert counted)."
    )
    active: Figure | None = Field(
        default=None,
        description="Parameters used per token; only for mixture-of-experts models.",
    )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # The shorthand `parameters: 70B` (or `{value: 70B, source: paper}`) is the total.
        figure = handler.resolve_ref_schema(handler(Figure.__pydantic_core_schema__))
        return {"anyOf": [*figure_forms(figure), handler(schema)]}

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # `parameters: 70B` (or a figure mapping with `value`) means the total parameter count.
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            return {"total": value}
        if isinstance(value, dict) and "value" in value:
            return {"total": value}
        return value


class Variant(StrictModel):
    """A size released together with the main model (e.g. LLaMA 7B, 13B, 33B, 65B)."""

    name: Name = Field(description="The variant's name, e.g. `LLaMA-13B`.")
    parameters: Parameters | None = Field(default=None, description="Its parameter counts.")
    training_tokens: Figure | None = Field(
        default=None, description="Only where it differs from the card's `training_tokens`."
    )
    context_length: Figure | None = Field(
        default=None, description="Only where it differs from the card's `context_length`."
    )
    released: PartialDate | None = Field(
        default=None,
        description="Only for a size that appeared later than the card's `released` date.",
    )
    spec: Spec | None = Field(
        default=None, description="Its architecture figures, where they differ from the card's."
    )


class Derivation(StrictModel):
    """An edge of the family tree: this model comes from another one."""

    model: Slug = Field(description="Id of the parent model card.")
    relation: Relation = Field(
        description="successor (next version), fine-tune, instruction-tune, distillation, "
        "continued-pretraining, merge, quantization, architecture (same design, trained anew), "
        "or upcycling (a dense model turned into a mixture of experts)."
    )
    source: Slug | None = Field(
        default=None, description="The `key` of the source stating the relation."
    )
    note: Line | None = Field(default=None, description="A short remark on the relation.")


class Access(StrictModel):
    """How the public can use the model."""

    weights: Weights = Field(
        description="open (downloadable by anyone), gated (downloadable after accepting terms "
        "or applying), closed (not released)."
    )
    api: bool | None = Field(
        default=None, description="true when its makers offer it through a hosted API."
    )
    license: Name | None = Field(
        default=None, description="The license's name, e.g. `Llama 2 Community License`."
    )
    spdx: SpdxId | None = Field(
        default=None, description="The SPDX identifier when one exists, e.g. `Apache-2.0`."
    )


class Model(Card):
    """A trained model or a family released together."""

    card_kind: ClassVar[str] = "model"

    family: Slug | None = Field(
        default=None,
        description="A family slug shared by related models (e.g. `llama`), used to group "
        "family trees.",
    )
    organizations: list[Slug] = _list(
        "Ids of the organization cards that made it, lead lab first.", min_length=1, unique=True
    )
    released: PartialDate = Field(
        description="First public appearance: paper v1 or announcement, whichever came "
        "first, with the precision actually known (YYYY, YYYY-MM or YYYY-MM-DD)."
    )
    architecture: Architecture = Field(
        description="encoder-only, decoder-only, encoder-decoder, state-space, hybrid "
        "(e.g. attention mixed with state-space layers) or recurrent."
    )
    modalities: list[Modality] = _list(
        "Input kinds beyond text it accepts (text, code, image, audio, video); empty means "
        "text only.",
        unique=True,
    )
    parameters: Parameters | None = Field(
        default=None,
        description="Parameter counts of the main (usually largest) model: `70B`, or "
        "`{total: 671B, active: 37B}` for mixture-of-experts.",
    )
    variants: list[Variant] = _list("Other sizes released together with it.")
    context_length: Figure | None = Field(
        default=None, description="Maximum context in tokens at release."
    )
    training_tokens: Figure | None = Field(
        default=None, description="Tokens seen in pretraining (counting repeated epochs)."
    )
    objectives: list[Slug] = _list(
        "Pretraining objectives, as technique ids (e.g. `causal-lm`, `masked-lm`).", unique=True
    )
    techniques: list[Slug] = _list(
        "Technique ids it uses: attention variant, position encoding, normalization, "
        "activation, mixture-of-experts, tokenizer, fine-tuning and alignment methods.",
        unique=True,
    )
    datasets: list[Slug] = _list("Ids of dataset cards it was trained on.", unique=True)
    benchmarks: list[Slug] = _list(
        "Ids of benchmark cards its makers report results on.", unique=True
    )
    derived_from: list[Derivation] = _list("The models it comes from, with the relation.")
    access: Access = Field(description="Weights, API availability and license.")
    highlights: list[Line] = _list("Short points worth knowing, one line each.", unique=True)
    spec: Spec | None = Field(
        default=None,
        description="Architecture figures of the main model (layers, width, heads, experts "
        "...), from the official config.json or the paper, with `source` naming which.",
    )
    training_compute: Compute | None = Field(
        default=None,
        description="Total pretraining compute in FLOP when a source states or estimates it. "
        "Leave it out to let the catalog derive 6 x (active) parameters x tokens.",
    )
    hardware: Hardware | None = Field(
        default=None, description="Accelerators used for training, where the makers say."
    )
    results: list[Result] = _list(
        "Benchmark scores from the model's own report or a benchmark's official leaderboard, "
        "each with its setting (shots, chain of thought, pass@k, tools) and source."
    )

    @model_validator(mode="after")
    def _check_model(self) -> Any:
        params = self.parameters
        if params and params.total and params.active and params.active.value > params.total.value:
            raise PydanticCustomError(
                "active_exceeds_total",
                "parameters.active ({active}) is larger than parameters.total ({total})",
                {
                    "active": params.active.value,
                    "total": params.total.value,
                    "field": "parameters.active",
                },
            )
        return self

    def references(self) -> Iterator[tuple[FieldPath, str, str]]:
        yield from _organizations(self)
        for name in ("objectives", "techniques"):
            for i, ref in enumerate(getattr(self, name)):
                yield (name, i), "technique", ref
        for i, ref in enumerate(self.datasets):
            yield ("datasets", i), "dataset", ref
        for i, ref in enumerate(self.benchmarks):
            yield ("benchmarks", i), "benchmark", ref
        for i, link in enumerate(self.derived_from):
            yield ("derived_from", i, "model"), "model", link.model
        for i, result in enumerate(self.results):
            yield ("results", i, "benchmark"), "benchmark", result.benchmark

    def figures(self) -> Iterator[tuple[FieldPath, Figure]]:
        def of(prefix: FieldPath, holder: Model | Variant) -> Iterator[tuple[FieldPath, Figure]]:
            if holder.parameters:
                for part in ("total", "active"):
                    fig = getattr(holder.parameters, part)
                    if fig is not None:
                        yield (*prefix, "parameters", part), fig
            for name in ("context_length", "training_tokens"):
                fig = getattr(holder, name)
                if fig is not None:
                    yield (*prefix, name), fig

        yield from of((), self)
        for i, variant in enumerate(self.variants):
            yield from of(("variants", i), variant)

    def dates(self) -> Iterator[tuple[FieldPath, PartialDate]]:
        yield from _own_date("released", self.released)
        yield from super().dates()

    def lineage_parents(self) -> list[str]:
        return [link.model for link in self.derived_from]


class Technique(Card):
    """A method: an attention variant, a position encoding, a training or inference trick."""

    card_kind: ClassVar[str] = "technique"

    category: TechniqueCategory = Field(description="The family of methods it belongs to.")
    introduced: PartialDate | None = Field(
        default=None, description="When the introducing work first appeared."
    )
    introduced_by: list[Slug] = _list(
        "Keys of this card's `sources` that introduced the technique (usually the paper).",
        unique=True,
    )
    parents: list[Slug] = _list(
        "Ids of the techniques it builds on (e.g. GQA's parents are MHA and MQA).", unique=True
    )

    def references(self) -> Iterator[tuple[FieldPath, str, str]]:
        for i, ref in enumerate(self.parents):
            yield ("parents", i), "technique", ref

    def dates(self) -> Iterator[tuple[FieldPath, PartialDate]]:
        yield from _own_date("introduced", self.introduced)
        yield from super().dates()

    def lineage_parents(self) -> list[str]:
        return list(self.parents)


class Organization(Card):
    """A lab, company, university or collaboration that makes models."""

    card_kind: ClassVar[str] = "organization"

    kind: OrganizationKind = Field(
        description="industry, academia, nonprofit, collaboration or government.",
    )
    country: CountryCode | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 code of its headquarters (e.g. `US`, `FR`); "
        "empty for international collaborations.",
    )
    url: Url | None = Field(default=None, description="Its home page.")
    founded: PartialDate | None = Field(default=None, description="When it was founded.")

    def dates(self) -> Iterator[tuple[FieldPath, PartialDate]]:
        yield from _own_date("founded", self.founded)
        yield from super().dates()


class Benchmark(Card):
    """An evaluation suite."""

    card_kind: ClassVar[str] = "benchmark"

    category: BenchmarkCategory = Field(description="What kind of ability it tests.")
    introduced: PartialDate = Field(description="When the benchmark was first published.")
    organizations: list[Slug] = _list("Ids of the organizations that made it.", unique=True)
    measures: Line = Field(description="What it measures, in one line.")
    metric: Name = Field(description="The headline metric (e.g. `accuracy`, `pass@1`).")
    size: Count | None = Field(
        default=None, description="Number of test items (questions, problems, tasks)."
    )
    score_min: float = Field(
        default=0, description="Lowest possible score of the headline metric (default 0)."
    )
    score_max: float | None = Field(
        default=100,
        description="Highest possible score (default 100, for percentages); empty (`null`) "
        "for open-ended ratings such as Elo.",
    )

    def references(self) -> Iterator[tuple[FieldPath, str, str]]:
        return _organizations(self)

    def dates(self) -> Iterator[tuple[FieldPath, PartialDate]]:
        yield from _own_date("introduced", self.introduced)
        yield from super().dates()


class DatasetSize(StrictModel):
    """How big a dataset is, in whatever units its makers report."""

    tokens: Figure | None = Field(default=None, description="Tokens (with its own tokenizer).")
    bytes: Figure | None = Field(
        default=None,
        description="Bytes of text as an exact count or with K/M/B/T (thousand, million, "
        "billion, trillion): 825 GiB is `885837004800`; 800 GB is `800B`.",
    )
    documents: Figure | None = Field(default=None, description="Documents or web pages.")
    words: Figure | None = Field(default=None, description="Words.")
    examples: Figure | None = Field(
        default=None,
        description="Examples, for instruction data (prompt-response pairs) or image-text pairs.",
    )


class Dataset(Card):
    """A pretraining or fine-tuning corpus."""

    card_kind: ClassVar[str] = "dataset"

    introduced: PartialDate = Field(description="When the dataset was first described.")
    organizations: list[Slug] = _list("Ids of the organizations that built it.", unique=True)
    size: DatasetSize | None = Field(default=None, description="Its size.")
    open: bool | None = Field(
        default=None, description="true when the data itself can be downloaded."
    )
    license: Name | None = Field(default=None, description="The data's license, if any.")

    def references(self) -> Iterator[tuple[FieldPath, str, str]]:
        return _organizations(self)

    def figures(self) -> Iterator[tuple[FieldPath, Figure]]:
        if self.size:
            for part in ("tokens", "bytes", "documents", "words", "examples"):
                fig = getattr(self.size, part)
                if fig is not None:
                    yield ("size", part), fig

    def dates(self) -> Iterator[tuple[FieldPath, PartialDate]]:
        yield from _own_date("introduced", self.introduced)
        yield from super().dates()


CARD_TYPES: dict[str, type[Card]] = {
    "model": Model,
    "technique": Technique,
    "organization": Organization,
    "benchmark": Benchmark,
    "dataset": Dataset,
}
KINDS: tuple[str, ...] = tuple(CARD_TYPES)

__all__ = [
    "CARD_TYPES",
    "KINDS",
    "KIND_FOLDERS",
    "Access",
    "Benchmark",
    "Card",
    "Count",
    "Dataset",
    "DatasetSize",
    "Derivation",
    "Figure",
    "Model",
    "Organization",
    "Parameters",
    "PartialDate",
    "Source",
    "Technique",
    "Variant",
]
