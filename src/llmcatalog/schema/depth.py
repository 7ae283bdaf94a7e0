"""What practitioners compare: architecture specs, training compute, hardware and results.

Each block carries its provenance like every other figure: a `source` key naming one of the
card's `sources` (empty means the card's first source). Checks that need only the block itself
(heads that do not divide, more routed experts than experts) live here; checks that need other
cards (an unknown benchmark, a score outside the benchmark's range) live in `crosscheck`.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .types import Count, Line, Name, PartialDate, Slug, StrictModel, estimate_rule

# --- value types -----------------------------------------------------------------------------


def _whole(value: Any) -> int:
    """A non-negative whole number, written as a plain YAML integer (0 allowed)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("whole_type", "expected a whole number such as 0, 1 or 3")
    if value < 0:
        raise PydanticCustomError("whole_negative", "must not be negative")
    if value > 10**7:
        raise PydanticCustomError("whole_range", "a value above 10,000,000 is not plausible here")
    return value


Whole = Annotated[
    int,
    BeforeValidator(_whole),
    Field(json_schema_extra={"type": "integer", "minimum": 0}),
]
"""A small count where zero means none (shared experts, dense layers, shots)."""

_NUMBER_RE = re.compile(r"^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$", re.ASCII)
NUMBER_PATTERN = r"^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$"


def _positive_number(value: Any) -> float:
    """A positive finite number: `10000`, `1e6`, `3.14e23` (YAML 1.1 reads the last as text)."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "expected a number, got a boolean")
    if isinstance(value, str):
        if not _NUMBER_RE.match(value.strip()):
            raise PydanticCustomError(
                "number_format",
                "'{value}' is not a number; write it like 10000, 1e6 or 3.14e23",
                {"value": value[:40]},
            )
        value = float(value)
    if not isinstance(value, (int, float)):
        raise PydanticCustomError("number_type", "expected a number such as 10000 or 3.14e23")
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise PydanticCustomError("number_positive", "must be a positive, finite number")
    return number


class _NumberJson:
    """JSON Schema for numbers that may also be written as text (`3.14e23`)."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0},
                {"type": "string", "pattern": NUMBER_PATTERN},
            ]
        }


PositiveNumber = Annotated[float, BeforeValidator(_positive_number), _NumberJson]


def _score(value: Any) -> float:
    if isinstance(value, bool):
        raise PydanticCustomError("score_type", "expected a score, got a boolean")
    if not isinstance(value, (int, float)):
        raise PydanticCustomError("score_type", "expected a number as printed in the source")
    if not math.isfinite(value):
        raise PydanticCustomError("score_finite", "a score must be a finite number")
    return float(value)


Score = Annotated[float, BeforeValidator(_score), Field(json_schema_extra={"type": "number"})]

_MIN_FLOP = 1e12
_MAX_FLOP = 1e30


def _fail(code: str, message: str, field: str, **ctx: Any) -> PydanticCustomError:
    """A rule about one field of a block; `field` is relative to the block."""
    return PydanticCustomError(code, message, {**ctx, "field": field})


# --- architecture spec ----------------------------------------------------------------------


class FeedForward(StrictModel):
    """The feed-forward (MLP) block of each layer."""

    type: Literal["mlp", "swiglu", "geglu", "reglu"] = Field(
        description="mlp (two matrices with an activation such as ReLU or GELU between), or a "
        "gated linear unit: swiglu, geglu, reglu (three matrices)."
    )
    size: Count | None = Field(
        default=None,
        description="The intermediate width as `intermediate_size` in config.json: the width "
        "of ONE up-projection. For GLU variants the gate and up projections each have this "
        "width (some papers count both and print twice the number; note that in `note`).",
    )


class PositionEncoding(StrictModel):
    """How token positions enter the model."""

    type: Literal["rope", "learned", "sinusoidal", "alibi", "relative", "none"] = Field(
        description="rope (rotary), learned (absolute embeddings), sinusoidal, alibi, "
        "relative (T5-style bias) or none (NoPE)."
    )
    theta: PositiveNumber | None = Field(
        default=None, description="RoPE base frequency (`rope_theta`), e.g. 10000 or 500000."
    )
    scaling: Literal["linear", "dynamic-ntk", "yarn", "llama3", "longrope"] | None = Field(
        default=None,
        description="Context-extension scaling of RoPE (`rope_scaling.type`/`rope_type`).",
    )
    factor: PositiveNumber | None = Field(
        default=None, description="The scaling factor (`rope_scaling.factor`)."
    )


class Normalization(StrictModel):
    """The normalization layer and where it sits in the residual block."""

    type: Literal["layernorm", "rmsnorm"] = Field(description="layernorm or rmsnorm.")
    placement: Literal["pre", "post", "sandwich"] | None = Field(
        default=None,
        description="pre (before each sub-layer), post (after the residual add, as in 2017) "
        "or sandwich (both before and after each sub-layer).",
    )


class AttentionLayout(StrictModel):
    """Which layers attend to what: full, sliding-window, linear or sparse."""

    layout: Literal["full", "sliding", "hybrid-linear", "sparse"] = Field(
        description="full (every layer attends to the whole context), sliding (some or all "
        "layers attend to a local window), hybrid-linear (linear-attention or state-space "
        "layers mixed with full attention) or sparse (attention to a selected subset)."
    )
    window: Count | None = Field(
        default=None, description="Sliding-window size in tokens (`sliding_window`)."
    )
    local_per_global: Whole | None = Field(
        default=None,
        description="Sliding-window layers per full-attention layer, e.g. 5 for Gemma 3's 5:1.",
    )
    linear: Slug | None = Field(
        default=None,
        description="The linear or recurrent layer type, e.g. `gated-deltanet`, `mamba2`.",
    )
    linear_per_full: Whole | None = Field(
        default=None,
        description="Linear (or state-space) layers per full-attention layer, e.g. 3 for 3:1.",
    )


class ExpertLayout(StrictModel):
    """The mixture-of-experts layers."""

    experts: Count = Field(description="Routed experts per MoE layer (`n_routed_experts`).")
    routed: Count = Field(
        description="Experts chosen for each token (`num_experts_per_tok`, top-k)."
    )
    shared: Whole | None = Field(
        default=None, description="Shared experts every token passes through (0 for none)."
    )
    expert_size: Count | None = Field(
        default=None, description="Intermediate width of one expert (`moe_intermediate_size`)."
    )
    dense_layers: Whole | None = Field(
        default=None,
        description="Leading layers that stay dense (`first_k_dense_replace`), if any.",
    )

    @model_validator(mode="after")
    def _check(self) -> Any:
        if self.routed > self.experts:
            raise _fail(
                "routed_exceeds_experts",
                "routed ({routed}) is larger than experts ({experts}): a token cannot be sent "
                "to more experts than a layer has",
                "routed",
                routed=self.routed,
                experts=self.experts,
            )
        return self


class LatentAttention(StrictModel):
    """Low-rank compression of multi-head latent attention (DeepSeek-V2 and later)."""

    q_rank: Count | None = Field(
        default=None, description="Query compression rank (`q_lora_rank`); empty if none."
    )
    kv_rank: Count = Field(description="Key-value compression rank (`kv_lora_rank`).")


class Spec(StrictModel):
    """Architecture figures, as the official config.json or the paper's table states them."""

    source: Slug | None = Field(
        default=None,
        description="The `key` of the source stating these figures: the official config.json "
        "(ideally a link pinned to a commit) or the paper. Empty means the card's first source.",
    )
    layers: Count | None = Field(
        default=None, description="Transformer (or hybrid) layers (`num_hidden_layers`)."
    )
    hidden_size: Count | None = Field(
        default=None, description="Width of the residual stream (`hidden_size`, d_model)."
    )
    attention_heads: Count | None = Field(
        default=None, description="Query heads per attention layer (`num_attention_heads`)."
    )
    kv_heads: Count | None = Field(
        default=None,
        description="Key-value heads (`num_key_value_heads`): equal to attention_heads for "
        "multi-head attention, 1 for multi-query, in between for grouped-query attention.",
    )
    head_dim: Count | None = Field(
        default=None,
        description="Width of one head, when the config states it or it is not "
        "hidden_size / attention_heads.",
    )
    vocab_size: Count | None = Field(
        default=None,
        description="Rows of the embedding matrix (config.json `vocab_size`). The tokenizer "
        "may define fewer tokens (rows are padded); give that number in `note`.",
    )
    max_positions: Count | None = Field(
        default=None, description="`max_position_embeddings` of the config."
    )
    tied_embeddings: bool | None = Field(
        default=None, description="true when input embedding and output head share weights."
    )
    ffn: FeedForward | None = Field(default=None, description="The feed-forward block.")
    position: PositionEncoding | None = Field(default=None, description="Position encoding.")
    norm: Normalization | None = Field(default=None, description="Normalization.")
    attention: AttentionLayout | None = Field(default=None, description="Attention layout.")
    moe: ExpertLayout | None = Field(default=None, description="Mixture-of-experts layers.")
    mla: LatentAttention | None = Field(
        default=None, description="Multi-head latent attention ranks, where used."
    )
    note: Line | None = Field(
        default=None,
        description="One line on how sources disagree, e.g. 'the paper gives 256128 tokens'.",
    )

    @model_validator(mode="after")
    def _check(self) -> Any:
        heads, kv = self.attention_heads, self.kv_heads
        if heads and kv and heads % kv:
            raise _fail(
                "kv_heads_divide",
                "kv_heads ({kv}) does not divide attention_heads ({heads}): every key-value "
                "head must serve the same number of query heads",
                "kv_heads",
                kv=kv,
                heads=heads,
            )
        width = self.hidden_size
        if heads and width and self.head_dim is None and self.mla is None and width % heads:
            raise _fail(
                "head_dim_missing",
                "hidden_size ({width}) is not divisible by attention_heads ({heads}); give "
                "head_dim as the config states it",
                "hidden_size",
                width=width,
                heads=heads,
            )
        return self


# --- compute and hardware -------------------------------------------------------------------


class Compute(StrictModel):
    """Total training compute in floating-point operations (FLOP)."""

    value: PositiveNumber = Field(
        description="FLOP for the whole pretraining run, e.g. `3.14e23`. Do not type a 6·N·D "
        "figure here: the catalog derives it from parameters and tokens and marks it."
    )
    estimated: bool = Field(
        default=False,
        description="true for a third-party estimate (e.g. Epoch AI); `source` and `method` "
        "are then required.",
    )
    method: Line | None = Field(
        default=None,
        description="How an estimate was made, e.g. 'from reported GPU-hours and utilization'.",
    )
    source: Slug | None = Field(
        default=None, description="The `key` of the source that states or estimates it."
    )
    note: Line | None = Field(default=None, description="A short remark.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            return {"value": value}
        return value

    @model_validator(mode="after")
    def _check(self) -> Any:
        if not _MIN_FLOP <= self.value <= _MAX_FLOP:
            raise _fail(
                "compute_range",
                f"{self.value:.3g} FLOP is outside the plausible range 1e12 to 1e30; write "
                "the total FLOP, not petaFLOP/s-days",
                "value",
            )
        if self.estimated and self.method is None:
            raise _fail(
                "estimate_method",
                "an estimated compute figure must say how it was estimated (method: ...)",
                "method",
            )
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        mapping = handler.resolve_ref_schema(handler(schema))
        # The validator's rules that need no other card: a plausible range, and an estimate
        # says whose it is and how it was made.
        mapping = {**mapping, **estimate_rule("source", "method")}
        mapping["properties"] = {
            **mapping["properties"],
            "value": {
                "anyOf": [
                    {"type": "number", "minimum": _MIN_FLOP, "maximum": _MAX_FLOP},
                    {"type": "string", "pattern": NUMBER_PATTERN},
                ]
            },
        }
        return {
            "anyOf": [
                {"type": "number", "minimum": _MIN_FLOP, "maximum": _MAX_FLOP},
                {"type": "string", "pattern": NUMBER_PATTERN},
                mapping,
            ]
        }


class Hardware(StrictModel):
    """What the model was trained on, where the makers say."""

    accelerator: Name = Field(description="The chip, e.g. `NVIDIA H800` or `TPU v4`.")
    count: Count | None = Field(default=None, description="How many were used at once.")
    gpu_hours: Count | None = Field(
        default=None, description="Accelerator-hours of the training run (e.g. 2.788M)."
    )
    source: Slug | None = Field(default=None, description="The `key` of the source.")
    note: Line | None = Field(default=None, description="A short remark.")


# --- benchmark results ----------------------------------------------------------------------


class Result(StrictModel):
    """One reported score: a model on a benchmark in a stated setting."""

    benchmark: Slug = Field(description="Id of the benchmark card.")
    score: Score = Field(
        description="The score as printed, in the metric's unit (percent for accuracy and "
        "pass@k: 88.5, not 0.885)."
    )
    metric: Name | None = Field(
        default=None,
        description="The metric when it is not the benchmark's headline metric.",
    )
    shots: Whole | None = Field(default=None, description="Few-shot examples in the prompt.")
    cot: bool | None = Field(
        default=None, description="true when the model reasoned step by step (chain of thought)."
    )
    pass_at: Count | None = Field(default=None, description="k of pass@k for code and maths.")
    tools: bool | None = Field(
        default=None, description="true when the model could call tools (code, search)."
    )
    setting: Line | None = Field(
        default=None,
        description="Anything else about the setting, e.g. 'maj@64', 'high reasoning effort'.",
    )
    variant: Name | None = Field(
        default=None, description="The variant or checkpoint evaluated, if not the main model."
    )
    date: PartialDate | None = Field(default=None, description="When the result was published.")
    source: Slug | None = Field(
        default=None,
        description="The `key` of the source: the model's own report, or the benchmark's "
        "official leaderboard (a source of kind `leaderboard`).",
    )
    note: Line | None = Field(default=None, description="A short remark.")

    def setting_key(self) -> tuple[Any, ...]:
        """Results are comparable only when every part of this key is equal."""
        return (
            self.benchmark,
            self.metric,
            self.shots,
            self.cot,
            self.pass_at,
            self.tools,
            self.setting,
        )

    def setting_label(self) -> str:
        """The setting in a few words: `5-shot, CoT, pass@1`."""
        parts: list[str] = []
        if self.shots is not None:
            parts.append("0-shot" if self.shots == 0 else f"{self.shots}-shot")
        if self.cot:
            parts.append("CoT")
        if self.pass_at is not None:
            parts.append(f"pass@{self.pass_at}")
        if self.tools is True:
            parts.append("with tools")
        elif self.tools is False and self.cot is not None:
            parts.append("no tools")
        if self.setting:
            parts.append(self.setting)
        if self.metric:
            parts.append(self.metric)
        return ", ".join(parts)


__all__ = [
    "AttentionLayout",
    "Compute",
    "ExpertLayout",
    "FeedForward",
    "Hardware",
    "LatentAttention",
    "Normalization",
    "PositionEncoding",
    "Result",
    "Spec",
]
