"""`llmcatalog import-config` on real config.json files, as the makers published them.

The files in tests/configs/ are verbatim copies (SOURCES.md says where each was found). Every
test reads one with `read_config` and checks the spec against the numbers in the file and
against what is known of that architecture; the printed block must also validate inside a card.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from cardfactory import TESTS, model_text

from llmcatalog.commands.cli import main
from llmcatalog.commands.config_import import ConfigError, read_config, spec_from_config, to_yaml
from llmcatalog.reading.loader import load_bytes

CONFIGS = TESTS / "configs"
FILES = sorted(CONFIGS.glob("*.json"))
NAME_RE = re.compile(
    r"^(?P<type>[A-Za-z0-9_]+)--(?P<org>[A-Za-z0-9_.-]+)--(?P<model>[A-Za-z0-9_.-]+)\.json$"
)


def config(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CONFIGS / name).read_text(encoding="utf-8"))
    return data


def spec(name: str) -> dict[str, Any]:
    return read_config(CONFIGS / name)


def first(raw: dict[str, Any], *keys: str) -> Any:
    return next((raw[key] for key in keys if raw.get(key) is not None), None)


# --- the collection itself -----------------------------------------------------------------


def test_there_are_real_configs_of_at_least_ten_model_types() -> None:
    types = {json.loads(path.read_text())["model_type"] for path in FILES}
    assert len(FILES) >= 10
    assert len(types) >= 10, types


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_is_named_after_its_model_type_and_has_a_source_line(path: Path) -> None:
    match = NAME_RE.match(path.name)
    assert match, path.name
    assert json.loads(path.read_text())["model_type"] == match["type"]
    sources = (CONFIGS / "SOURCES.md").read_text(encoding="utf-8")
    hub = f"https://huggingface.co/{match['org']}/{match['model']}/blob/main/config.json"
    own = f"https://github.com/{match['org']}/{match['model']}/blob/"  # the maker's repository
    line = next((ln for ln in sources.splitlines() if f"`{path.name}`" in ln), "")
    assert hub in line or own in line, f"SOURCES.md has no line giving {hub} for {path.name}"


# --- every config: the figures the file states ---------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_spec_repeats_the_figures_of_the_file(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    got = read_config(path)
    assert got["layers"] == first(raw, "num_hidden_layers", "n_layer", "num_layers", "n_layers")
    assert got["hidden_size"] == first(raw, "hidden_size", "n_embd", "d_model")
    heads = first(raw, "num_attention_heads", "n_head", "num_heads", "n_heads")
    assert got["attention_heads"] == heads
    assert got["vocab_size"] == raw["vocab_size"]
    kv = first(raw, "num_key_value_heads", "num_kv_heads", "n_head_kv")
    if kv is not None:
        assert got["kv_heads"] == kv
    if "head_dim" in raw:
        assert got["head_dim"] == raw["head_dim"]
    else:
        assert "head_dim" not in got
    positions = first(raw, "max_position_embeddings", "n_positions", "max_seq_len")
    assert got.get("max_positions") == positions
    assert got.get("tied_embeddings") == raw.get("tie_word_embeddings")
    theta = raw.get("rope_theta", raw.get("attn_config", {}).get("rope_theta"))
    if theta is not None:
        assert got["position"] == got["position"] | {"type": "rope", "theta": theta}
    experts = first(raw, "num_experts", "num_local_experts", "n_routed_experts")
    if experts:
        assert got["moe"]["experts"] == experts
        assert got["moe"]["routed"] == raw["num_experts_per_tok"]
    elif "ffn_config" in raw:
        assert got["moe"]["experts"] == raw["ffn_config"]["moe_num_experts"]
    else:
        assert "moe" not in got


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_printed_block_validates_inside_a_card(path: Path, tmp_path: Path) -> None:
    block = to_yaml(read_config(path))
    source = (
        "  - {title: config.json, url: 'https://huggingface.co/x/y/blob/main/config.json', "
        "kind: code, key: config}\n"
    )
    text = model_text("imported", extra=source + block)
    card, problems = load_bytes(text.encode(), "model", tmp_path / "imported.yaml", "imported.yaml")
    assert problems == [], (problems, block)
    assert card is not None
    spec_data = card.card.spec
    assert spec_data is not None and spec_data.source == "config"
    assert spec_data.layers == read_config(path)["layers"]


# --- what each architecture implies beyond its numbers -------------------------------------


def test_gpt2_learned_positions_layernorm_and_a_four_times_mlp() -> None:
    got = spec("gpt2--openai-community--gpt2.json")
    assert got["layers"] == 12 and got["hidden_size"] == 768 and got["attention_heads"] == 12
    assert got["kv_heads"] == 12  # multi-head attention: one key-value head per query head
    assert got["max_positions"] == 1024 and got["vocab_size"] == 50257
    assert got["position"] == {"type": "learned"}
    assert got["norm"] == {"type": "layernorm", "placement": "pre"}
    # n_inner is absent from the file, which means 4 x n_embd
    assert "n_inner" not in config("gpt2--openai-community--gpt2.json")
    assert got["ffn"] == {"type": "mlp", "size": 3072} and 3072 == 4 * 768
    assert got["attention"] == {"layout": "full"}
    assert "tied_embeddings" not in got  # the file does not say


def test_llama2_rope_rmsnorm_pre_swiglu() -> None:
    got = spec("llama--meta-llama--Llama-2-7b-hf.json")
    assert (got["layers"], got["hidden_size"], got["attention_heads"]) == (32, 4096, 32)
    assert got["kv_heads"] == 32  # the 7B uses plain multi-head attention
    assert got["ffn"] == {"type": "swiglu", "size": 11008}
    assert got["norm"] == {"type": "rmsnorm", "placement": "pre"}
    # This revision of the file has no rope_theta key: the spec does not invent one.
    assert "rope_theta" not in config("llama--meta-llama--Llama-2-7b-hf.json")
    assert got["position"] == {"type": "rope"}
    assert got["max_positions"] == 4096 and got["tied_embeddings"] is False


def test_llama31_theta_and_llama3_rope_scaling() -> None:
    got = spec("llama--meta-llama--Llama-3.1-8B.json")
    assert got["position"] == {"type": "rope", "theta": 500000, "scaling": "llama3", "factor": 8}
    assert got["kv_heads"] == 8  # grouped-query attention
    assert got["ffn"] == {"type": "swiglu", "size": 14336}
    assert got["max_positions"] == 131072 and got["vocab_size"] == 128256
    assert got["norm"] == {"type": "rmsnorm", "placement": "pre"}


def test_llama32_3b_states_its_head_width_and_ties_embeddings() -> None:
    got = spec("llama--meta-llama--Llama-3.2-3B.json")
    assert got["head_dim"] == 128 and got["hidden_size"] == 3072 and got["attention_heads"] == 24
    assert got["tied_embeddings"] is True
    assert got["position"]["scaling"] == "llama3" and got["position"]["factor"] == 32


def test_mistral_sliding_window_on_every_layer() -> None:
    got = spec("mistral--mistralai--Mistral-7B-v0.1.json")
    assert got["attention"] == {"layout": "sliding", "window": 4096}
    assert got["kv_heads"] == 8 and got["max_positions"] == 32768
    assert got["position"] == {"type": "rope", "theta": 10000}


def test_mixtral_eight_experts_two_per_token_each_a_full_ffn() -> None:
    raw = config("mixtral--mistralai--Mixtral-8x7B-v0.1.json")
    got = spec("mixtral--mistralai--Mixtral-8x7B-v0.1.json")
    assert got["moe"] == {
        "experts": 8,
        "routed": 2,
        "shared": 0,
        "expert_size": raw["intermediate_size"],
    }
    assert got["moe"]["expert_size"] == 14336
    # sliding_window is null in this file: every layer attends to the whole context
    assert raw["sliding_window"] is None
    assert got["attention"] == {"layout": "full"}
    assert got["position"]["theta"] == 1000000


def test_qwen25_sizes_tie_embeddings_only_when_small() -> None:
    small = spec("qwen2--Qwen--Qwen2.5-0.5B.json")
    assert small["tied_embeddings"] is True and small["vocab_size"] == 151936
    big = spec("qwen2--Qwen--Qwen2.5-7B.json")
    assert big["tied_embeddings"] is False and big["vocab_size"] == 152064
    assert (big["layers"], big["hidden_size"], big["attention_heads"], big["kv_heads"]) == (
        28,
        3584,
        28,
        4,
    )
    # use_sliding_window is false: the sliding_window key alone does not make it sliding
    assert big["attention"] == {"layout": "full"}
    assert big["ffn"] == {"type": "swiglu", "size": 18944}


def test_qwen3_4b_head_width_is_not_hidden_over_heads() -> None:
    got = spec("qwen3--Qwen--Qwen3-4B.json")
    assert got["hidden_size"] == 2560 and got["attention_heads"] == 32
    assert got["head_dim"] == 128 != 2560 // 32


def test_qwen3_moe_has_no_dense_ffn_and_no_shared_expert() -> None:
    raw = config("qwen3_moe--Qwen--Qwen3-30B-A3B.json")
    got = spec("qwen3_moe--Qwen--Qwen3-30B-A3B.json")
    assert got["moe"] == {"experts": 128, "routed": 8, "shared": 0, "expert_size": 768}
    # intermediate_size is in the file but serves only mlp_only_layers, which is empty
    assert raw["intermediate_size"] == 6144 and raw["mlp_only_layers"] == []
    assert got["ffn"] == {"type": "swiglu"}
    assert got["head_dim"] == 128 and got["kv_heads"] == 4


def test_bert_post_norm_layernorm_learned_positions() -> None:
    got = spec("bert--google-bert--bert-base-uncased.json")
    assert got["norm"] == {"type": "layernorm", "placement": "post"}
    assert got["position"] == {"type": "learned"}
    assert got["ffn"] == {"type": "mlp", "size": 3072}
    assert (got["layers"], got["hidden_size"], got["max_positions"]) == (12, 768, 512)


def test_falcon_7b_before_transformers_support_is_read_as_falcon() -> None:
    raw = config("RefinedWebModel--tiiuae--falcon-7b.json")
    got = spec("RefinedWebModel--tiiuae--falcon-7b.json")
    assert raw["model_type"] == "RefinedWebModel" and raw["multi_query"] is True
    assert got["kv_heads"] == 1  # multi-query attention
    assert got["layers"] == raw["n_layer"] == 32 and got["attention_heads"] == raw["n_head"] == 71
    assert got["norm"] == {"type": "layernorm", "placement": "pre"}
    assert got["ffn"] == {"type": "mlp", "size": 4 * 4544}  # no ffn_hidden_size: 4 x width
    assert got["position"] == {"type": "rope"}  # alibi is false
    assert "max_positions" not in got  # the file does not say


def test_gemma2_sandwich_norm_geglu_alternating_local_and_global() -> None:
    got = spec("gemma2--google--gemma-2-9b-it.json")
    assert got["norm"] == {"type": "rmsnorm", "placement": "sandwich"}
    assert got["ffn"] == {"type": "geglu", "size": 14336}
    assert got["attention"] == {"layout": "sliding", "window": 4096, "local_per_global": 1}
    assert got["head_dim"] == 256 and got["hidden_size"] == 3584 and got["attention_heads"] == 16


def test_phi3_mini_sliding_window_and_no_grouped_query_attention() -> None:
    raw = config("phi3--microsoft--Phi-3-mini-4k-instruct.json")
    got = spec("phi3--microsoft--Phi-3-mini-4k-instruct.json")
    # Phi-3's code applies sliding_window to every layer; the file sets no use_sliding_window
    assert "use_sliding_window" not in raw
    assert got["attention"] == {"layout": "sliding", "window": 2047}
    assert got["kv_heads"] == got["attention_heads"] == 32
    assert got["ffn"] == {"type": "swiglu", "size": 8192}
    assert got["vocab_size"] == 32064 and got["max_positions"] == 4096
    assert got["position"] == {"type": "rope", "theta": 10000}  # rope_scaling is null


# --- mappings no published file above exercises (small hand-made configs) ------------------


def test_dbrx_style_nested_blocks() -> None:
    """DBRX and MPT keep attention and feed-forward figures in nested blocks."""
    got = spec_from_config(
        {
            "model_type": "dbrx",
            "n_layers": 40,
            "d_model": 6144,
            "n_heads": 48,
            "max_seq_len": 32768,
            "vocab_size": 100352,
            "attn_config": {"kv_n_heads": 8, "rope_theta": 500000},
            "ffn_config": {"ffn_hidden_size": 10752, "moe_num_experts": 16, "moe_top_k": 4},
        }
    )
    assert (got["layers"], got["hidden_size"], got["attention_heads"]) == (40, 6144, 48)
    assert got["kv_heads"] == 8
    assert got["moe"] == {"experts": 16, "routed": 4, "shared": 0, "expert_size": 10752}
    assert got["position"] == {"type": "rope", "theta": 500000}
    assert got["max_positions"] == 32768


def test_t5_relative_positions_rmsnorm_and_a_note_on_the_decoder() -> None:
    base = {"model_type": "t5", "num_layers": 6, "d_model": 512, "num_heads": 8, "d_ff": 2048}
    got = spec_from_config({**base, "d_kv": 64, "vocab_size": 32128, "feed_forward_proj": "relu"})
    assert got["position"] == {"type": "relative"}
    assert got["norm"] == {"type": "rmsnorm", "placement": "pre"}  # T5's norm only rescales
    assert got["ffn"] == {"type": "mlp", "size": 2048}
    assert got["head_dim"] == 64
    assert got["note"] == "layers counts the encoder; the decoder also has 6"
    gated = spec_from_config({**base, "num_decoder_layers": 4, "feed_forward_proj": "gated-gelu"})
    assert gated["ffn"]["type"] == "geglu"
    assert gated["note"] == "layers counts the encoder; the decoder has 4 (config.json)"


def test_latent_attention_shared_experts_and_leading_dense_layers() -> None:
    got = spec_from_config(
        {
            "model_type": "deepseek_v3",
            "num_hidden_layers": 8,
            "hidden_size": 256,
            "num_attention_heads": 4,
            "num_key_value_heads": 4,
            "intermediate_size": 1024,
            "moe_intermediate_size": 128,
            "n_routed_experts": 16,
            "n_shared_experts": 1,
            "num_experts_per_tok": 4,
            "first_k_dense_replace": 3,
            "q_lora_rank": 96,
            "kv_lora_rank": 32,
            "rope_scaling": {"type": "yarn", "factor": 40},
            "rope_theta": 10000,
        }
    )
    assert got["mla"] == {"q_rank": 96, "kv_rank": 32}
    assert got["moe"] == {
        "experts": 16,
        "routed": 4,
        "shared": 1,
        "expert_size": 128,
        "dense_layers": 3,
    }
    assert got["ffn"] == {"type": "swiglu", "size": 1024}  # the leading dense layers
    assert got["position"] == {"type": "rope", "theta": 10000, "scaling": "yarn", "factor": 40}
    without_q = spec_from_config({"model_type": "deepseek_v2", "kv_lora_rank": 32})
    assert without_q["mla"] == {"kv_rank": 32}


def test_a_config_without_model_type_is_refused() -> None:
    with pytest.raises(ConfigError, match="no model_type"):
        spec_from_config({"hidden_size": 8})


# --- the command -----------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_the_spec_block(capsys: pytest.CaptureFixture[str]) -> None:
    path = CONFIGS / "mixtral--mistralai--Mixtral-8x7B-v0.1.json"
    code, out, err = run(capsys, "import-config", str(path))
    assert code == 0 and err == ""
    assert out.startswith("spec:\n  source: config")
    assert "  layers: 32\n" in out
    assert "  moe: {experts: 8, routed: 2, shared: 0, expert_size: 14336}\n" in out
    assert out == to_yaml(read_config(path))


def test_cli_source_key_option(capsys: pytest.CaptureFixture[str]) -> None:
    path = CONFIGS / "gpt2--openai-community--gpt2.json"
    code, out, _ = run(capsys, "import-config", str(path), "--source", "hf-config")
    assert code == 0
    assert out.splitlines()[1].startswith("  source: hf-config")


def test_cli_refuses_a_file_that_is_not_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "config.json"
    path.write_text("model_type: llama\n", encoding="utf-8")
    code, out, err = run(capsys, "import-config", str(path))
    assert code == 2 and out == ""
    assert f"llmcatalog: {path} is not JSON" in err


def test_cli_refuses_json_without_model_type(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"hidden_size": 4096, "num_hidden_layers": 32}), encoding="utf-8")
    code, out, err = run(capsys, "import-config", str(path))
    assert code == 2 and out == ""
    assert "no model_type" in err and "Hugging Face config.json" in err


def test_cli_refuses_json_that_is_not_an_object(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "config.json"
    path.write_text("[1, 2]", encoding="utf-8")
    code, _, err = run(capsys, "import-config", str(path))
    assert code == 2
    assert "a config.json holds a JSON object" in err


def test_cli_reports_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "import-config", str(tmp_path / "absent.json"))
    assert code == 2
    assert "cannot read" in err
