"""Model catalog: hand-curated facts from papers and model cards."""

from __future__ import annotations

MODEL_COLUMNS = [
    "name", "display_name", "developer", "release_year", "open_weights",
    "params_total", "params_active", "layers", "d_model", "n_heads", "kv_heads",
    "head_dim", "context_tokens", "training_tokens", "reported_hardware",
    "reported_gpu_hours", "source", "year",
]

REQUIRED_MODELS = [
    "gpt-3", "gopher", "chinchilla", "palm-540b", "opt-175b", "bloom-176b",
    "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b",
    "llama-3.1-405b", "mistral-7b", "mixtral-8x7b", "falcon-180b", "deepseek-v3",
    "qwen2.5-72b", "olmo-7b",
]


# --------------------------------------------------------------------------
# 3. Models
# --------------------------------------------------------------------------
#
# Architecture from the papers / model cards. params_active = params_total for
# dense models. kv_heads = n_heads for multi-head attention, 1 for multi-query.
# reported_hardware uses accelerator ids where it matches. reported_gpu_hours
# = chip-hours as published (or the product of published chip count and hours,
# as stated in the source text); blank when unpublished.

def M(name, display, dev, rel, open_w, total, active, layers, d_model, heads, kv, head_dim,
      ctx, tokens, hw, hours, source, year):
    return dict(name=name, display_name=display, developer=dev, release_year=rel,
                open_weights=open_w, params_total=total, params_active=active, layers=layers,
                d_model=d_model, n_heads=heads, kv_heads=kv, head_dim=head_dim,
                context_tokens=ctx, training_tokens=tokens, reported_hardware=hw,
                reported_gpu_hours=hours, source=source, year=year)


LLAMA2_CARD = ("Meta 2023, Llama 2 model card (meta-llama/llama MODEL_CARD.md: parameters, tokens, GPU "
               "hours on A100-80GB) and Touvron et al. 2023, Llama 2: Open Foundation and Fine-Tuned Chat "
               "Models (arXiv:2307.09288), Table 1")
LLAMA3_CARD = ("Meta 2024, Llama 3 model card (meta-llama/llama3 MODEL_CARD.md: parameters, context, tokens "
               "15T+, GPU hours on H100-80GB) and Dubey et al. 2024, The Llama 3 Herd of Models "
               "(arXiv:2407.21783), Table 3 (architecture)")
LLAMA31_CARD = ("Meta 2024, Llama 3.1 model card (meta-llama/llama-models models/llama3_1/MODEL_CARD.md: "
                "parameters, 128k context, ~15T tokens, GPU hours on H100-80GB) and Dubey et al. 2024, "
                "The Llama 3 Herd of Models (arXiv:2407.21783), Table 3")
LLAMA1 = ("Touvron et al. 2023, LLaMA: Open and Efficient Foundation Language Models (arXiv:2302.13971), "
          "Table 2 (architecture, tokens) and Table 15 (GPU hours on A100-80GB)")

MODELS = [
    M("gpt-3", "GPT-3 175B", "OpenAI", 2020, False, 175e9, 175e9, 96, 12288, 96, 96, 128, 2048, 300e9,
      "v100-sxm", 3552000,
      "Brown et al. 2020, Language Models are Few-Shot Learners (arXiv:2005.14165), Table 2.1 and "
      "Sec. 2.2; GPU hours are not published by OpenAI: 3.552e6 V100-hours is the estimate of Patterson "
      "et al. 2021 (arXiv:2104.10350), Table 4 (10,000 V100 x 14.8 days)", 2020),
    M("gopher", "Gopher 280B", "DeepMind", 2021, False, 280e9, 280e9, 80, 16384, 128, 128, 128, 2048,
      300e9, "tpu-v3", 3768320,
      "Rae et al. 2021, Scaling Language Models: Methods, Analysis & Insights from Training Gopher "
      "(arXiv:2112.11446), Table 1; chip-hours = 920 h x 4096 TPUv3 chips as stated in its energy "
      "appendix", 2021),
    M("chinchilla", "Chinchilla 70B", "DeepMind", 2022, False, 70e9, 70e9, 80, 8192, 64, 64, 128, 2048,
      1.4e12, "tpu-v3/tpu-v4 (TPUv3 and TPUv4; split not reported)", None,
      "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models (arXiv:2203.15556), Table 4 "
      "and Sec. 4.1; no chip-hours published", 2022),
    M("palm-540b", "PaLM 540B", "Google", 2022, False, 540.35e9, 540.35e9, 118, 18432, 48, 1, 256, 2048,
      780e9, "tpu-v4", 8404992,
      "Chowdhery et al. 2022, PaLM: Scaling Language Modeling with Pathways (arXiv:2204.02311), Table 1 "
      "(multi-query attention: 1 KV head) and Appendix B; chip-hours = 6144 chips x 1200 h + 3072 chips "
      "x 336 h as reported there", 2022),
    M("opt-175b", "OPT-175B", "Meta AI", 2022, True, 175e9, 175e9, 96, 12288, 96, 96, 128, 2048, 180e9,
      "a100-80gb", 809472,
      "Zhang et al. 2022, OPT: Open Pre-trained Transformer Language Models (arXiv:2205.01068), Table 1 "
      "and Sec. 2 (180B-token corpus; weights on request, non-commercial licence); GPU hours = 992 GPUs x "
      "34 days as given by Touvron et al. 2023 (arXiv:2302.13971), Table 15", 2022),
    M("bloom-176b", "BLOOM 176B", "BigScience", 2022, True, 176.247e9, 176.247e9, 70, 14336, 112, 112, 128,
      2048, 366e9, "a100-80gb", 1082990,
      "BigScience Workshop 2022, BLOOM: A 176B-Parameter Open-Access Multilingual Language Model "
      "(arXiv:2211.05100), Sec. 3 (architecture, 366B training tokens); GPU hours from Luccioni, Viguier & Ligozat 2022, "
      "Estimating the Carbon Footprint of BLOOM (arXiv:2211.02001), Table 1", 2022),
    M("llama-7b", "LLaMA 7B", "Meta AI", 2023, True, 6.7e9, 6.7e9, 32, 4096, 32, 32, 128, 2048, 1.0e12,
      "a100-80gb", 82432, LLAMA1 + "; weights released for non-commercial research", 2023),
    M("llama-65b", "LLaMA 65B", "Meta AI", 2023, True, 65.2e9, 65.2e9, 80, 8192, 64, 64, 128, 2048, 1.4e12,
      "a100-80gb", 1022362, LLAMA1 + "; weights released for non-commercial research", 2023),
    M("llama-2-7b", "Llama 2 7B", "Meta", 2023, True, 7e9, 7e9, 32, 4096, 32, 32, 128, 4096, 2.0e12,
      "a100-80gb", 184320, LLAMA2_CARD, 2023),
    M("llama-2-13b", "Llama 2 13B", "Meta", 2023, True, 13e9, 13e9, 40, 5120, 40, 40, 128, 4096, 2.0e12,
      "a100-80gb", 368640, LLAMA2_CARD, 2023),
    M("llama-2-70b", "Llama 2 70B", "Meta", 2023, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 4096, 2.0e12,
      "a100-80gb", 1720320, LLAMA2_CARD + " (grouped-query attention, 8 KV heads)", 2023),
    M("llama-3-8b", "Llama 3 8B", "Meta", 2024, True, 8e9, 8e9, 32, 4096, 32, 8, 128, 8192, 15e12,
      "h100-sxm", 1.3e6, LLAMA3_CARD, 2024),
    M("llama-3-70b", "Llama 3 70B", "Meta", 2024, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 8192, 15e12,
      "h100-sxm", 6.4e6, LLAMA3_CARD, 2024),
    M("llama-3.1-8b", "Llama 3.1 8B", "Meta", 2024, True, 8e9, 8e9, 32, 4096, 32, 8, 128, 131072, 15e12,
      "h100-sxm", 1.46e6, LLAMA31_CARD, 2024),
    M("llama-3.1-70b", "Llama 3.1 70B", "Meta", 2024, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 131072,
      15e12, "h100-sxm", 7.0e6, LLAMA31_CARD, 2024),
    M("llama-3.1-405b", "Llama 3.1 405B", "Meta", 2024, True, 405e9, 405e9, 126, 16384, 128, 8, 128,
      131072, 15.6e12, "h100-sxm", 3.084e7,
      LLAMA31_CARD + "; 15.6T tokens per the paper (Sec. 3)", 2024),
    M("mistral-7b", "Mistral 7B", "Mistral AI", 2023, True, 7.3e9, 7.3e9, 32, 4096, 32, 8, 128, 8192, None,
      "", None,
      "Jiang et al. 2023, Mistral 7B (arXiv:2310.06825), Table 1 (8 KV heads, sliding window 4096, "
      "context 8192); 7.3B parameters per Mistral AI's release announcement (Sep 2023); training "
      "tokens and hardware not published", 2023),
    M("mixtral-8x7b", "Mixtral 8x7B", "Mistral AI", 2023, True, 46.7e9, 12.9e9, 32, 4096, 32, 8, 128, 32768,
      None, "", None,
      "Jiang et al. 2024, Mixtral of Experts (arXiv:2401.04088), Table 1 (8 experts, top-2) and Mistral "
      "AI release announcement Dec 2023 (46.7B total, 12.9B active per token); training tokens and "
      "hardware not published", 2024),
    M("falcon-180b", "Falcon-180B", "Technology Innovation Institute", 2023, True, 180e9, 180e9, 80,
      14848, 232, 8, 64, 2048, 3.5e12, "a100-40gb", 7.0e6,
      "Almazrouei et al. 2023, The Falcon Series of Open Language Models (arXiv:2311.16867): "
      "architecture (multigroup attention, 8 KV heads) and training setup (up to 4,096 A100-40GB on AWS); ~7,000,000 GPU hours "
      "per TII / Hugging Face release post 'Falcon 180B' (Sep 2023)", 2023),
    M("deepseek-v3", "DeepSeek-V3", "DeepSeek-AI", 2024, True, 671e9, 37e9, 61, 7168, 128, 1, 288, 131072,
      14.8e12, "h800", 2.788e6,
      "DeepSeek-AI 2024, DeepSeek-V3 Technical Report (arXiv:2412.19437), Sec. 4.2 (architecture) and "
      "Table 1 (2.788M H800 GPU hours incl. context extension and post-training); MoE; attention is "
      "MLA: kv_heads=1 and head_dim=288 encode the 576 cached values per token per layer (512 latent + "
      "64 decoupled RoPE key), not real heads", 2024),
    M("qwen2.5-72b", "Qwen2.5 72B", "Alibaba Qwen Team", 2024, True, 72.7e9, 72.7e9, 80, 8192, 64, 8, 128,
      131072, 18e12, "", None,
      "Qwen Team 2024, Qwen2.5 Technical Report (arXiv:2412.15115), Table 1 and Sec. 3 (18T tokens), and "
      "Qwen/Qwen2.5-72B model card (72.7B parameters; 128K context with YaRN, 32K native); hardware and "
      "GPU hours not published", 2024),
    M("olmo-7b", "OLMo 7B", "Allen Institute for AI", 2024, True, 6.89e9, 6.89e9, 32, 4096, 32, 32, 128,
      2048, 2.46e12, "a100-40gb", None,
      "Groeneveld et al. 2024, OLMo: Accelerating the Science of Language Models (arXiv:2402.00838), "
      "Table 1 and Sec. 3 (2.46T tokens; trained on A100-40GB at MosaicML and on AMD MI250X at LUMI); "
      "GPU hours not published (energy only)", 2024),
]


FILE = "models.csv"
COLUMNS = MODEL_COLUMNS
REQUIRED = REQUIRED_MODELS


def build(data_dir: str) -> list[dict]:
    """The hand-curated rows (``data_dir`` is not read)."""
    return MODELS
