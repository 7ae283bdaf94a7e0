"""Turn a Hugging Face `config.json` into a card's `spec:` block, ready to paste.

Configs name the same figure differently across model types (`n_layer`, `num_layers`,
`num_hidden_layers`); this module knows those names and the architecture facts a config
implies without stating (GPT-2's learned positions, Gemma's gated GELU). It reads a local file
only and runs nothing from it. The contributor still fills in `source` and checks the result.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

Config = Mapping[str, Any]


class ConfigError(ValueError):
    """The file is not a config this command understands; the message says why."""


# Model types whose feed-forward block is a gated linear unit, by activation.
_GATED = {
    "llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "qwen3_next",
    "gemma", "gemma2", "gemma3", "gemma3_text", "deepseek_v2", "deepseek_v3", "kimi_k2",
    "phi3", "olmo", "olmo2", "olmoe", "gpt_oss", "granite", "granitemoe", "cohere", "cohere2",
    "internlm2", "glm4", "glm4_moe", "ernie4_5",
    "ernie4_5_moe", "hunyuan_v1_moe", "minimax_m2", "smollm3", "exaone4", "apertus", "dbrx",
}  # fmt: skip
_LAYERNORM_TYPES = {
    "gpt2", "gpt_neox", "gpt_neo", "gptj", "bert", "roberta", "falcon", "opt", "bloom", "phi",
    "dbrx",
}  # fmt: skip
# T5's "layer norm" only rescales (no mean, no bias): RMSNorm, placed before each sub-layer.
_RMSNORM_TYPES = {"t5"}
# Names a model type went by before its code moved into transformers.
_ALIASES = {"RefinedWebModel": "falcon", "RefinedWeb": "falcon"}
# MoE types that have no shared expert, so a config has no key for one.
_NO_SHARED_EXPERT = {"mixtral", "qwen3_moe", "gpt_oss", "dbrx"}
# Types whose code applies `sliding_window` to every layer (Gemma 2: every other layer)
# when the config sets one; Qwen-style configs switch it on with `use_sliding_window`.
_WINDOWED = {"gemma2", "mistral", "phi3"}
# Configs that keep attention and feed-forward figures in nested blocks (DBRX, MPT).
_NESTED_BLOCKS = ("attn_config", "ffn_config")
# Qwen MoE types: `intermediate_size` is used only by the layers in `mlp_only_layers`.
_QWEN_MOE = {"qwen2_moe", "qwen3_moe", "qwen3_next"}
_ROPE_SCALING = {
    "linear": "linear",
    "dynamic": "dynamic-ntk",
    "yarn": "yarn",
    "llama3": "llama3",
    "longrope": "longrope",
    "su": "longrope",
}
SUPPORTED = sorted(
    {*_GATED, *_LAYERNORM_TYPES, *_RMSNORM_TYPES, *_ALIASES}
    | {"mamba", "mamba2", "jamba", "falcon_h1", "nemotron_h"}
)


def _first(config: Config, *names: str) -> Any:
    for name in names:
        value = config.get(name)
        if value is not None:
            return value
    return None


def _text_config(config: Config) -> Config:
    """Multimodal configs (Gemma 3, Llama 4, Qwen-VL) nest the language model's figures;
    DBRX and MPT nest attention and feed-forward figures in `attn_config` / `ffn_config`."""
    inner = config.get("text_config")
    if isinstance(inner, Mapping) and _first(inner, "num_hidden_layers", "hidden_size"):
        merged = dict(inner)
        merged.setdefault("model_type", config.get("model_type"))
        return merged
    blocks = [config[key] for key in _NESTED_BLOCKS if isinstance(config.get(key), Mapping)]
    if blocks:
        flat = dict(config)
        for block in blocks:
            for key, value in block.items():
                flat.setdefault(key, value)  # the top level wins (model_type, for one)
        return flat
    return config


def _ffn(config: Config, kind: str, hidden: int | None) -> dict[str, Any] | None:
    act = str(_first(config, "hidden_act", "hidden_activation", "activation_function") or "")
    proj = str(config.get("feed_forward_proj") or "")
    size = _first(config, "intermediate_size", "n_inner", "d_ff", "ffn_hidden_size")
    if size is None and kind in {"gpt2", "falcon"} and hidden:
        size = 4 * hidden  # GPT-2 (n_inner) and Falcon (ffn_hidden_size) default to 4 x width
    if kind in _QWEN_MOE and _all_layers_moe(config):
        size = None  # every layer is an expert layer: the dense width is never used
    if proj:  # T5 family: "relu", "gated-gelu", "gated-silu"
        ffn_type = {"gated-gelu": "geglu", "gated-silu": "swiglu", "gated-relu": "reglu"}.get(
            proj.replace("_", "-"), "mlp"
        )
    elif kind in _GATED:
        ffn_type = "geglu" if "gelu" in act else "reglu" if act == "relu" else "swiglu"
    else:
        ffn_type = "mlp"
    block: dict[str, Any] = {"type": ffn_type}
    if isinstance(size, int):
        block["size"] = size
    return block


def _all_layers_moe(config: Config) -> bool:
    """True when no layer keeps a dense feed-forward block (Qwen MoE configs)."""
    dense = config.get("mlp_only_layers")
    step = config.get("decoder_sparse_step", 1)
    experts = _first(config, "num_experts", "n_routed_experts")
    return isinstance(experts, int) and experts > 1 and not dense and step in (1, None)


def _position(config: Config, kind: str) -> dict[str, Any] | None:
    if kind in {"gpt2", "bert", "roberta", "opt", "gpt_neo"}:
        return {"type": "learned"}
    if kind == "t5":
        return {"type": "relative"}
    if kind in {"mamba", "mamba2"}:
        return None
    if kind in {"bloom"} or config.get("alibi"):
        return {"type": "alibi"}
    block: dict[str, Any] = {"type": "rope"}
    theta = _first(config, "rope_theta", "rotary_emb_base", "rope_base")
    params = config.get("rope_parameters")
    if theta is None and isinstance(params, Mapping):
        theta = params.get("rope_theta")
    if isinstance(theta, (int, float)):
        block["theta"] = int(theta) if float(theta).is_integer() else theta
    scaling = config.get("rope_scaling")
    if isinstance(scaling, Mapping):
        name = str(_first(scaling, "rope_type", "type") or "")
        if name in _ROPE_SCALING:
            block["scaling"] = _ROPE_SCALING[name]
            factor = scaling.get("factor")
            if isinstance(factor, (int, float)):
                block["factor"] = int(factor) if float(factor).is_integer() else factor
    return block


def _norm(config: Config, kind: str) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "layernorm" if kind in _LAYERNORM_TYPES else "rmsnorm"}
    if kind in _RMSNORM_TYPES:
        block["type"] = "rmsnorm"
    if kind in {"bert", "roberta"}:
        block["placement"] = "post"
    elif kind in {"gemma2", "gemma3", "gemma3_text"}:
        block["placement"] = "sandwich"  # norms before and after each sub-layer
    elif kind != "olmo2":  # OLMo 2 normalizes sub-layer outputs: neither pre- nor post-norm
        block["placement"] = "pre"
    return block


def _layer_mix(config: Config) -> dict[str, int]:
    kinds = config.get("layer_types")
    counts: dict[str, int] = {}
    if isinstance(kinds, list):
        for item in kinds:
            counts[str(item)] = counts.get(str(item), 0) + 1
    return counts


def _attention(config: Config, kind: str, layers: int | None) -> dict[str, Any] | None:
    mix = _layer_mix(config)
    full = mix.get("full_attention", 0)
    sliding = mix.get("sliding_attention", 0)
    linear = mix.get("linear_attention", 0)
    window = config.get("sliding_window")
    interval = config.get("full_attention_interval")
    if kind == "qwen3_next" or linear or isinstance(interval, int):
        block: dict[str, Any] = {"layout": "hybrid-linear"}
        if kind in {"qwen3_next"}:
            block["linear"] = "gated-deltanet"
        if isinstance(interval, int) and interval > 1:
            block["linear_per_full"] = interval - 1
        elif linear and full and linear % full == 0:
            block["linear_per_full"] = linear // full
        return block
    pattern = config.get("sliding_window_pattern")
    uses_window = config.get("use_sliding_window", True) and isinstance(window, int)
    if sliding or (uses_window and (isinstance(pattern, int) or kind in _WINDOWED)):
        block = {"layout": "sliding"}
        if isinstance(window, int):
            block["window"] = window
        if sliding and full and sliding % full == 0:
            block["local_per_global"] = sliding // full
        elif isinstance(pattern, int) and pattern > 1:
            block["local_per_global"] = pattern - 1  # Gemma 3: every sixth layer is global
        elif kind == "gemma2":
            block["local_per_global"] = 1  # Gemma 2 alternates local and global layers
        return block
    if layers:
        return {"layout": "full"}
    return None


def _moe(config: Config, kind: str) -> dict[str, Any] | None:
    experts = _first(
        config, "n_routed_experts", "num_local_experts", "num_experts", "moe_num_experts"
    )
    routed = _first(
        config, "num_experts_per_tok", "experts_per_token", "moe_k", "top_k", "moe_top_k"
    )
    if not isinstance(experts, int) or not isinstance(routed, int) or experts <= 1:
        return None
    block: dict[str, Any] = {"experts": experts, "routed": routed}
    shared = _first(config, "n_shared_experts", "num_shared_experts", "moe_num_shared_experts")
    if isinstance(shared, int):
        block["shared"] = shared
    elif config.get("shared_expert_intermediate_size"):
        block["shared"] = 1  # Qwen-MoE: one shared expert, given by its width
    elif kind in _NO_SHARED_EXPERT:
        block["shared"] = 0
    size = _first(config, "moe_intermediate_size", "expert_intermediate_size")
    if isinstance(size, int):
        block["expert_size"] = size
    elif "num_local_experts" in config and isinstance(config.get("intermediate_size"), int):
        block["expert_size"] = config["intermediate_size"]  # Mixtral: every FFN is an expert
    elif "moe_num_experts" in config and isinstance(config.get("ffn_hidden_size"), int):
        block["expert_size"] = config["ffn_hidden_size"]  # DBRX: likewise
    dense = config.get("first_k_dense_replace")
    if isinstance(dense, int):
        block["dense_layers"] = dense
    return block


def spec_from_config(raw: Config) -> dict[str, Any]:
    """The `spec` block a config implies; keys the config does not settle are left out."""
    if not isinstance(raw, Mapping):
        raise ConfigError("a config.json holds a JSON object")
    config = _text_config(raw)
    kind = str(config.get("model_type") or raw.get("model_type") or "")
    kind = _ALIASES.get(kind, kind)
    if not kind:
        raise ConfigError("the config has no model_type; is this a Hugging Face config.json?")
    layers = _first(config, "num_hidden_layers", "n_layer", "num_layers", "n_layers")
    hidden = _first(config, "hidden_size", "n_embd", "d_model")
    heads = _first(config, "num_attention_heads", "n_head", "num_heads", "n_heads")
    kv = _first(config, "num_key_value_heads", "num_kv_heads", "n_head_kv", "kv_n_heads")
    if kv is None and config.get("multi_query"):
        kv = 1  # Falcon-7B: one key-value head
    if kv is None and isinstance(heads, int) and kind not in {"mamba", "mamba2"}:
        kv = heads
    spec: dict[str, Any] = {
        "layers": layers,
        "hidden_size": hidden,
        "attention_heads": heads,
        "kv_heads": kv,
        "head_dim": _first(config, "head_dim", "d_kv"),
        "vocab_size": _first(config, "vocab_size", "padded_vocab_size"),
        "max_positions": _first(
            config, "max_position_embeddings", "n_positions", "n_ctx", "max_seq_len"
        ),
        "tied_embeddings": config.get("tie_word_embeddings"),
        "ffn": _ffn(config, kind, hidden if isinstance(hidden, int) else None),
        "position": _position(config, kind),
        "norm": _norm(config, kind),
        "attention": _attention(config, kind, layers if isinstance(layers, int) else None),
        "moe": _moe(config, kind),
    }
    kv_rank = config.get("kv_lora_rank")
    if isinstance(kv_rank, int):
        spec["mla"] = {"q_rank": config.get("q_lora_rank"), "kv_rank": kv_rank}
        if spec["mla"]["q_rank"] is None:
            del spec["mla"]["q_rank"]
    if kind == "t5" and isinstance(layers, int):
        decoder = config.get("num_decoder_layers")
        if isinstance(decoder, int):
            spec["note"] = f"layers counts the encoder; the decoder has {decoder} (config.json)"
        else:  # absent: the decoder mirrors the encoder (T5Config's default)
            spec["note"] = f"layers counts the encoder; the decoder also has {layers}"
    return {k: v for k, v in spec.items() if v is not None}


def read_config(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path} is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a config.json holds a JSON object")
    return spec_from_config(data)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_yaml(spec: Mapping[str, Any], *, source_key: str = "config") -> str:
    """The block as a card writes it: flat figures, then one flow mapping per sub-block."""
    lines = ["spec:", f"  source: {source_key}  # the key of the config.json entry in sources"]
    for key, value in spec.items():
        if isinstance(value, Mapping):
            inner = ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items())
            lines.append(f"  {key}: {{{inner}}}")
        elif key == "note":
            lines.append(f"  note: {json.dumps(value)}")
        else:
            lines.append(f"  {key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"
