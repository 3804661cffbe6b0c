"""Model catalog: hand-curated facts from papers and model cards."""

from __future__ import annotations

import re

MODEL_COLUMNS = [
    "name", "display_name", "aliases", "developer", "release_year", "open_weights",
    "params_total", "params_active", "layers", "d_model", "n_heads", "kv_heads",
    "head_dim", "context_tokens", "training_tokens", "reported_training_flop",
    "reported_hardware", "reported_gpu_hours", "reported_energy_kwh", "reported_co2_kg",
    "source", "year",
]

REQUIRED_MODELS = [
    "gpt-3", "gopher", "chinchilla", "palm-540b", "opt-175b", "bloom-176b",
    "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b",
    "llama-3.1-405b", "mistral-7b", "mixtral-8x7b", "falcon-180b", "deepseek-v3",
    "qwen2.5-72b", "olmo-7b",
]

# Rows whose every figure is a third-party estimate and that publish no
# parameter count (GPT-4, Gemini 1.0 Ultra, Claude 3 Opus). They are kept out of
# the shipped table while the catalog schema (python/computedivide/
# _catalog_schema.py) makes params_total required; set this to True once a row
# may leave it blank.
INCLUDE_ESTIMATE_ONLY_ROWS = True


# --------------------------------------------------------------------------
# 3. Models
# --------------------------------------------------------------------------
#
# Architecture from the papers / model cards / released config.json files.
# params_active = params_total for dense models; for mixtures of experts the
# parameters used per token. kv_heads = n_heads for multi-head attention, fewer
# for grouped-query attention, 1 for multi-query. context_tokens is the context
# length reached in pre-training (including long-context stages); where the
# released model goes further by extrapolation (YaRN etc.) the source says so. reported_hardware uses
# accelerator ids where it matches. reported_gpu_hours = chip-hours as
# published (or the product of a published chip count and duration, as stated
# in the source text); blank when unpublished.
#
# aliases: other names users type (Hugging Face repository ids, older names),
# separated by ";". Matching ignores case and everything but [a-z0-9], so
# aliases never repeat a name up to case and punctuation, and no alias may
# collide with another row's name or alias (checked in build()).
#
# reported_training_flop: training compute as published, or Epoch AI's
# estimate (Notable AI Models database, CC-BY 4.0), as the source says.
# reported_energy_kwh / reported_co2_kg: training energy and emissions as
# published (location-based where both are given), blank where unpublished.

def M(name, display, dev, rel, open_w, total, active, layers, d_model, heads, kv, head_dim,
      ctx, tokens, hw, hours, source, year, *, aliases="", flop=None, energy_kwh=None,
      co2_kg=None):
    return dict(name=name, display_name=display, aliases=aliases, developer=dev,
                release_year=rel, open_weights=open_w, params_total=total,
                params_active=active, layers=layers, d_model=d_model, n_heads=heads,
                kv_heads=kv, head_dim=head_dim, context_tokens=ctx, training_tokens=tokens,
                reported_training_flop=flop, reported_hardware=hw, reported_gpu_hours=hours,
                reported_energy_kwh=energy_kwh, reported_co2_kg=co2_kg, source=source,
                year=year)


EPOCH_DB = "Epoch AI, Notable AI Models database (CC-BY 4.0; snapshot Apr 2026)"


def epoch(confidence: str = "") -> str:
    """Source suffix for a training-compute figure taken from Epoch AI."""
    note = f", Epoch confidence '{confidence}'" if confidence else ""
    return f"; training compute: {EPOCH_DB} estimate{note}"


LLAMA1 = ("Touvron et al. 2023, LLaMA: Open and Efficient Foundation Language Models (arXiv:2302.13971), "
          "Table 2 (architecture, tokens) and Table 15 (GPU hours on A100-80GB; energy and tCO2eq that "
          "Meta computed at 400 W per GPU, PUE 1.1 and a US-average 0.385 kg/kWh)")
LLAMA2_CARD = ("Meta 2023, Llama 2 model card (meta-llama/llama MODEL_CARD.md: parameters, tokens, GPU "
               "hours on A100-80GB, per-model tCO2eq; 539 t for the three released sizes, energy not "
               "stated) and Touvron et al. 2023, Llama 2: Open Foundation and Fine-Tuned Chat "
               "Models (arXiv:2307.09288), Table 1")
LLAMA3_CARD = ("Meta 2024, Llama 3 model card (meta-llama/llama3 MODEL_CARD.md: parameters, context, tokens "
               "15T+, GPU hours on H100-80GB, per-model tCO2eq; 2,290 t for both sizes, energy not "
               "stated) and Dubey et al. 2024, The Llama 3 Herd of Models "
               "(arXiv:2407.21783), Table 3 (architecture)")
LLAMA31_CARD = ("Meta 2024, Llama 3.1 model card (meta-llama/llama-models models/llama3_1/MODEL_CARD.md: "
                "parameters, 128k context, ~15T tokens, GPU hours on H100-80GB, location-based tCO2eq; "
                "11,390 t for the three sizes, energy not stated) and Dubey et al. 2024, "
                "The Llama 3 Herd of Models (arXiv:2407.21783), Table 3")
LLAMA32_CARD = ("Meta 2024, Llama 3.2 model card (meta-llama/llama-models models/llama3_2/MODEL_CARD.md: "
                "parameters, 128k context, up to 9T tokens, GPU hours on H100-80GB and location-based "
                "tCO2eq per model; logits of Llama 3.1 8B/70B used as targets, 86k further GPU hours of "
                "logit generation not included) and the released config.json (layers, width, heads)")
LLAMA4_CARD = ("Meta 2025, Llama 4 model card (meta-llama/llama-models models/llama4/MODEL_CARD.md: "
               "total and active parameters, context, token counts, GPU hours on H100-80GB, location-based "
               "tCO2eq per model; 1,999 t for both) and the released config.json (48 layers, width 5120, "
               "40 query and 8 KV heads of 128); mixture of experts, natively multimodal")
GEMMA1 = ("Gemma Team 2024, Gemma: Open Models Based on Gemini Research and Technology "
          "(arXiv:2403.08295), Table 1 (architecture) and Sec. 2-3 (tokens, TPUv5e: 512 chips for 2B, "
          "4,096 for 7B); the report gives ~131 tCO2eq for pretraining both sizes together, not per "
          "model")
GEMMA2 = ("Gemma Team 2024, Gemma 2: Improving Open Language Models at a Practical Size "
          "(arXiv:2408.00118), Tables 1-3 (architecture, tokens, TPU type and count); alternating local "
          "(4,096-token sliding window) and global attention layers; the report gives ~1,248 tCO2eq for "
          "pretraining all sizes together, not per model")
QWEN2 = ("Yang et al. 2024, Qwen2 Technical Report (arXiv:2407.10671), Table 1 and Sec. 3 (7T tokens; "
         "pre-training context raised to 32K at the end, 128K at inference with YaRN) and the Qwen/Qwen2 "
         "config.json; hardware and GPU hours not published")
QWEN25 = ("Qwen Team 2024, Qwen2.5 Technical Report (arXiv:2412.15115), Table 1 and Sec. 3 (18T tokens; "
          "pre-training ends at 32,768 tokens of context), and the Qwen/Qwen2.5 base model card (131,072 "
          "at inference with YaRN); hardware and GPU hours not published")
QWEN3 = ("Qwen Team 2025, Qwen3 Technical Report (arXiv:2505.09388), Tables 1-2 (architecture, 36T "
         "tokens) and model card (32,768-token native context, 131,072 with YaRN); hardware and GPU hours "
         "not published")
FALCON = ("Almazrouei et al. 2023, The Falcon Series of Open Language Models (arXiv:2311.16867): "
          "architecture, tokens and training compute (Table 1, in PF-days)")

MODELS = [
    # ---- OpenAI, DeepMind, Google, Meta (2019-2022) ----
    M("gpt-2", "GPT-2 1.5B", "OpenAI", 2019, True, 1.542e9, 1.542e9, 48, 1600, 25, 25, 64, 1024, None,
      "", None,
      "Radford et al. 2019, Language Models are Unsupervised Multitask Learners (OpenAI report), "
      "Table 2 (1542M parameters, 48 layers, width 1600) and Sec. 2.3 (1024-token context); 25 heads "
      "of 64 per the released gpt2-xl config; training tokens, epochs and hardware not published "
      "(WebText, ~40 GB)"
      + epoch("Speculative: assumes ~20 epochs"), 2019,
      aliases="gpt2-xl;gpt-2-1.5b;openai-community/gpt2-xl", flop=1.92e21),
    M("gpt-3", "GPT-3 175B", "OpenAI", 2020, False, 175e9, 175e9, 96, 12288, 96, 96, 128, 2048, 300e9,
      "v100-sxm", 3552000,
      "Brown et al. 2020, Language Models are Few-Shot Learners (arXiv:2005.14165), Table 2.1 and "
      "Sec. 2.2, training compute 3.14e23 FLOP from Table D.1; GPU hours, energy and CO2 are not published "
      "by OpenAI: 3.552e6 V100-hours, 1,287 MWh and 552 tCO2e are the estimates of Patterson "
      "et al. 2021 (arXiv:2104.10350), Table 4 (10,000 V100 x 14.8 days, 330 W per GPU incl. host, "
      "PUE 1.1, 0.429 kg/kWh)", 2020,
      aliases="gpt-3-175b;davinci", flop=3.14e23, energy_kwh=1287000, co2_kg=552000),
    M("gopher", "Gopher 280B", "DeepMind", 2021, False, 280e9, 280e9, 80, 16384, 128, 128, 128, 2048,
      300e9, "tpu-v3", 3768320,
      "Rae et al. 2021, Scaling Language Models: Methods, Analysis & Insights from Training Gopher "
      "(arXiv:2112.11446), Table 1; chip-hours = 920 h x 4096 TPUv3 chips as stated in its energy "
      "appendix; energy derived from that appendix's own figures (283 W per chip x chip-hours x PUE "
      "1.08), CO2 = the 380 net tCO2e it reports" + epoch(), 2021,
      aliases="gopher-280b", flop=6.31e23, energy_kwh=1151749, co2_kg=380000),
    M("chinchilla", "Chinchilla 70B", "DeepMind", 2022, False, 70e9, 70e9, 80, 8192, 64, 64, 128, 2048,
      1.4e12, "tpu-v3/tpu-v4 (TPUv3 and TPUv4; split not reported)", None,
      "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models (arXiv:2203.15556), Table 4 "
      "and Sec. 4.1 (same compute budget as Gopher); no chip-hours, energy or CO2 published" + epoch(),
      2022,
      aliases="chinchilla-70b", flop=5.76e23),
    M("palm-540b", "PaLM 540B", "Google", 2022, False, 540.35e9, 540.35e9, 118, 18432, 48, 1, 256, 2048,
      780e9, "tpu-v4", 8404992,
      "Chowdhery et al. 2022, PaLM: Scaling Language Modeling with Pathways (arXiv:2204.02311), Table 1 "
      "(multi-query attention: 1 KV head) and Appendix B; chip-hours = 6144 chips x 1200 h + 3072 chips "
      "x 336 h as reported there; its carbon figure was not checked here, so energy and CO2 are left "
      "blank" + epoch(), 2022,
      aliases="palm", flop=2.5272e24),
    M("mt-nlg-530b", "Megatron-Turing NLG 530B", "Microsoft / NVIDIA", 2021, False, 530e9, 530e9, 105,
      20480, 128, 128, 160, 2048, 270e9, "a100-80gb", None,
      "Smith et al. 2022, Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B "
      "(arXiv:2201.11990), Sec. 2-3 (105 layers, width 20480, 128 heads, 2048 context, 270B training "
      "tokens; Selene cluster of up to 4,480 A100-80GB); training duration not published (Epoch "
      "derives ~3.45M GPU-hours, not used)" + epoch(), 2022,
      aliases="megatron-turing-nlg-530b;mt-nlg", flop=8.586e23),
    M("opt-175b", "OPT-175B", "Meta AI", 2022, True, 175e9, 175e9, 96, 12288, 96, 96, 128, 2048, 180e9,
      "a100-80gb", 809472,
      "Zhang et al. 2022, OPT: Open Pre-trained Transformer Language Models (arXiv:2205.01068), Table 1 "
      "and Sec. 2 (180B-token corpus; weights on request, non-commercial licence; carbon footprint "
      "75 tCO2eq as the paper states); GPU hours = 992 GPUs x 34 days and energy 356 MWh as given by "
      "Touvron et al. 2023 (arXiv:2302.13971), Table 15, which puts CO2 at 137 t with a US-average grid "
      "factor" + epoch(), 2022,
      flop=4.3e23, energy_kwh=356000, co2_kg=75000),
    M("bloom-176b", "BLOOM 176B", "BigScience", 2022, True, 176.247e9, 176.247e9, 70, 14336, 112, 112, 128,
      2048, 366e9, "a100-80gb", 1082990,
      "BigScience Workshop 2022, BLOOM: A 176B-Parameter Open-Access Multilingual Language Model "
      "(arXiv:2211.05100), Sec. 3 (architecture, 366B training tokens); GPU hours, energy (433 MWh = "
      "GPU-hours x 400 W, dynamic power only) and CO2 (24.69 t from that energy on the French grid; "
      "50.5 t in the full life-cycle estimate with idle power and manufacturing) from Luccioni, Viguier & "
      "Ligozat 2022, Estimating the Carbon Footprint of BLOOM (arXiv:2211.02001), Tables 1-2" + epoch(),
      2022,
      aliases="bloom;bigscience/bloom", flop=3.65664e23, energy_kwh=433196, co2_kg=24690),

    # ---- EleutherAI, MosaicML, BigCode ----
    M("gpt-j-6b", "GPT-J 6B", "EleutherAI", 2021, True, 6.053e9, 6.053e9, 28, 4096, 16, 16, 256, 2048,
      402e9, "tpu-v3", None,
      "Wang & Komatsuzaki 2021, GPT-J-6B (kingoflolz/mesh-transformer-jax README and the "
      "EleutherAI/gpt-j-6b model card): 6,053,381,344 parameters, 28 layers, width 4096, 16 heads, "
      "2048 context, 402B tokens of the Pile on a TPU v3-256 pod slice for about five weeks (chip-hours "
      "not stated)" + epoch(), 2021,
      aliases="gpt-j;EleutherAI/gpt-j-6b", flop=1.5e22),
    M("gpt-neox-20b", "GPT-NeoX-20B", "EleutherAI", 2022, True, 20.55e9, 20.55e9, 44, 6144, 64, 64, 96,
      2048, 472e9, "a100-40gb", None,
      "Black et al. 2022, GPT-NeoX-20B: An Open-Source Autoregressive Language Model (arXiv:2204.06745), "
      "Table 1 and Sec. 3 (44 layers, width 6144, 64 heads; 150,000 steps of ~3.15M tokens on 96 "
      "A100-40GB; duration not stated)" + epoch(), 2022,
      aliases="EleutherAI/gpt-neox-20b", flop=9.31627008e22),
    M("pythia-12b", "Pythia 12B", "EleutherAI", 2023, True, 11.846e9, 11.846e9, 36, 5120, 40, 40, 128, 2048,
      300e9, "a100-40gb", 72300,
      "Biderman et al. 2023, Pythia: A Suite for Analyzing Large Language Models Across Training and "
      "Scaling (arXiv:2304.01373), Table 1 (architecture, 300B tokens of the Pile) and Appendix "
      "(72,300 A100-40GB GPU hours on 256 GPUs)" + epoch(), 2023,
      aliases="EleutherAI/pythia-12b", flop=2.159e22),
    M("mpt-7b", "MPT-7B", "MosaicML", 2023, True, 6.7e9, 6.7e9, 32, 4096, 32, 32, 128, 2048, 1e12,
      "a100-40gb", 100320,
      "MosaicML 2023, Introducing MPT-7B (blog, 5 May 2023) and mosaicml/mpt-7b model card: 6.7B "
      "parameters, 32 layers, width 4096, 32 heads, ALiBi with 2048 training context, 1T tokens; "
      "GPU hours = 440 A100-40GB x 9.5 days as stated there", 2023,
      aliases="mosaicml/mpt-7b"),
    M("mpt-30b", "MPT-30B", "MosaicML", 2023, True, 30e9, 30e9, 48, 7168, 64, 64, 112, 8192, 1.05e12,
      "", None,
      "MosaicML 2023, MPT-30B (blog, 22 Jun 2023; training compute 6 x 30e9 x 1.05e12 = 1.89e23 FLOP as "
      "stated there) and mosaicml/mpt-30b model card (48 layers, width 7168, 64 heads, 8k context; "
      "trained in stages on A100-40GB and H100-80GB clusters, GPU hours not stated; Epoch's 512 H100 x "
      "11.6 days appears to be the blog's cost table, not the run)", 2023,
      aliases="mosaicml/mpt-30b", flop=1.89e23),
    M("starcoderbase-15b", "StarCoderBase 15.5B", "BigCode (Hugging Face, ServiceNow)", 2023, True,
      15.5e9, 15.5e9, 40, 6144, 48, 1, 128, 8192, 1e12, "a100-80gb", 320256,
      "Li et al. 2023, StarCoder: may the source be with you! (arXiv:2305.06161), Sec. 5 (40 layers, "
      "width 6144, 48 heads, multi-query attention, 8192 context; 1T tokens on 512 A100-80GB; 320,256 "
      "GPU hours; energy = GPU-hours x 280 W average; 16.68 tCO2eq); StarCoder itself is this model "
      "fine-tuned on 35B further Python tokens (+3.5% compute), hence the aliases" + epoch(), 2023,
      aliases="starcoderbase;starcoder;bigcode/starcoderbase;bigcode/starcoder", flop=8.46e22,
      energy_kwh=89671.68, co2_kg=16680),

    # ---- Meta LLaMA family ----
    M("llama-7b", "LLaMA 7B", "Meta AI", 2023, True, 6.7e9, 6.7e9, 32, 4096, 32, 32, 128, 2048, 1.0e12,
      "a100-80gb", 82432, LLAMA1 + "; weights released for non-commercial research", 2023,
      aliases="llama-1-7b;huggyllama/llama-7b", energy_kwh=36000, co2_kg=14000),
    M("llama-13b", "LLaMA 13B", "Meta AI", 2023, True, 13.0e9, 13.0e9, 40, 5120, 40, 40, 128, 2048, 1.0e12,
      "a100-80gb", 135168, LLAMA1 + "; weights released for non-commercial research", 2023,
      aliases="llama-1-13b;huggyllama/llama-13b", energy_kwh=59000, co2_kg=23000),
    M("llama-33b", "LLaMA 33B", "Meta AI", 2023, True, 32.5e9, 32.5e9, 60, 6656, 52, 52, 128, 2048, 1.4e12,
      "a100-80gb", 530432, LLAMA1 + "; weights released for non-commercial research (often "
      "distributed as 'llama-30b')", 2023,
      aliases="llama-30b;llama-1-33b;huggyllama/llama-30b", energy_kwh=233000, co2_kg=90000),
    M("llama-65b", "LLaMA 65B", "Meta AI", 2023, True, 65.2e9, 65.2e9, 80, 8192, 64, 64, 128, 2048, 1.4e12,
      "a100-80gb", 1022362, LLAMA1 + "; weights released for non-commercial research" + epoch(), 2023,
      aliases="llama-1-65b;huggyllama/llama-65b", flop=5.5e23, energy_kwh=449000, co2_kg=173000),
    M("llama-2-7b", "Llama 2 7B", "Meta", 2023, True, 7e9, 7e9, 32, 4096, 32, 32, 128, 4096, 2.0e12,
      "a100-80gb", 184320, LLAMA2_CARD + epoch(), 2023,
      aliases="llama-2-7b-hf;meta-llama/Llama-2-7b-hf", flop=8.4e22, co2_kg=31220),
    M("llama-2-13b", "Llama 2 13B", "Meta", 2023, True, 13e9, 13e9, 40, 5120, 40, 40, 128, 4096, 2.0e12,
      "a100-80gb", 368640, LLAMA2_CARD, 2023,
      aliases="llama-2-13b-hf;meta-llama/Llama-2-13b-hf", co2_kg=62440),
    M("llama-2-70b", "Llama 2 70B", "Meta", 2023, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 4096, 2.0e12,
      "a100-80gb", 1720320, LLAMA2_CARD + " (grouped-query attention, 8 KV heads)" + epoch(), 2023,
      aliases="llama-2-70b-hf;meta-llama/Llama-2-70b-hf", flop=8.1e23, co2_kg=291420),
    M("llama-3-8b", "Llama 3 8B", "Meta", 2024, True, 8e9, 8e9, 32, 4096, 32, 8, 128, 8192, 15e12,
      "h100-sxm", 1.3e6, LLAMA3_CARD, 2024,
      aliases="meta-llama-3-8b;meta-llama/Meta-Llama-3-8B", co2_kg=390000),
    M("llama-3-70b", "Llama 3 70B", "Meta", 2024, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 8192, 15e12,
      "h100-sxm", 6.4e6, LLAMA3_CARD + epoch(), 2024,
      aliases="meta-llama-3-70b;meta-llama/Meta-Llama-3-70B", flop=7.861e24, co2_kg=1900000),
    M("llama-3.1-8b", "Llama 3.1 8B", "Meta", 2024, True, 8e9, 8e9, 32, 4096, 32, 8, 128, 131072, 15e12,
      "h100-sxm", 1.46e6, LLAMA31_CARD, 2024,
      aliases="meta-llama-3.1-8b;meta-llama/Llama-3.1-8B", co2_kg=420000),
    M("llama-3.1-70b", "Llama 3.1 70B", "Meta", 2024, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 131072,
      15e12, "h100-sxm", 7.0e6, LLAMA31_CARD, 2024,
      aliases="meta-llama-3.1-70b;meta-llama/Llama-3.1-70B", co2_kg=2040000),
    M("llama-3.1-405b", "Llama 3.1 405B", "Meta", 2024, True, 405e9, 405e9, 126, 16384, 128, 8, 128,
      131072, 15.6e12, "h100-sxm", 3.084e7,
      LLAMA31_CARD + "; 15.6T tokens and 3.8e25 FLOP per the paper (Sec. 3)", 2024,
      aliases="meta-llama-3.1-405b;meta-llama/Llama-3.1-405B", flop=3.8e25, co2_kg=8930000),
    M("llama-3.2-1b", "Llama 3.2 1B", "Meta", 2024, True, 1.23e9, 1.23e9, 16, 2048, 32, 8, 64, 131072, 9e12,
      "h100-sxm", 370000, LLAMA32_CARD + epoch(), 2024,
      aliases="meta-llama/Llama-3.2-1B", flop=6.642e22, co2_kg=107000),
    M("llama-3.2-3b", "Llama 3.2 3B", "Meta", 2024, True, 3.21e9, 3.21e9, 28, 3072, 24, 8, 128, 131072, 9e12,
      "h100-sxm", 460000, LLAMA32_CARD + epoch(), 2024,
      aliases="meta-llama/Llama-3.2-3B", flop=1.7334e23, co2_kg=133000),
    M("llama-3.3-70b", "Llama 3.3 70B", "Meta", 2024, True, 70e9, 70e9, 80, 8192, 64, 8, 128, 131072,
      15e12, "h100-sxm", 7.0e6,
      "Meta 2024, Llama 3.3 model card (meta-llama/llama-models models/llama3_3/MODEL_CARD.md: 70B, 128k "
      "context, 15T+ tokens, 7.0M GPU hours on H100-80GB, the same as Llama 3.1 70B; architecture as "
      "Llama 3.1 70B); released as an instruction-tuned model only; CO2 left blank because versions of "
      "the card disagree (12.9 t in the GitHub copy, 2,040 t elsewhere)" + epoch(), 2024,
      aliases="llama-3.3-70b-instruct;meta-llama/Llama-3.3-70B-Instruct", flop=6.8649768e24),
    M("llama-4-scout", "Llama 4 Scout (17Bx16E)", "Meta", 2025, True, 109e9, 17e9, 48, 5120, 40, 8, 128,
      262144, 40e12, "h100-sxm", 5.0e6,
      LLAMA4_CARD + " (10M context at inference; pre- and post-trained at 256K per Meta's launch "
      "post 'The Llama 4 herd', Apr 2025)" + epoch("Likely"), 2025,
      aliases="llama-4-scout-17b-16e;meta-llama/Llama-4-Scout-17B-16E", flop=4.08e24, co2_kg=1354000),
    M("llama-4-maverick", "Llama 4 Maverick (17Bx128E)", "Meta", 2025, True, 400e9, 17e9, 48, 5120, 40, 8,
      128, 1048576, 22e12, "h100-sxm", 2.38e6,
      LLAMA4_CARD + " (1M context; training context not stated separately)" + epoch("Likely"), 2025,
      aliases="llama-4-maverick-17b-128e;meta-llama/Llama-4-Maverick-17B-128E", flop=2.244e24,
      co2_kg=645000),

    # ---- Mistral AI ----
    M("mistral-7b", "Mistral 7B", "Mistral AI", 2023, True, 7.3e9, 7.3e9, 32, 4096, 32, 8, 128, 8192, None,
      "", None,
      "Jiang et al. 2023, Mistral 7B (arXiv:2310.06825), Table 1 (8 KV heads, sliding window 4096, "
      "context 8192); 7.3B parameters per Mistral AI's release announcement (Sep 2023); training "
      "tokens and hardware not published", 2023,
      aliases="mistral-7b-v0.1;mistralai/Mistral-7B-v0.1"),
    M("mixtral-8x7b", "Mixtral 8x7B", "Mistral AI", 2023, True, 46.7e9, 12.9e9, 32, 4096, 32, 8, 128, 32768,
      None, "", None,
      "Jiang et al. 2024, Mixtral of Experts (arXiv:2401.04088), Table 1 (8 experts, top-2) and Mistral "
      "AI release announcement Dec 2023 (46.7B total, 12.9B active per token); training tokens and "
      "hardware not published" + epoch("Speculative: assumes ~10T tokens"), 2024,
      aliases="mixtral;mixtral-8x7b-v0.1;mistralai/Mixtral-8x7B-v0.1", flop=7.74e23),
    M("mixtral-8x22b", "Mixtral 8x22B", "Mistral AI", 2024, True, 141e9, 39e9, 56, 6144, 48, 8, 128, 65536,
      None, "", None,
      "Mistral AI 2024, Mixtral 8x22B release announcement (Apr 2024: 141B total, 39B active per token, "
      "64K context) and the mistralai/Mixtral-8x22B-v0.1 config.json (56 layers, width 6144, 48 query "
      "and 8 KV heads, 8 experts, top-2); training tokens and hardware not published"
      + epoch("Speculative: assumes ~10T tokens"), 2024,
      aliases="mixtral-8x22b-v0.1;mistralai/Mixtral-8x22B-v0.1", flop=2.34e24),
    M("mistral-large-2", "Mistral Large 2 (123B)", "Mistral AI", 2024, True, 123e9, 123e9, 88, 12288, 96, 8,
      128, 131072, None, "", None,
      "Mistral AI 2024, Large Enough (Mistral Large 2 announcement, Jul 2024: 123B parameters, 128k "
      "context, training context not stated; weights under the Mistral Research Licence) and the "
      "mistralai/Mistral-Large-Instruct-2407 config.json (88 layers, width 12288, 96 query and 8 KV "
      "heads); tokens and hardware not published; Mistral's 2025 life-cycle study (20.4 ktCO2e) covers "
      "training plus 18 months of use, so CO2 is left blank" + epoch("Likely"), 2024,
      aliases="mistral-large-2407;mistralai/Mistral-Large-Instruct-2407", flop=2.13e25),

    # ---- TII Falcon ----
    M("falcon-7b", "Falcon-7B", "Technology Innovation Institute", 2023, True, 7e9, 7e9, 32, 4544, 71, 1, 64,
      2048, 1.5e12, "a100-40gb", 129024,
      FALCON + " (730 PF-days; multi-query attention) and tiiuae/falcon-7b model card (1,500B tokens, "
      "384 A100-40GB for about two weeks: GPU hours = 384 x 14 days, approximate)", 2023,
      aliases="tiiuae/falcon-7b", flop=6.3e22),
    M("falcon-40b", "Falcon-40B", "Technology Innovation Institute", 2023, True, 40e9, 40e9, 60, 8192, 128, 8,
      64, 2048, 1e12, "a100-40gb", 552960,
      FALCON + " (2,800 PF-days; multigroup attention, 8 KV heads) and tiiuae/falcon-40b model card "
      "(1,000B tokens, 384 A100-40GB for two months: GPU hours = 384 x 60 days, approximate)", 2023,
      aliases="tiiuae/falcon-40b", flop=2.4192e23),
    M("falcon-180b", "Falcon-180B", "Technology Innovation Institute", 2023, True, 180e9, 180e9, 80,
      14848, 232, 8, 64, 2048, 3.5e12, "a100-40gb", 7.0e6,
      FALCON + " (43,500 PF-days; multigroup attention, 8 KV heads; up to 4,096 A100-40GB on AWS); "
      "~7,000,000 GPU hours per TII / Hugging Face release post 'Falcon 180B' (Sep 2023); Epoch lists "
      "17.7M (4,096 GPUs x 6 months), the primary figure is kept", 2023,
      aliases="tiiuae/falcon-180B", flop=3.76e24),

    # ---- Alibaba Qwen ----
    M("qwen2-7b", "Qwen2 7B", "Alibaba Qwen Team", 2024, True, 7.62e9, 7.62e9, 28, 3584, 28, 4, 128, 32768,
      7e12, "", None, QWEN2 + epoch(), 2024,
      aliases="Qwen/Qwen2-7B", flop=2.94e23),
    M("qwen2-72b", "Qwen2 72B", "Alibaba Qwen Team", 2024, True, 72.71e9, 72.71e9, 80, 8192, 64, 8, 128,
      32768, 7e12, "", None, QWEN2 + epoch(), 2024,
      aliases="Qwen/Qwen2-72B", flop=3.02e24),
    M("qwen2.5-7b", "Qwen2.5 7B", "Alibaba Qwen Team", 2024, True, 7.61e9, 7.61e9, 28, 3584, 28, 4, 128,
      32768, 18e12, "", None, QWEN25 + " (7.61B parameters)" + epoch("Likely"), 2024,
      aliases="Qwen/Qwen2.5-7B", flop=8.2188e23),
    M("qwen2.5-14b", "Qwen2.5 14B", "Alibaba Qwen Team", 2024, True, 14.7e9, 14.7e9, 48, 5120, 40, 8, 128,
      32768, 18e12, "", None, QWEN25 + " (14.7B parameters)", 2024,
      aliases="Qwen/Qwen2.5-14B"),
    M("qwen2.5-32b", "Qwen2.5 32B", "Alibaba Qwen Team", 2024, True, 32.5e9, 32.5e9, 64, 5120, 40, 8, 128,
      32768, 18e12, "", None, QWEN25 + " (32.5B parameters)" + epoch(), 2024,
      aliases="Qwen/Qwen2.5-32B", flop=3.51e24),
    M("qwen2.5-72b", "Qwen2.5 72B", "Alibaba Qwen Team", 2024, True, 72.7e9, 72.7e9, 80, 8192, 64, 8, 128,
      32768, 18e12, "", None, QWEN25 + " (72.7B parameters)" + epoch(), 2024,
      aliases="Qwen/Qwen2.5-72B", flop=7.8e24),
    M("qwen3-32b", "Qwen3 32B", "Alibaba Qwen Team", 2025, True, 32.8e9, 32.8e9, 64, 5120, 64, 8, 128, 32768,
      36e12, "", None, QWEN3 + epoch(), 2025,
      aliases="Qwen/Qwen3-32B", flop=7.0848e24),
    M("qwen3-235b-a22b", "Qwen3 235B-A22B", "Alibaba Qwen Team", 2025, True, 235e9, 22e9, 94, 4096, 64, 4,
      128, 32768, 36e12, "", None, QWEN3 + " (128 experts, 8 active per token)" + epoch("Likely"), 2025,
      aliases="qwen3-235b;Qwen/Qwen3-235B-A22B", flop=4.752e24),

    # ---- DeepSeek ----
    M("deepseek-v2", "DeepSeek-V2", "DeepSeek-AI", 2024, True, 236e9, 21e9, 60, 5120, 128, 1, 288, 32768,
      8.1e12, "h800", 1399680,
      "DeepSeek-AI 2024, DeepSeek-V2: A Strong, Economical, and Efficient Mixture-of-Experts Language "
      "Model (arXiv:2405.04434), Sec. 2-3 (236B total, 21B active, 60 layers, width 5120, 128 heads, "
      "8.1T tokens; context extended to 32K in training with YaRN, 128K at inference); GPU hours = "
      "the paper's 172.8K H800 hours per "
      "trillion tokens x 8.1T (Epoch lists the per-trillion figure as the total); attention is MLA: "
      "kv_heads=1 and head_dim=288 encode the 576 cached values per token per layer (512 latent + 64 "
      "RoPE key), as for DeepSeek-V3" + epoch(), 2024,
      aliases="deepseek-ai/DeepSeek-V2", flop=1.02e24),
    M("deepseek-v3", "DeepSeek-V3", "DeepSeek-AI", 2024, True, 671e9, 37e9, 61, 7168, 128, 1, 288, 131072,
      14.8e12, "h800", 2.788e6,
      "DeepSeek-AI 2024, DeepSeek-V3 Technical Report (arXiv:2412.19437), Sec. 4.2 (architecture) and "
      "Table 1 (2.788M H800 GPU hours incl. context extension and post-training); MoE; attention is "
      "MLA: kv_heads=1 and head_dim=288 encode the 576 cached values per token per layer (512 latent + "
      "64 decoupled RoPE key), not real heads" + epoch(), 2024,
      aliases="deepseek-v3-base;deepseek-ai/DeepSeek-V3", flop=3.4078e24),
    M("deepseek-r1", "DeepSeek-R1", "DeepSeek-AI", 2025, True, 671e9, 37e9, 61, 7168, 128, 1, 288, 131072,
      14.8e12, "h800", None,
      "DeepSeek-AI 2025, DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement "
      "Learning (arXiv:2501.12948): reinforcement learning on the DeepSeek-V3 base, so architecture and "
      "the 14.8T pretraining tokens are V3's (arXiv:2412.19437); GPU hours of the RL stages not given "
      "there; MLA encoded as for DeepSeek-V3" + epoch() + " (includes the V3 base)", 2025,
      aliases="deepseek-ai/DeepSeek-R1", flop=4.02001e24),

    # ---- Google Gemma ----
    M("gemma-2b", "Gemma 2B", "Google DeepMind", 2024, True, 2.51e9, 2.51e9, 18, 2048, 8, 1, 256, 8192, 3e12,
      "tpu-v5e", None,
      GEMMA1 + "; multi-query attention; 3T tokens per the revised report (the first version said 2T)"
      + epoch(), 2024,
      aliases="google/gemma-2b", flop=4.5115822e22),
    M("gemma-7b", "Gemma 7B", "Google DeepMind", 2024, True, 8.54e9, 8.54e9, 28, 3072, 16, 16, 256, 8192,
      6e12, "tpu-v5e", None, GEMMA1 + epoch(), 2024,
      aliases="google/gemma-7b", flop=3.07e23),
    M("gemma-2-2b", "Gemma 2 2B", "Google DeepMind", 2024, True, 2.61e9, 2.61e9, 26, 2304, 8, 4, 256, 8192,
      2e12, "tpu-v5e", None, GEMMA2 + " (512 TPUv5e)" + epoch(), 2024,
      aliases="google/gemma-2-2b", flop=3.12e22),
    M("gemma-2-9b", "Gemma 2 9B", "Google DeepMind", 2024, True, 9.24e9, 9.24e9, 42, 3584, 16, 8, 256, 8192,
      8e12, "tpu-v4", None, GEMMA2 + " (4,096 TPUv4)" + epoch(), 2024,
      aliases="google/gemma-2-9b", flop=4.32e23),
    M("gemma-2-27b", "Gemma 2 27B", "Google DeepMind", 2024, True, 27.2e9, 27.2e9, 46, 4608, 32, 16, 128,
      8192, 13e12, "tpu-v5p", None, GEMMA2 + " (6,144 TPUv5p)" + epoch(), 2024,
      aliases="google/gemma-2-27b", flop=2.106e24),

    # ---- Microsoft Phi ----
    M("phi-2", "Phi-2", "Microsoft", 2023, True, 2.7e9, 2.7e9, 32, 2560, 32, 32, 80, 2048, 1.4e12,
      "a100-80gb", 32256,
      "Microsoft Research 2023, Phi-2: The surprising power of small language models (blog, Dec 2023) "
      "and microsoft/phi-2 model card (2.7B parameters, 2048 context, 1.4T tokens from multiple passes "
      "over 250B; 96 A100-80GB for 14 days: GPU hours = 96 x 14 days) and its config.json (32 layers, "
      "width 2560, 32 heads)" + epoch(), 2023,
      aliases="microsoft/phi-2", flop=2.27e22),
    M("phi-3-mini", "Phi-3-mini (3.8B, 4k)", "Microsoft", 2024, True, 3.8e9, 3.8e9, 32, 3072, 32, 32, 96,
      4096, 3.3e12, "h100-sxm", 86016,
      "Abdin et al. 2024, Phi-3 Technical Report (arXiv:2404.14219), Sec. 2 (3.8B, 32 layers, width "
      "3072, 32 heads, 4K context, 3.3T tokens) and the April 2024 Phi-3-mini-4k-instruct model card "
      "(512 H100-80G for 7 days: GPU hours = 512 x 7 days); the June 2024 update of that card (4.9T "
      "tokens, 10 days) describes a retrained version", 2024,
      aliases="phi-3-mini-4k"),
    M("phi-4", "Phi-4 (14B)", "Microsoft", 2024, True, 14.7e9, 14.7e9, 40, 5120, 40, 10, 128, 16384, 9.8e12,
      "h100-sxm", 967680,
      "Abdin et al. 2024, Phi-4 Technical Report (arXiv:2412.08905) and microsoft/phi-4 model card "
      "(14B, 16K context, 9.8T tokens, 1920 H100-80G for 21 days: GPU hours = 1920 x 21 days) and its "
      "config.json (40 layers, width 5120, 40 query and 10 KV heads)" + epoch(), 2024,
      aliases="microsoft/phi-4", flop=9.3202015e23),

    # ---- AI2 OLMo ----
    M("olmo-7b", "OLMo 7B", "Allen Institute for AI", 2024, True, 6.89e9, 6.89e9, 32, 4096, 32, 32, 128,
      2048, 2.46e12, "a100-40gb", None,
      "Groeneveld et al. 2024, OLMo: Accelerating the Science of Language Models (arXiv:2402.00838), "
      "Table 1 and Sec. 3 (2.46T tokens; trained on A100-40GB at MosaicML and on AMD MI250X at LUMI); "
      "GPU hours not published; energy (104 MWh, measured GPU power) and CO2 (70 tCO2eq with PUE 1.1 "
      "and 0.610 kg/kWh) are those of the A100 run as tabulated in OLMo 2 (arXiv:2501.00656), Table 19"
      + epoch(), 2024,
      aliases="allenai/OLMo-7B", flop=1.0332e23, energy_kwh=104000, co2_kg=70000),
    M("olmo-2-7b", "OLMo 2 7B", "Allen Institute for AI", 2024, True, 7.3e9, 7.3e9, 32, 4096, 32, 32, 128,
      4096, 4e12, "h100-sxm", None,
      "OLMo Team 2024, 2 OLMo 2 Furious (arXiv:2501.00656), Table 1 and Sec. 2-4 (32 layers, width 4096, "
      "32 heads, 4096 context, ~4T tokens over two stages, H100 clusters); GPU hours not published; "
      "token count as restated by Morrison et al. 2025 (arXiv:2503.05804)" + epoch(), 2024,
      aliases="olmo-2-1124-7b;allenai/OLMo-2-1124-7B", flop=1.8e23),
    M("olmo-2-13b", "OLMo 2 13B", "Allen Institute for AI", 2024, True, 13.7e9, 13.7e9, 40, 5120, 40, 40, 128,
      4096, 5.6e12, "h100-sxm", None,
      "OLMo Team 2024, 2 OLMo 2 Furious (arXiv:2501.00656), Table 1 and Sec. 2-4 (40 layers, width 5120, "
      "40 heads, 4096 context, H100 clusters); 5.6T tokens over both stages as restated by Morrison "
      "et al. 2025 (arXiv:2503.05804); GPU hours not published" + epoch(), 2024,
      aliases="olmo-2-1124-13b;allenai/OLMo-2-1124-13B", flop=4.6e23),

    # ---- Other open-weight models ----
    M("yi-34b", "Yi 34B", "01.AI", 2023, True, 34.4e9, 34.4e9, 60, 7168, 56, 8, 128, 4096, 3.1e12, "", None,
      "Young et al. 2024, Yi: Open Foundation Models by 01.AI (arXiv:2403.04652), Table 1 (60 layers, "
      "width 7168, 56 query and 8 KV heads, 4K context) and Sec. 2 (3.1T tokens); hardware and GPU hours "
      "not published" + epoch(), 2024,
      aliases="01-ai/Yi-34B", flop=6.1e23),
    M("command-r", "Command R (35B)", "Cohere", 2024, True, 35e9, 35e9, 40, 8192, 64, 64, 128, 131072, None,
      "", None,
      "Cohere For AI 2024, C4AI Command R model card (CohereForAI/c4ai-command-r-v01: 35B parameters, "
      "128K context, training context not stated; weights under CC-BY-NC) and its config.json (40 "
      "layers, width 8192, 64 heads, no "
      "grouping); training tokens and hardware not published", 2024,
      aliases="command-r-v01;c4ai-command-r-v01;CohereForAI/c4ai-command-r-v01"),
    M("command-r-plus", "Command R+ (104B)", "Cohere", 2024, True, 104e9, 104e9, 64, 12288, 96, 8, 128,
      131072, None, "", None,
      "Cohere For AI 2024, C4AI Command R+ model card (CohereForAI/c4ai-command-r-plus: 104B parameters, "
      "128K context, training context not stated; weights under CC-BY-NC) and its config.json (64 "
      "layers, width 12288, 96 query and "
      "8 KV heads); training tokens and hardware not published", 2024,
      aliases="c4ai-command-r-plus;CohereForAI/c4ai-command-r-plus"),
    M("dbrx", "DBRX (132B)", "Databricks", 2024, True, 132e9, 36e9, 40, 6144, 48, 8, 128, 32768, 12e12,
      "h100-sxm", None,
      "Databricks 2024, Introducing DBRX (blog, Mar 2024: 132B total, 36B active, 16 experts with 4 "
      "active, 12T tokens, 32K context, 3,072 H100s; duration not stated) and the databricks/dbrx-base "
      "config.json (40 layers, width 6144, 48 query and 8 KV heads)" + epoch(), 2024,
      aliases="dbrx-base;databricks/dbrx-base", flop=2.6e24),
    M("nemotron-4-340b", "Nemotron-4 340B", "NVIDIA", 2024, True, 340e9, 340e9, 96, 18432, 96, 8, 192, 4096,
      9e12, "h100-sxm", None,
      "NVIDIA 2024, Nemotron-4 340B Technical Report (arXiv:2406.11704), Table 1 (96 layers, width "
      "18432, 96 query and 8 KV heads, 4096 context) and Sec. 2 (8T + 1T tokens on up to 6,144 "
      "H100-80GB; duration not stated)" + epoch(), 2024,
      aliases="nemotron-4-340b-base;nvidia/Nemotron-4-340B-Base", flop=1.8e25),
    M("grok-1", "Grok-1 (314B)", "xAI", 2023, True, 314e9, 78.5e9, 64, 6144, 48, 8, 128, 8192, None, "", None,
      "xAI 2024, Open Release of Grok-1 (blog, Mar 2024: 314B-parameter mixture of experts with about 25% "
      "of the weights active per token, hence 78.5B; an architecture count gives ~84B) and the "
      "xai-org/grok-1 README (64 layers, width 6144, 48 query and 8 KV heads, 8 experts with 2 active, "
      "8,192 context); training tokens and hardware not published" + epoch("Likely"), 2024,
      aliases="xai-org/grok-1", flop=2.9e24),
    M("snowflake-arctic", "Snowflake Arctic (480B)", "Snowflake", 2024, True, 480e9, 17e9, 35, 7168, 56, 8,
      128, 4096, 3.5e12, "", None,
      "Snowflake AI Research 2024, Snowflake Arctic (blog, Apr 2024: dense-MoE hybrid, 480B total, 17B "
      "active, 3.5T tokens in three stages; compute described only as under 3,000 GPU-weeks) and the "
      "Snowflake/snowflake-arctic-base config.json (35 layers, width 7168, 56 query and 8 KV heads)"
      + epoch(), 2024,
      aliases="arctic;Snowflake/snowflake-arctic-base", flop=3.8347175e23),
]

# Closed frontier models: nothing but third-party estimates. Only what the
# estimate gives is filled; parameter counts and architecture stay blank.
ESTIMATE_ONLY_MODELS = [
    M("gpt-4", "GPT-4 (estimate)", "OpenAI", 2023, False, None, None, None, None, None, None, None, None,
      None, "a100-40gb", 5.7e7,
      "ESTIMATE: OpenAI 2023, GPT-4 Technical Report (arXiv:2303.08774), discloses no size, data, "
      "hardware or compute; training compute (90% CI 8.2e24 to 4.4e25 FLOP), hardware and chip-hours "
      f"(~25,000 A100-40GB for ~95 days, after SemiAnalysis reporting) are {EPOCH_DB} estimates, "
      "confidence 'Speculative'", 2025,
      flop=2.1e25),
    M("gemini-1.0-ultra", "Gemini 1.0 Ultra (estimate)", "Google DeepMind", 2023, False, None, None, None,
      None, None, None, None, None, None, "tpu-v4", 1.32e8,
      "ESTIMATE: Gemini Team 2023, Gemini: A Family of Highly Capable Multimodal Models "
      "(arXiv:2312.11805), names TPUv4 (and TPUv5e) but no size, data or compute; training compute and "
      f"chip-hours (~57,000 TPUv4 for ~100 days) are {EPOCH_DB} estimates from benchmarks and "
      "hardware guesses, confidence 'Speculative'", 2025,
      aliases="gemini-ultra;gemini-1-ultra", flop=5e25),
    M("claude-3-opus", "Claude 3 Opus (estimate)", "Anthropic", 2024, False, None, None, None, None, None,
      None, None, None, None, "", None,
      "ESTIMATE: Anthropic 2024, The Claude 3 Model Family model card, discloses no size, data or compute; "
      f"training compute is the {EPOCH_DB} estimate from benchmark scores, confidence 'Speculative'",
      2025,
      aliases="claude-3-opus-20240229", flop=1.64e25),
]


FILE = "models.csv"
COLUMNS = MODEL_COLUMNS
REQUIRED = REQUIRED_MODELS

_NUMERIC = ("release_year", "params_total", "params_active", "layers", "d_model", "n_heads", "kv_heads",
            "head_dim", "context_tokens", "training_tokens", "reported_training_flop",
            "reported_gpu_hours", "reported_energy_kwh", "reported_co2_kg", "year")


def normalise(name: str) -> str:
    """The matching key of a name or alias: lower case, [a-z0-9] only."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def check(rows: list[dict]) -> None:
    """Raise ValueError on colliding names/aliases, bad numbers or missing sources."""
    owner: dict[str, str] = {}
    for row in rows:
        keys = [row["name"]] + [a for a in row["aliases"].split(";") if a]
        for key in keys:
            if key != key.strip() or not key:
                raise ValueError(f"{row['name']}: blank or padded alias {key!r}")
            norm = normalise(key)
            if norm in owner:
                raise ValueError(f"{row['name']}: {key!r} collides with {owner[norm]!r} after "
                                 f"normalisation ({norm!r})")
            owner[norm] = row["name"] if key == row["name"] else f"{row['name']} ({key})"
        for column in _NUMERIC:
            value = row[column]
            if value is not None and not value > 0:
                raise ValueError(f"{row['name']}: {column} = {value!r} is not positive")
        total, active = row["params_total"], row["params_active"]
        if (total is None) != (active is None) or (total is not None and active > total):
            raise ValueError(f"{row['name']}: params_active {active} vs params_total {total}")
        if row["kv_heads"] is not None and row["kv_heads"] > row["n_heads"]:
            raise ValueError(f"{row['name']}: more KV heads than heads")
        if not row["source"] or not row["year"]:
            raise ValueError(f"{row['name']}: no source or year")


def build(data_dir: str) -> list[dict]:
    """The hand-curated rows (``data_dir`` is not read)."""
    rows = MODELS + (ESTIMATE_ONLY_MODELS if INCLUDE_ESTIMATE_ONLY_ROWS else [])
    check(rows)
    return rows
