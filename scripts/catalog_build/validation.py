"""Validation tables: published LLM training runs and serving throughputs.

Two files, each row with its source:

* ``validation_runs.csv``    one row per published training run: size, tokens,
                             hardware, chips, chip-hours, days, and the energy,
                             power, PUE, grid factor and CO2 the publisher used;
* ``validation_serving.csv`` published output-token throughputs of a model on a
                             given system (MLPerf Inference results, NVIDIA
                             TensorRT-LLM performance tables and blog posts).

The rows are hand-curated here. The training runs started from the reference
table ``data/validation/training_runs.csv`` of the shared folder (read, never
copied); each figure was checked against the paper, model card or results log
named in ``source``, and more runs were added from model cards and papers. The
build reads that reference table only to cross-check the figures both hold (a
disagreement above 2 % stops the build); the package never needs it.

Conventions (``validation_runs.csv``)
-------------------------------------
* Numbers are in base units: parameters and tokens as counts, energy in kWh,
  power in W per chip, grid factor in g CO2e per kWh, CO2 in kg, MFU as a
  fraction. Blank means the source does not state it.
* Only figures a source states are filled. Approximate figures ("~15T",
  "about two weeks") are filled with the figure given; ranges ("up to 9T",
  "38-43 %") and derived estimates of third parties are left blank.
  ``chip_hours`` is either stated, or the product of a stated chip count and a
  stated duration (the source says so).
* ``model`` is the id in ``models.csv`` where the model is listed there,
  otherwise its published name (``EXTERNAL_MODELS``).
* ``hardware`` is an id of ``accelerators.csv``; runs on hardware that is not in
  that catalog (TPU v3/v4 mixes, unnamed GPUs, MI250X halves of a run) are left
  out, as are aggregate figures (Code Llama, the Gemma families) that are not
  broken down per model.
* ``architecture``: ``decoder-only`` or ``encoder-decoder`` (T5, Meena and the
  T5-based GShard and Switch Transformer), whose FLOPs per token are not 6 N.
* ``energy_method`` says how the publisher's energy (and so CO2) figure was
  obtained: ``measured`` (measured average system or GPU power x hours),
  ``tdp`` (chip-hours x the chip's TDP or power cap), ``assumed_power``
  (chip-hours x an assumed average power that is not the TDP); blank when the
  source gives neither energy nor CO2. ``power_w_per_chip`` is the power the
  publisher used; ``energy_kwh_reported`` stays blank where only CO2 is given
  (all Meta model cards since Llama 2).
* ``pue_used``: the PUE the publisher applied, 1.0 where the figure explicitly
  has none, blank where not stated. Meta's cards since Llama 2 say the power is
  "adjusted for power usage efficiency" but list the bare TDP and no PUE, so it
  is blank there.
* ``co2_kg_reported``: location-based (Patterson's "gross") where both
  location- and market-based figures are given; Meta's market-based figure is
  0 t throughout and not used.
* ``convention``: ``meta`` (chip-hours x TDP, Meta model-card style),
  ``patterson`` (measured system power x PUE x grid factor, Patterson et al.
  2021), ``luccioni`` (BLOOM: dynamic GPU power only, no PUE), ``other``.
* ``mfu_reported``: the model-FLOPs utilisation the source states; for the
  rows of Patterson et al. 2021 Table 4, its measured TFLOP/s per chip over the
  peak TFLOP/s it lists.

Conventions (``validation_serving.csv``)
----------------------------------------
* ``tokens_per_s`` is generated (output) tokens per second of the whole system
  of ``n_chips`` accelerators, as published; ``tokens_per_s_scope`` says what
  was measured. ``model`` and ``hardware`` are catalog ids.
* ``input_tokens`` / ``output_tokens`` are the fixed sequence lengths of a
  synthetic benchmark; blank for MLPerf, whose Llama 2 70B data set (24,576
  OpenOrca samples) has variable lengths. ``batch`` is blank where the
  benchmark uses in-flight batching at maximum load.
"""

from __future__ import annotations

import math
import os
import re
from types import SimpleNamespace

from .accelerators import ACCELERATORS
from .common import read_csv
from .models import ESTIMATE_ONLY_MODELS, MODELS

RUN_COLUMNS = [
    "id", "model", "developer", "release_year", "params_total", "params_active", "training_tokens",
    "architecture", "hardware", "n_chips", "chip_hours", "training_days", "energy_kwh_reported", "energy_method",
    "power_w_per_chip", "pue_used", "carbon_intensity_g_per_kwh_used", "co2_kg_reported",
    "mfu_reported", "convention", "source", "year",
]
SERVING_COLUMNS = [
    "id", "model", "hardware", "n_chips", "precision", "batch", "input_tokens", "output_tokens",
    "tokens_per_s", "tokens_per_s_scope", "scenario", "source", "year",
]

REQUIRED_RUNS = [
    "gpt-3", "bloom-176b", "llama-2-70b", "llama-3-70b", "llama-3.1-405b", "deepseek-v3",
]
REQUIRED_SERVING = [
    "mlperf-v4.0-llama-2-70b-8xh100-offline", "mlperf-v4.1-llama-2-70b-8xmi300x-offline",
]

ENERGY_METHODS = ("measured", "tdp", "assumed_power", "")
CONVENTIONS = ("meta", "patterson", "luccioni", "other")

# Runs whose model is not in models.csv: ``model`` holds the published name.
EXTERNAL_MODELS = {
    "T5-11B", "Meena 2.6B", "GShard 600B (MoE)", "Switch Transformer 1.5T (MoE)", "LaMDA 137B",
    "GLaM 1.2T (MoE)", "Llama 2 34B",
}


def R(id, model, developer, release_year, *, total=None, active=None, tokens=None,
      architecture="decoder-only", hardware,
      chips=None, chip_hours=None, days=None, energy_kwh=None, method="", power=None, pue=None,
      grid=None, co2_kg=None, mfu=None, convention, source, year):
    """One training run. ``active`` defaults to ``total`` (dense model) unless
    given; pass ``active=0`` for a mixture of experts whose active size is not
    published."""
    if active is None:
        active = total
    elif active == 0:
        active = None
    return dict(id=id, model=model, developer=developer, release_year=release_year,
                params_total=total, params_active=active, training_tokens=tokens,
                architecture=architecture, hardware=hardware,
                n_chips=chips, chip_hours=chip_hours, training_days=days,
                energy_kwh_reported=energy_kwh, energy_method=method, power_w_per_chip=power,
                pue_used=pue, carbon_intensity_g_per_kwh_used=grid, co2_kg_reported=co2_kg,
                mfu_reported=mfu, convention=convention, source=source, year=year)


# --------------------------------------------------------------------------
# Training runs
# --------------------------------------------------------------------------

PATTERSON = ("Patterson et al. 2021, Carbon Emissions and Large Neural Network Training "
             "(arXiv:2104.10350), Table 4")
LLAMA1 = ("Touvron et al. 2023, LLaMA: Open and Efficient Foundation Language Models "
          "(arXiv:2302.13971), Table 2 (parameters, tokens) and Table 15 (GPU-hours on A100-80GB; "
          "energy = GPU-hours x 400 W x PUE 1.1; tCO2eq at the US-average 0.385 kg/kWh, not the "
          "actual site)")
LLAMA2_CARD = ("Meta 2023, Llama 2 model card (meta-llama/llama MODEL_CARD.md), 'Carbon Footprint' "
               "table: GPU-hours on A100-80GB (TDP 350-400 W), power 400 W per GPU, tCO2eq "
               "(100% offset); energy and grid factor not stated, and no PUE figure although the "
               "card says the power is 'adjusted for power usage efficiency'; 2.0T tokens per the "
               "card's family table")
LLAMA3_CARD = ("Meta 2024, Llama 3 model card (meta-llama/llama3 MODEL_CARD.md), 'Carbon Footprint' "
               "table: GPU-hours on H100-80GB (TDP 700 W), power 700 W, tCO2eq (100% offset); "
               "tokens '15T+'; energy, grid factor and PUE figure not stated")
LLAMA31_CARD = ("Meta 2024, Llama 3.1 model card (meta-llama/llama-models models/llama3_1/"
                "MODEL_CARD.md), 'Training Energy Use' and 'Training Greenhouse Gas Emissions' "
                "table: GPU-hours on H100-80GB (TDP 700 W), power 700 W, location-based tCO2eq "
                "(market-based 0 t); energy, grid factor and PUE figure not stated")
LLAMA32_CARD = ("Meta 2024, Llama 3.2 model card (meta-llama/llama-models models/llama3_2/"
                "MODEL_CARD.md), 'Training Energy Use' table: training GPU-hours on H100-80GB "
                "(TDP 700 W), power 700 W, location-based tCO2eq; parameters 1.23B / 3.21B; tokens "
                "'up to 9T' (a bound, left blank); the 86k GPU-hours of logit generation are not in "
                "the per-model figures")
LLAMA4_CARD = ("Meta 2025, Llama 4 model card (meta-llama/llama-models models/llama4/MODEL_CARD.md), "
               "'Training Energy Use' table: GPU-hours on H100-80GB (TDP 700 W), power 700 W, "
               "location-based tCO2eq; '17B (Activated)' parameters, pretraining tokens '~40T' "
               "(Scout) and '~22T' (Maverick) of multimodal data")

RUNS = [
    # ---- Patterson et al. 2021, Table 4 (measured system power x PUE x grid) ----
    R("t5-11b", "T5-11B", "Google", 2019, architecture="encoder-decoder", total=11e9, tokens=1e12, hardware="tpu-v3", chips=512,
      chip_hours=245760, days=20, energy_kwh=85700, method="measured", power=310, pue=1.12, grid=545,
      co2_kg=46700, mfu=0.371, convention="patterson",
      source=PATTERSON + ": 512 TPU v3 chips x 20 days (chip-hours = chips x days), measured average "
      "system power 310 W per chip (chip, host, network, fans), PUE 1.12, 0.545 kg/kWh, 85.7 MWh, "
      "46.7 tCO2e; MFU = measured 45.6 of 123 peak TFLOP/s per chip; tokens: Raffel et al. 2020 "
      "(arXiv:1910.10683), Sec. 3.7, about 1 trillion pre-training tokens", year=2021),
    R("meena", "Meena 2.6B", "Google", 2020, architecture="encoder-decoder", total=2.6e9, hardware="tpu-v3", chips=1024,
      chip_hours=737280, days=30, energy_kwh=232000, method="measured", power=289, pue=1.09, grid=415,
      co2_kg=96400, mfu=0.344, convention="patterson",
      source=PATTERSON + ": 1,024 TPU v3 chips x 30 days (chip-hours = chips x days), measured 289 W "
      "per chip, PUE 1.09, 0.415 kg/kWh, 232 MWh, 96.4 tCO2e; MFU = measured 42.3 of 123 peak "
      "TFLOP/s; total tokens not stated as one figure (164 epochs of a 61B-token corpus)", year=2021),
    R("gshard-600b", "GShard 600B (MoE)", "Google", 2020, architecture="encoder-decoder", total=619e9, active=0, hardware="tpu-v3",
      chips=1024, chip_hours=76186, days=3.1, energy_kwh=24100, method="measured", power=288, pue=1.09,
      grid=201, co2_kg=4800, mfu=0.39, convention="patterson",
      source=PATTERSON + ": 619B-parameter mixture of experts, 1,024 TPU v3 chips x 3.1 days "
      "(chip-hours = chips x days), measured 288 W per chip, PUE 1.09, gross 0.201 kg/kWh (net "
      "0.177), 24.1 MWh, 4.8 tCO2e gross (4.3 net); MFU = measured 48.0 of 123 peak TFLOP/s; "
      "active parameters per token not stated as a count", year=2021),
    R("switch-transformer-1.5t", "Switch Transformer 1.5T (MoE)", "Google", 2021, architecture="encoder-decoder", total=1500e9,
      active=0, hardware="tpu-v3", chips=1024, chip_hours=663552, days=27, energy_kwh=179000,
      method="measured", power=245, pue=1.10, grid=403, co2_kg=72200, mfu=0.28, convention="patterson",
      source=PATTERSON + ": 1.5T-parameter mixture of experts, 1,024 TPU v3 chips x 27 days "
      "(chip-hours = chips x days), 245 W per chip, PUE 1.10, gross 0.403 kg/kWh (net 0.330), "
      "179 MWh, 72.2 tCO2e gross (59.1 net); MFU = measured 34.4 of 123 peak TFLOP/s; the paper's "
      "text notes that the Switch figures were estimated rather than metered", year=2021),
    R("gpt-3", "gpt-3", "OpenAI (on Microsoft Azure)", 2020, total=175e9, tokens=300e9,
      hardware="v100-sxm", chips=10000, chip_hours=3552000, days=14.8, energy_kwh=1287000,
      method="measured", power=330, pue=1.10, grid=429, co2_kg=552100, mfu=0.197,
      convention="patterson",
      source=PATTERSON + " and footnote 14: 10,000 V100 x 14.8 days (chip-hours = chips x days), "
      "330 W average system power per V100 and PUE 1.10 as measured/supplied for the run, US-average "
      "0.429 kg/kWh, 1,287 MWh, 552.1 tCO2e; MFU = measured 24.6 of 125 peak TFLOP/s; parameters "
      "and tokens: Brown et al. 2020 (arXiv:2005.14165), Table 2.1", year=2021),

    # ---- Other Google / DeepMind runs ----
    R("gopher-280b", "gopher", "DeepMind", 2021, total=280e9, tokens=300e9, hardware="tpu-v3",
      chips=4096, chip_hours=3768320, days=38.33, method="assumed_power", power=283, pue=1.08,
      grid=330, co2_kg=380000, convention="other",
      source="Rae et al. 2021, Scaling Language Models: Methods, Analysis & Insights from Training "
      "Gopher (arXiv:2112.11446), Table 1 (280B, 300B tokens) and its energy paragraph: 920 hours on "
      "4,096 TPU v3 chips (chip-hours = chips x hours), 283 W per chip, PUE 1.08, net 0.330 "
      "tCO2e/MWh in Georgia, 380 net tCO2e; energy itself not stated", year=2021),
    R("lamda-137b", "LaMDA 137B", "Google", 2022, total=137e9, hardware="tpu-v3", chips=1024,
      chip_hours=1418035, days=57.7, energy_kwh=451000, method="assumed_power", power=289, pue=1.10,
      grid=56, co2_kg=25200, mfu=0.565, convention="patterson",
      source="Thoppilan et al. 2022, LaMDA: Language Models for Dialog Applications "
      "(arXiv:2201.08239), Sec. 10 'Energy and Carbon Footprint Estimate of LaMDA': 1,024 TPU v3 "
      "chips for 57.7 days (chip-hours = chips x days), 56.5% FLOPS utilisation, 289 W per chip "
      "taken from the Meena measurement (not metered for this run), PUE 1.10, 451 MWh, ~25.2 "
      "tCO2e for the largest model's pre-training on Google's energy mix net of carbon-free "
      "purchases (grid factor 0.056 kg/kWh as transcribed in the shared reference table; it "
      "equals 25.2 t / 451 MWh)", year=2022),
    R("glam-1.2t", "GLaM 1.2T (MoE)", "Google", 2021, total=1200e9, active=96.6e9, tokens=600e9,
      hardware="tpu-v4", chips=1024, energy_kwh=456000, method="measured", power=326, co2_kg=40200,
      convention="patterson",
      source="Du et al. 2021, GLaM: Efficient Scaling of Language Models with Mixture-of-Experts "
      "(arXiv:2112.06905), Table 1 (1.2T total, 96.6B activated) and its energy section: 1,024 TPU v4 "
      "chips, measured 326 W per chip, 456 MWh and 40.2 net tCO2e for 600B training tokens (a "
      "280B-token run: 574 hours, 213 MWh); duration of the full run and PUE not checked here",
      year=2021),
    R("palm-540b", "palm-540b", "Google", 2022, total=540.35e9, tokens=780e9, hardware="tpu-v4",
      chips=6144, chip_hours=8404992, power=378.5, pue=1.08, mfu=0.462, convention="patterson",
      source="Chowdhery et al. 2022, PaLM: Scaling Language Modeling with Pathways "
      "(arXiv:2204.02311), Table 1 (540.35B parameters, 780B tokens), Table 3 (46.2% MFU) and "
      "Appendix B: 6,144 TPU v4 chips for 1,200 hours and 3,072 for 336 hours (chip-hours = the "
      "sum of both products), 378.5 W measured system power per chip, PUE 1.08; the paper's energy "
      "and tCO2e figures were not checked here and are left blank", year=2022),

    # ---- Meta OPT / LLaMA (Table 15 of the LLaMA paper: GPU-hours x 400 W x PUE 1.1) ----
    R("opt-175b", "opt-175b", "Meta AI", 2022, total=175e9, tokens=180e9, hardware="a100-80gb",
      chips=992, chip_hours=809472, days=34, energy_kwh=356000, method="tdp", power=400, pue=1.1,
      grid=385, co2_kg=137000, convention="meta",
      source="Touvron et al. 2023 (arXiv:2302.13971), Table 15, OPT row: 992 A100-80GB x 34 days "
      "(809,472 GPU-hours), 400 W x PUE 1.1 = 356 MWh, 137 tCO2eq at 0.385 kg/kWh; parameters and "
      "the 180B-token corpus: Zhang et al. 2022, OPT (arXiv:2205.01068), whose own estimate is 75 "
      "tCO2eq", year=2023),
    R("llama-7b", "llama-7b", "Meta AI", 2023, total=6.7e9, tokens=1.0e12, hardware="a100-80gb",
      chip_hours=82432, energy_kwh=36000, method="tdp", power=400, pue=1.1, grid=385, co2_kg=14000,
      convention="meta", source=LLAMA1, year=2023),
    R("llama-13b", "llama-13b", "Meta AI", 2023, total=13.0e9, tokens=1.0e12, hardware="a100-80gb",
      chip_hours=135168, energy_kwh=59000, method="tdp", power=400, pue=1.1, grid=385, co2_kg=23000,
      convention="meta", source=LLAMA1, year=2023),
    R("llama-33b", "llama-33b", "Meta AI", 2023, total=32.5e9, tokens=1.4e12, hardware="a100-80gb",
      chip_hours=530432, energy_kwh=233000, method="tdp", power=400, pue=1.1, grid=385, co2_kg=90000,
      convention="meta", source=LLAMA1, year=2023),
    R("llama-65b", "llama-65b", "Meta AI", 2023, total=65.2e9, tokens=1.4e12, hardware="a100-80gb",
      chips=2048, chip_hours=1022362, days=21, energy_kwh=449000, method="tdp", power=400, pue=1.1,
      grid=385, co2_kg=173000, convention="meta",
      source=LLAMA1 + "; Sec. 2.4: 2,048 A100-80GB, about 21 days for 1.4T tokens", year=2023),

    # ---- Meta Llama 2 / 3 / 3.1 / 3.2 / 4 model cards (GPU-hours x TDP) ----
    R("llama-2-7b", "llama-2-7b", "Meta", 2023, total=7e9, tokens=2.0e12, hardware="a100-80gb",
      chip_hours=184320, method="tdp", power=400, co2_kg=31220, convention="meta",
      source=LLAMA2_CARD, year=2023),
    R("llama-2-13b", "llama-2-13b", "Meta", 2023, total=13e9, tokens=2.0e12, hardware="a100-80gb",
      chip_hours=368640, method="tdp", power=400, co2_kg=62440, convention="meta",
      source=LLAMA2_CARD, year=2023),
    R("llama-2-34b", "Llama 2 34B", "Meta", 2023, total=34e9, tokens=2.0e12, hardware="a100-80gb",
      chip_hours=1038336, convention="meta",
      source="Touvron et al. 2023, Llama 2: Open Foundation and Fine-Tuned Chat Models "
      "(arXiv:2307.09288), Tables 1-2: 34B (unreleased), 2.0T tokens, 1,038,336 A100-80GB GPU-hours; "
      "the model card's total of 3,311,616 GPU-hours and 539 tCO2eq includes it (the card's three "
      "released sizes sum to 2,273,280 GPU-hours and 385.08 t); its own power and tCO2eq were not "
      "checked here and are left blank", year=2023),
    R("llama-2-70b", "llama-2-70b", "Meta", 2023, total=70e9, tokens=2.0e12, hardware="a100-80gb",
      chip_hours=1720320, method="tdp", power=400, co2_kg=291420, convention="meta",
      source=LLAMA2_CARD, year=2023),
    R("llama-3-8b", "llama-3-8b", "Meta", 2024, total=8e9, tokens=15e12, hardware="h100-sxm",
      chip_hours=1.3e6, method="tdp", power=700, co2_kg=390000, convention="meta",
      source=LLAMA3_CARD, year=2024),
    R("llama-3-70b", "llama-3-70b", "Meta", 2024, total=70e9, tokens=15e12, hardware="h100-sxm",
      chip_hours=6.4e6, method="tdp", power=700, co2_kg=1900000, convention="meta",
      source=LLAMA3_CARD, year=2024),
    R("llama-3.1-8b", "llama-3.1-8b", "Meta", 2024, total=8e9, tokens=15e12, hardware="h100-sxm",
      chip_hours=1.46e6, method="tdp", power=700, co2_kg=420000, convention="meta",
      source=LLAMA31_CARD + "; tokens '~15 trillion' (card)", year=2024),
    R("llama-3.1-70b", "llama-3.1-70b", "Meta", 2024, total=70e9, tokens=15e12, hardware="h100-sxm",
      chip_hours=7.0e6, method="tdp", power=700, co2_kg=2040000, convention="meta",
      source=LLAMA31_CARD + "; tokens '~15 trillion' (card)", year=2024),
    R("llama-3.1-405b", "llama-3.1-405b", "Meta", 2024, total=405e9, tokens=15.6e12,
      hardware="h100-sxm", chips=16384, chip_hours=30.84e6, method="tdp", power=700, co2_kg=8930000,
      convention="meta",
      source=LLAMA31_CARD + "; 15.6T tokens and up to 16K H100 GPUs per Dubey et al. 2024, The Llama 3 "
      "Herd of Models (arXiv:2407.21783), Sec. 3; its 38-43% MFU is a range and left blank",
      year=2024),
    R("llama-3.2-1b", "llama-3.2-1b", "Meta", 2024, total=1.23e9, hardware="h100-sxm",
      chip_hours=370000, method="tdp", power=700, co2_kg=107000, convention="meta",
      source=LLAMA32_CARD, year=2024),
    R("llama-3.2-3b", "llama-3.2-3b", "Meta", 2024, total=3.21e9, hardware="h100-sxm",
      chip_hours=460000, method="tdp", power=700, co2_kg=133000, convention="meta",
      source=LLAMA32_CARD, year=2024),
    R("llama-4-scout", "llama-4-scout", "Meta", 2025, total=109e9, active=17e9, tokens=40e12,
      hardware="h100-sxm", chip_hours=5.0e6, method="tdp", power=700, co2_kg=1354000,
      convention="meta", source=LLAMA4_CARD + "; Scout: 109B total", year=2025),
    R("llama-4-maverick", "llama-4-maverick", "Meta", 2025, total=400e9, active=17e9, tokens=22e12,
      hardware="h100-sxm", chip_hours=2.38e6, method="tdp", power=700, co2_kg=645000,
      convention="meta", source=LLAMA4_CARD + "; Maverick: 400B total", year=2025),

    # ---- BigScience, AI2, MosaicML, BigCode, EleutherAI ----
    R("bloom-176b", "bloom-176b", "BigScience", 2022, total=176.247e9, tokens=366e9,
      hardware="a100-80gb", chips=384, chip_hours=1082990, days=118.24, energy_kwh=433196,
      method="tdp", power=400, pue=1.0, grid=57, co2_kg=24690, convention="luccioni",
      source="Luccioni, Viguier & Ligozat 2022, Estimating the Carbon Footprint of BLOOM, a 176B "
      "Parameter Language Model (arXiv:2211.02001; JMLR 2023), Sec. 4 and Tables 1-2: 384 "
      "A100-80GB on Jean Zay for 118 days 5 hours 41 minutes, 1,082,990 GPU-hours x 400 W TDP = "
      "433 MWh of dynamic power (no PUE, idle or manufacturing), 24.69 tCO2eq at the French grid's "
      "57 g/kWh (50.5 t in the full life-cycle estimate); parameters and tokens: BigScience "
      "Workshop 2022 (arXiv:2211.05100)", year=2022),
    R("olmo-7b", "olmo-7b", "Allen Institute for AI", 2024, total=6.89e9, hardware="a100-40gb",
      chips=216, energy_kwh=104000, method="measured", pue=1.1, grid=610, co2_kg=70000,
      convention="other",
      source="Groeneveld et al. 2024, OLMo: Accelerating the Science of Language Models "
      "(arXiv:2402.00838), Sec. 3 and its carbon table (figures as repeated in OLMo 2, "
      "arXiv:2501.00656, Table 19): the A100 run at MosaicML on 27 nodes x 8 A100-40GB, GPU "
      "power measured on one node and extrapolated, 104 MWh before PUE, then PUE 1.1 and "
      "0.610 kg/kWh give 70 tCO2eq; the token count this energy covers (2T or 2.46T) is not "
      "stated with it, so left blank; a parallel AMD MI250X run at LUMI is not included",
      year=2024),
    R("mpt-7b", "mpt-7b", "MosaicML", 2023, total=6.7e9, tokens=1e12, hardware="a100-40gb", chips=440,
      chip_hours=100320, days=9.5, convention="other",
      source="MosaicML 2023, Introducing MPT-7B (blog, 5 May 2023), training-compute section: 1T "
      "tokens on 440 A100-40GB in about 9.5 days (chip-hours = chips x days), about $200k at "
      "MosaicML's rate; no energy stated", year=2023),
    R("starcoderbase-15b", "starcoderbase-15b", "BigCode (Hugging Face, ServiceNow)", 2023,
      total=15.5e9, tokens=1e12, hardware="a100-80gb", chips=512, chip_hours=320256,
      energy_kwh=89671.68, method="assumed_power", power=280, co2_kg=16680, convention="other",
      source="Li et al. 2023, StarCoder: may the source be with you! (arXiv:2305.06161), Sec. 5: 1T "
      "tokens on 512 A100-80GB, 320,256 GPU-hours x an assumed 280 W average = 89,671.68 kWh, "
      "16.68 tCO2eq for AWS us-west-2; the PUE and grid factor behind that figure were not "
      "checked here and are left blank", year=2023),
    R("pythia-12b", "pythia-12b", "EleutherAI", 2023, total=11.846e9, tokens=300e9,
      hardware="a100-40gb", chips=256, chip_hours=72300, convention="other",
      source="Biderman et al. 2023, Pythia: A Suite for Analyzing Large Language Models Across "
      "Training and Scaling (arXiv:2304.01373), Table 1 and Appendix (300B tokens of the Pile; "
      "72,300 A100-40GB GPU-hours on 256 GPUs); no energy stated", year=2023),

    # ---- TII Falcon ----
    R("falcon-7b", "falcon-7b", "Technology Innovation Institute", 2023, total=7e9, tokens=1.5e12,
      hardware="a100-40gb", chips=384, chip_hours=129024, days=14, convention="other",
      source="TII 2023, tiiuae/falcon-7b model card, 'Training procedure': 1,500B tokens on 384 "
      "A100-40GB, 'about two weeks' (chip-hours = chips x 14 days); no energy stated", year=2023),
    R("falcon-40b", "falcon-40b", "Technology Innovation Institute", 2023, total=40e9, tokens=1e12,
      hardware="a100-40gb", chips=384, convention="other",
      source="TII 2023, tiiuae/falcon-40b model card, 'Training procedure': 1,000B tokens on 384 "
      "A100-40GB for 'two months' (not converted to days here); no energy stated", year=2023),
    R("falcon-180b", "falcon-180b", "Technology Innovation Institute", 2023, total=180e9,
      tokens=3.5e12, hardware="a100-40gb", chips=4096, chip_hours=7.0e6, convention="other",
      source="TII / Hugging Face 2023, 'Spread Your Wings: Falcon 180B is here' (blog, Sep 2023): "
      "3.5T tokens on up to 4,096 GPUs on Amazon SageMaker, ~7,000,000 GPU-hours; A100-40GB per the "
      "tiiuae/falcon-180B model card and Almazrouei et al. 2023 (arXiv:2311.16867); no energy stated",
      year=2023),

    # ---- Microsoft Phi ----
    R("phi-2", "phi-2", "Microsoft", 2023, total=2.7e9, tokens=1.4e12, hardware="a100-80gb", chips=96,
      chip_hours=32256, days=14, convention="other",
      source="Microsoft 2023, microsoft/phi-2 model card, 'Training': 1.4T tokens, 96xA100-80G, 14 "
      "days (chip-hours = chips x days); no energy stated", year=2023),
    R("phi-3-mini", "phi-3-mini", "Microsoft", 2024, total=3.8e9, tokens=3.3e12, hardware="h100-sxm",
      chips=512, chip_hours=86016, days=7, convention="other",
      source="Microsoft 2024, microsoft/Phi-3-mini-4k-instruct model card (April 2024 version), "
      "'Training': 3.3T tokens, 512 H100-80G, 7 days (chip-hours = chips x days); Abdin et al. 2024 "
      "(arXiv:2404.14219) for the 3.8B size; no energy stated", year=2024),
    R("phi-4", "phi-4", "Microsoft", 2024, total=14.7e9, tokens=9.8e12, hardware="h100-sxm", chips=1920,
      chip_hours=967680, days=21, convention="other",
      source="Microsoft 2024, microsoft/phi-4 model card, 'Training': 9.8T tokens, 1920 H100-80G, 21 "
      "days (chip-hours = chips x days); 14.7B parameters per Abdin et al. 2024 (arXiv:2412.08905); "
      "no energy stated", year=2024),

    # ---- DeepSeek ----
    R("deepseek-v3", "deepseek-v3", "DeepSeek-AI", 2024, total=671e9, active=37e9, tokens=14.8e12,
      hardware="h800", chips=2048, chip_hours=2.788e6, convention="other",
      source="DeepSeek-AI 2024, DeepSeek-V3 Technical Report (arXiv:2412.19437), abstract, Sec. 3.1 "
      "and Table 1: 671B total / 37B activated, 14.8T tokens, a cluster of 2,048 H800, 2.788M H800 "
      "GPU-hours for the full training (2,664K pre-training + 119K context extension + 5K "
      "post-training), costed at $2 per GPU-hour; no energy stated", year=2024),
]


# --------------------------------------------------------------------------
# Serving throughputs
# --------------------------------------------------------------------------

def S(id, model, hardware, chips, precision, tokens_per_s, scope, scenario, source, year, *,
      batch=None, input_tokens=None, output_tokens=None):
    return dict(id=id, model=model, hardware=hardware, n_chips=chips, precision=precision,
                batch=batch, input_tokens=input_tokens, output_tokens=output_tokens,
                tokens_per_s=tokens_per_s, tokens_per_s_scope=scope, scenario=scenario,
                source=source, year=year)


MLPERF40 = ("MLCommons, MLPerf Inference v4.0 datacenter results (Mar 2024), closed division, "
            "repository mlcommons/inference_results_v4.0")
MLPERF41 = ("MLCommons, MLPerf Inference v4.1 datacenter results (Aug 2024), closed division, "
            "repository mlcommons/inference_results_v4.1")
MLPERF_LLAMA = ("Llama-2-70b-chat on the 24,576-sample OpenOrca set (input up to 1,024 tokens); "
                "server constraints TTFT 2 s, TPOT 200 ms")
OFFLINE = "offline, whole 8-GPU system (MLPerf 'Tokens per second')"
SERVER = "server, whole 8-GPU system (MLPerf 'Completed tokens per second' under latency limits)"

TRTLLM017 = ("NVIDIA, TensorRT-LLM performance overview, version 0.17 (NVIDIA/TensorRT-LLM "
             "docs/source/performance/perf-overview.md, 2025), 'Throughput Measurements' table")
TRTLLM10 = ("NVIDIA, TensorRT-LLM performance overview, version 1.0 (NVIDIA/TensorRT-LLM "
            "docs/source/performance/perf-overview.md, 2025), 'Throughput Measurements' tables "
            "(reported metric 'Total Output Throughput (tokens/sec)')")
TRTLLM_SCENARIO = "trtllm-bench throughput (offline, requests issued at an infinite rate, in-flight batching)"


def _trt_scope(chips: int) -> str:
    gpus = "1 GPU" if chips == 1 else f"{chips} GPUs, tensor parallel {chips}"
    return f"output tokens/s at maximum load, whole system ({gpus})"


SERVING = [
    # ---- MLPerf Inference, Llama 2 70B, 8-accelerator systems ----
    S("mlperf-v4.0-llama-2-70b-8xh100-offline", "llama-2-70b", "h100-sxm", 8, "fp8", 21805.8, OFFLINE,
      "MLPerf Inference v4.0 datacenter, llama2-70b-99.9, Offline",
      MLPERF40 + ": NVIDIA DGX H100 (8x H100-SXM-80GB, TensorRT-LLM, FP8 quantized weights), "
      "closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT/llama2-70b-99.9/Offline mlperf_log_summary: "
      "21,805.8 tokens/s (74.70 samples/s); " + MLPERF_LLAMA, 2024),
    S("mlperf-v4.0-llama-2-70b-8xh100-server", "llama-2-70b", "h100-sxm", 8, "fp8", 20556.40, SERVER,
      "MLPerf Inference v4.0 datacenter, llama2-70b-99.9, Server",
      MLPERF40 + ": NVIDIA DGX H100 (8x H100-SXM-80GB, TensorRT-LLM, FP8), "
      "closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT/llama2-70b-99.9/Server mlperf_log_summary: "
      "20,556.40 completed tokens/s (70.42 samples/s); " + MLPERF_LLAMA, 2024),
    S("mlperf-v4.0-llama-2-70b-8xh200-offline", "llama-2-70b", "h200", 8, "fp8", 27738.3, OFFLINE,
      "MLPerf Inference v4.0 datacenter, llama2-70b-99.9, Offline (preview system)",
      MLPERF40 + ": NVIDIA H200 (8x H200-SXM-141GB at 700 W TGP, TensorRT-LLM, FP8; status "
      "'preview'), closed/NVIDIA/results/H200-SXM-141GBx8_TRT/llama2-70b-99.9/Offline "
      "mlperf_log_summary: 27,738.3 tokens/s (94.62 samples/s); " + MLPERF_LLAMA, 2024),
    S("mlperf-v4.0-llama-2-70b-8xh200-server", "llama-2-70b", "h200", 8, "fp8", 26485.43, SERVER,
      "MLPerf Inference v4.0 datacenter, llama2-70b-99.9, Server (preview system)",
      MLPERF40 + ": NVIDIA H200 (8x H200-SXM-141GB at 700 W TGP, TensorRT-LLM, FP8; 'preview'), "
      "closed/NVIDIA/results/H200-SXM-141GBx8_TRT/llama2-70b-99.9/Server mlperf_log_summary: "
      "26,485.43 completed tokens/s (90.35 samples/s); " + MLPERF_LLAMA, 2024),
    S("mlperf-v4.1-llama-2-70b-8xh200-offline", "llama-2-70b", "h200", 8, "fp8", 31302.7, OFFLINE,
      "MLPerf Inference v4.1 datacenter, llama2-70b-99, Offline",
      MLPERF41 + ": NVIDIA H200 (8x H200-SXM-141GB at 700 W TGP, TensorRT 10.2 / TensorRT-LLM; "
      "status 'available'), closed/NVIDIA/results/H200-SXM-141GBx8_TRT/llama2-70b-99/Offline "
      "mlperf_log_summary: 31,302.7 tokens/s (107.48 samples/s); " + MLPERF_LLAMA, 2024),
    S("mlperf-v4.1-llama-2-70b-8xh200-server", "llama-2-70b", "h200", 8, "fp8", 29228.22, SERVER,
      "MLPerf Inference v4.1 datacenter, llama2-70b-99, Server",
      MLPERF41 + ": NVIDIA H200 (8x H200-SXM-141GB at 700 W TGP), "
      "closed/NVIDIA/results/H200-SXM-141GBx8_TRT/llama2-70b-99/Server mlperf_log_summary: "
      "29,228.22 completed tokens/s (100.35 samples/s); " + MLPERF_LLAMA, 2024),
    S("mlperf-v4.1-llama-2-70b-8xmi300x-offline", "llama-2-70b", "mi300x", 8, "fp8", 23514.8, OFFLINE,
      "MLPerf Inference v4.1 datacenter, llama2-70b-99 (same result filed for -99.9), Offline",
      MLPERF41 + ": AMD, Supermicro AS-8125GS-TNMR2 (8x Instinct MI300X 192GB 750 W, 2x EPYC 9374F, "
      "vLLM 0.4.3 on ROCm 6.1.2, weights/activations/KV cache quantized to FP8 with Quark per "
      "closed/AMD/code/llama2-70b-99/README.md), closed/AMD/results/8xMI300X_2xEPYC-9374F/"
      "llama2-70b-99/Offline mlperf_log_summary: 23,514.8 tokens/s (80.15 samples/s); "
      + MLPERF_LLAMA, 2024),
    S("mlperf-v4.1-llama-2-70b-8xmi300x-server", "llama-2-70b", "mi300x", 8, "fp8", 21028.23, SERVER,
      "MLPerf Inference v4.1 datacenter, llama2-70b-99 (same result filed for -99.9), Server",
      MLPERF41 + ": AMD, Supermicro AS-8125GS-TNMR2 (8x MI300X, vLLM, FP8), closed/AMD/results/"
      "8xMI300X_2xEPYC-9374F/llama2-70b-99/Server mlperf_log_summary: 21,028.23 completed tokens/s "
      "(71.74 samples/s); " + MLPERF_LLAMA, 2024),

    # ---- TensorRT-LLM blog posts with batch sizes (v0.5 - v0.7) ----
    S("trtllm-v0.5-gpt-j-6b-h100-bs64", "gpt-j-6b", "h100-sxm", 1, "fp8", 10907,
      "output tokens/s, 1 GPU (TP1), batch 64", "TensorRT-LLM v0.5 max-throughput sweep",
      "NVIDIA 2023, 'H100 has 4.6x A100 Performance in TensorRT-LLM' (NVIDIA/TensorRT-LLM "
      "docs/source/blogs/H100vsA100.md), 'Max Throughput & Min Latency' table: GPT-J 6B on H100 SXM "
      "80GB, FP8, TP1, batch 64, 128 in / 128 out: 10,907 output tok/s (TensorRT-LLM v0.5.0, "
      "TensorRT 9.1)", 2023, batch=64, input_tokens=128, output_tokens=128),
    S("trtllm-v0.5-gpt-j-6b-a100-bs64", "gpt-j-6b", "a100-80gb", 1, "fp16", 3679,
      "output tokens/s, 1 GPU (TP1), batch 64", "TensorRT-LLM v0.5 max-throughput sweep",
      "NVIDIA 2023, 'H100 has 4.6x A100 Performance in TensorRT-LLM' (NVIDIA/TensorRT-LLM "
      "docs/source/blogs/H100vsA100.md), 'Max Throughput & Min Latency' table: GPT-J 6B on A100 SXM "
      "80GB, FP16, TP1, batch 64, 128 in / 128 out: 3,679 output tok/s (TensorRT-LLM v0.5.0)", 2023,
      batch=64, input_tokens=128, output_tokens=128),
    S("trtllm-v0.5-llama-2-70b-h200-bs512", "llama-2-70b", "h200", 1, "fp8", 3014,
      "output tokens/s, 1 GPU (TP1), batch 512", "TensorRT-LLM v0.5 max-throughput (preliminary)",
      "NVIDIA 2023, 'H200 achieves nearly 12,000 tokens/sec on Llama2-13B with TensorRT-LLM' "
      "(NVIDIA/TensorRT-LLM docs/source/blogs/H200launch.md), 'H200 FP8 Max throughput' table: "
      "llama_70b (Llama 2 70B), batch 512, TP1, 128 in / 128 out: 3,014 out tok/s/GPU "
      "(TensorRT-LLM v0.5.0, preliminary)", 2023, batch=512, input_tokens=128, output_tokens=128),
    S("trtllm-v0.7a-llama-2-70b-h200-bs960", "llama-2-70b", "h200", 1, "fp8", 3803,
      "output tokens/s, 1 GPU (TP1), batch 960", "TensorRT-LLM v0.7a max-throughput (preliminary)",
      "NVIDIA 2023, 'Falcon-180B on a single H200 GPU with INT4 AWQ, and 6.7x faster Llama-70B over "
      "A100' (NVIDIA/TensorRT-LLM docs/source/blogs/Falcon180B-H200.md): Llama2-70B, 1x H200 TP1, "
      "FP8, batch 960, 128 in / 128 out: 3,803 out tok/s/GPU (TensorRT-LLM v0.7a, preliminary)",
      2023, batch=960, input_tokens=128, output_tokens=128),

    # ---- TensorRT-LLM v0.17 performance overview (in-flight batching, max load) ----
    S("trtllm-v0.17-llama-3.1-8b-h100-128-128", "llama-3.1-8b", "h100-sxm", 1, "fp8", 28836.77,
      _trt_scope(1), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 8B, H100 80GB HBM3, FP8, TP1, 128 in / 128 out: 28,836.77 tokens/s",
      2025, input_tokens=128, output_tokens=128),
    S("trtllm-v0.17-llama-3.1-8b-h200-128-128", "llama-3.1-8b", "h200", 1, "fp8", 29526.04,
      _trt_scope(1), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 8B, H200 141GB HBM3, FP8, TP1, 128 in / 128 out: 29,526.04 tokens/s",
      2025, input_tokens=128, output_tokens=128),
    S("trtllm-v0.17-llama-3.1-8b-a100-128-128", "llama-3.1-8b", "a100-80gb", 1, "fp16", 6627.27,
      _trt_scope(1), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 8B, A100-SXM4-80GB, FP16, TP1, 128 in / 128 out: 6,627.27 tokens/s",
      2025, input_tokens=128, output_tokens=128),
    S("trtllm-v0.17-llama-3.1-8b-l40s-128-128", "llama-3.1-8b", "l40s", 1, "fp8", 9104.61,
      _trt_scope(1), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 8B, L40S, FP8, TP1, 128 in / 128 out: 9,104.61 tokens/s",
      2025, input_tokens=128, output_tokens=128),
    S("trtllm-v0.17-llama-3.1-8b-h100-2048-2048", "llama-3.1-8b", "h100-sxm", 1, "fp8", 9488.42,
      _trt_scope(1), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 8B, H100 80GB HBM3, FP8, TP1, 2048 in / 2048 out: 9,488.42 tokens/s",
      2025, input_tokens=2048, output_tokens=2048),
    S("trtllm-v0.17-llama-3.1-70b-h200-tp1-128-2048", "llama-3.1-70b", "h200", 1, "fp8", 4165.68,
      _trt_scope(1), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 70B, H200 141GB HBM3, FP8, TP1, 128 in / 2048 out: 4,165.68 tokens/s",
      2025, input_tokens=128, output_tokens=2048),
    S("trtllm-v0.17-llama-3.1-70b-h100-tp2-128-2048", "llama-3.1-70b", "h100-sxm", 2, "fp8", 6169.58,
      _trt_scope(2), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 70B, H100 80GB HBM3, FP8, TP2, 128 in / 2048 out: 6,169.58 tokens/s",
      2025, input_tokens=128, output_tokens=2048),
    S("trtllm-v0.17-llama-3.1-70b-h100-tp8-128-2048", "llama-3.1-70b", "h100-sxm", 8, "fp8", 17061.82,
      _trt_scope(8), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 70B, H100 80GB HBM3, FP8, TP8, 128 in / 2048 out: 17,061.82 tokens/s",
      2025, input_tokens=128, output_tokens=2048),
    S("trtllm-v0.17-llama-3.1-70b-a100-tp8-128-2048", "llama-3.1-70b", "a100-80gb", 8, "fp16", 5241.5,
      _trt_scope(8), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 70B, A100-SXM4-80GB, FP16, TP8, 128 in / 2048 out: 5,241.5 tokens/s",
      2025, input_tokens=128, output_tokens=2048),
    S("trtllm-v0.17-llama-3.1-405b-h200-tp8-128-2048", "llama-3.1-405b", "h200", 8, "fp8", 5938.09,
      _trt_scope(8), TRTLLM_SCENARIO,
      TRTLLM017 + ": LLaMA v3.1 405B, H200 141GB HBM3, FP8, TP8, 128 in / 2048 out: 5,938.09 "
      "tokens/s", 2025, input_tokens=128, output_tokens=2048),
    S("trtllm-v0.17-mistral-7b-h100-128-128", "mistral-7b", "h100-sxm", 1, "fp8", 31674.49,
      _trt_scope(1), TRTLLM_SCENARIO,
      TRTLLM017 + ": Mistral 7B, H100 80GB HBM3, FP8, TP1, 128 in / 128 out: 31,674.49 tokens/s",
      2025, input_tokens=128, output_tokens=128),
    S("trtllm-v0.17-mixtral-8x7b-h200-tp1-128-128", "mixtral-8x7b", "h200", 1, "fp8", 17157.72,
      _trt_scope(1), TRTLLM_SCENARIO,
      TRTLLM017 + ": Mixtral 8x7B, H200 141GB HBM3, FP8, TP1, 128 in / 128 out: 17,157.72 tokens/s",
      2025, input_tokens=128, output_tokens=128),
    S("trtllm-v0.17-mixtral-8x7b-h100-tp2-128-2048", "mixtral-8x7b", "h100-sxm", 2, "fp8", 22830.08,
      _trt_scope(2), TRTLLM_SCENARIO,
      TRTLLM017 + ": Mixtral 8x7B, H100 80GB HBM3, FP8, TP2, 128 in / 2048 out: 22,830.08 tokens/s",
      2025, input_tokens=128, output_tokens=2048),
    S("trtllm-v0.17-mixtral-8x7b-a100-tp2-128-2048", "mixtral-8x7b", "a100-80gb", 2, "fp16", 4169.78,
      _trt_scope(2), TRTLLM_SCENARIO,
      TRTLLM017 + ": Mixtral 8x7B, A100-SXM4-80GB, FP16, TP2, 128 in / 2048 out: 4,169.78 tokens/s",
      2025, input_tokens=128, output_tokens=2048),

    # ---- TensorRT-LLM v1.0 performance overview ----
    S("trtllm-v1.0-llama-3.1-405b-h100-tp8-128-2048", "llama-3.1-405b", "h100-sxm", 8, "fp8", 4340,
      _trt_scope(8), TRTLLM_SCENARIO + ", PyTorch backend",
      TRTLLM10 + ": Llama 3.1 405B (nvidia/Llama-3.1-405B-Instruct-FP8), H100 SXM 80GB, TP8, FP8, "
      "128 in / 2048 out: 4,340 tokens/s", 2025, input_tokens=128, output_tokens=2048),
    S("trtllm-v1.0-llama-3.3-70b-h200-tp1-128-2048", "llama-3.3-70b", "h200", 1, "fp8", 4336,
      _trt_scope(1), TRTLLM_SCENARIO + ", PyTorch backend",
      TRTLLM10 + ": Llama 3.3 70B (nvidia/Llama-3.3-70B-Instruct-FP8), H200 SXM 141GB, TP1, FP8, "
      "128 in / 2048 out: 4,336 tokens/s", 2025, input_tokens=128, output_tokens=2048),
    S("trtllm-v1.0-llama-3.3-70b-h100-tp2-128-2048", "llama-3.3-70b", "h100-sxm", 2, "fp8", 6651,
      _trt_scope(2), TRTLLM_SCENARIO + ", PyTorch backend",
      TRTLLM10 + ": Llama 3.3 70B (nvidia/Llama-3.3-70B-Instruct-FP8), H100 SXM 80GB, TP2, FP8, "
      "128 in / 2048 out: 6,651 tokens/s", 2025, input_tokens=128, output_tokens=2048),
]


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------

_RUN_NUMERIC = ("release_year", "params_total", "params_active", "training_tokens", "n_chips",
                "chip_hours", "training_days", "energy_kwh_reported", "power_w_per_chip", "pue_used",
                "carbon_intensity_g_per_kwh_used", "co2_kg_reported", "mfu_reported", "year")
_SERVING_NUMERIC = ("n_chips", "batch", "input_tokens", "output_tokens", "tokens_per_s", "year")


def _close(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b))


def _catalog_ids() -> tuple[set[str], set[str]]:
    hardware = {a["name"] for a in ACCELERATORS}
    models = {m["name"] for m in MODELS + ESTIMATE_ONLY_MODELS}
    return hardware, models


def _check_common(rows: list[dict], numeric: tuple[str, ...], what: str) -> None:
    ids = [r["id"] for r in rows]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"{what}: duplicate ids {duplicated}")
    for row in rows:
        if not re.fullmatch(r"[a-z0-9][a-z0-9.\-]*", row["id"]):
            raise ValueError(f"{what}: bad id {row['id']!r}")
        for column in numeric:
            value = row[column]
            if value is not None and (isinstance(value, str) or not value > 0 or math.isinf(value)):
                raise ValueError(f"{row['id']}: {column} = {value!r} is not a positive number")
        if not row["source"].strip() or not 2015 <= row["year"] <= 2030:
            raise ValueError(f"{row['id']}: no source or a bad year")


def check_runs(rows: list[dict]) -> None:
    """Raise ValueError on unknown ids, bad numbers, or figures that do not
    agree with each other (chip-hours with chips x days, energy with
    chip-hours x power (x PUE), CO2 with energy (x PUE) x grid factor)."""
    hardware, models = _catalog_ids()
    _check_common(rows, _RUN_NUMERIC, "validation_runs")
    for r in rows:
        name = r["id"]
        if r["hardware"] not in hardware:
            raise ValueError(f"{name}: hardware {r['hardware']!r} is not in accelerators.csv")
        if r["model"] not in models and r["model"] not in EXTERNAL_MODELS:
            raise ValueError(f"{name}: model {r['model']!r} is neither in models.csv nor external")
        if r["energy_method"] not in ENERGY_METHODS or r["convention"] not in CONVENTIONS:
            raise ValueError(f"{name}: bad energy_method or convention")
        if (r["energy_kwh_reported"] or r["co2_kg_reported"]) and not r["energy_method"]:
            raise ValueError(f"{name}: energy or CO2 given without energy_method")
        if r["params_active"] and r["params_total"] and r["params_active"] > r["params_total"]:
            raise ValueError(f"{name}: more active than total parameters")
        if r["mfu_reported"] and not r["mfu_reported"] < 1:
            raise ValueError(f"{name}: MFU must be a fraction")
        chips, hours, days = r["n_chips"], r["chip_hours"], r["training_days"]
        if chips and hours and days and not _close(chips * days * 24, hours, 0.02):
            raise ValueError(f"{name}: chip_hours {hours} != n_chips x days x 24")
        pue = r["pue_used"] or 1.0
        energy, power = r["energy_kwh_reported"], r["power_w_per_chip"]
        if energy and hours and power:
            base = hours * power / 1000
            if not (_close(base, energy, 0.02) or _close(base * pue, energy, 0.02)):
                raise ValueError(f"{name}: energy {energy} kWh does not follow from chip-hours x power")
        grid, co2 = r["carbon_intensity_g_per_kwh_used"], r["co2_kg_reported"]
        if energy and grid and co2:
            base = energy * grid / 1000
            if not (_close(base, co2, 0.03) or _close(base * pue, co2, 0.03)):
                raise ValueError(f"{name}: CO2 {co2} kg does not follow from energy x grid factor")


def check_serving(rows: list[dict]) -> None:
    hardware, models = _catalog_ids()
    _check_common(rows, _SERVING_NUMERIC, "validation_serving")
    for r in rows:
        if r["hardware"] not in hardware:
            raise ValueError(f"{r['id']}: hardware {r['hardware']!r} is not in accelerators.csv")
        if r["model"] not in models:
            raise ValueError(f"{r['id']}: model {r['model']!r} is not in models.csv")
        if not r["precision"] or not r["tokens_per_s_scope"] or not r["scenario"]:
            raise ValueError(f"{r['id']}: precision, scope and scenario are required")


# Run id here -> row id in the shared reference table (where it has the run).
REFERENCE_IDS = {
    "t5-11b": "t5-11b", "meena": "meena", "gshard-600b": "gshard-600b",
    "switch-transformer-1.5t": "switch-1.5t", "gpt-3": "gpt3-175b", "gopher-280b": "gopher-280b",
    "lamda-137b": "lamda-137b", "glam-1.2t": "glam-1.2t", "palm-540b": "palm-540b",
    "opt-175b": "opt-175b", "llama-7b": "llama-7b", "llama-13b": "llama-13b",
    "llama-33b": "llama-33b", "llama-65b": "llama-65b", "llama-2-7b": "llama-2-7b",
    "llama-2-13b": "llama-2-13b", "llama-2-34b": "llama-2-34b", "llama-2-70b": "llama-2-70b",
    "bloom-176b": "bloom-176b", "olmo-7b": "olmo-7b", "mpt-7b": "mpt-7b",
    "starcoderbase-15b": "starcoderbase-15b", "pythia-12b": "pythia-12b",
}


def _first_number(text: str):
    """The first number in a reference cell ('552.1 (net=gross)' -> 552.1),
    None for a blank cell or one starting with '~' or '<' (an approximation)."""
    text = (text or "").strip().replace(",", "")
    if not text or text[0] in "~<>":
        return None
    match = re.match(r"[0-9]*\.?[0-9]+", text)
    return float(match.group()) if match else None


def cross_check_reference(rows: list[dict], data_dir: str) -> None:
    """Compare chip-hours, energy and CO2 with the shared reference table where
    both give a figure; raise on a difference above 2 %. Skipped when the
    reference table is absent."""
    path = os.path.join(data_dir, "validation", "training_runs.csv")
    if not os.path.isfile(path):
        return
    reference = {r["id"]: r for r in read_csv(path)}
    for row in rows:
        ref = reference.get(REFERENCE_IDS.get(row["id"], ""))
        if ref is None:
            continue
        co2_t = _first_number(ref["tCO2e_location_based"])
        if co2_t is None:
            co2_t = _first_number(ref["tCO2e_market_based"])
        energy_mwh = _first_number(ref["energy_MWh_reported"])
        pairs = (("chip_hours", row["chip_hours"], _first_number(ref["chip_hours"])),
                 ("energy_kwh_reported", row["energy_kwh_reported"],
                  energy_mwh * 1000 if energy_mwh is not None else None),
                 ("co2_kg_reported", row["co2_kg_reported"],
                  co2_t * 1000 if co2_t is not None else None))
        for column, ours, theirs in pairs:
            if ours is not None and theirs is not None and not _close(ours, theirs, 0.02):
                raise ValueError(f"{row['id']}: {column} {ours} differs from the reference "
                                 f"table's {theirs} ({ref['id']})")


def build_runs(data_dir: str) -> list[dict]:
    """The hand-curated training runs, checked (and cross-checked against the
    shared reference table when ``data_dir`` has it)."""
    check_runs(RUNS)
    cross_check_reference(RUNS, data_dir)
    return RUNS


def build_serving(data_dir: str) -> list[dict]:
    """The hand-curated serving throughputs (``data_dir`` is not read)."""
    check_serving(SERVING)
    return SERVING


# Two output files: scripts/build_catalogs.py builds every table in TABLES.
TABLES = [
    SimpleNamespace(FILE="validation_runs.csv", COLUMNS=RUN_COLUMNS, REQUIRED=REQUIRED_RUNS,
                    KEY="id", build=build_runs),
    SimpleNamespace(FILE="validation_serving.csv", COLUMNS=SERVING_COLUMNS, REQUIRED=REQUIRED_SERVING,
                    KEY="id", build=build_serving),
]
