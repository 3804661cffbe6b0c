"""Accelerator catalog: hand-curated datasheet figures, prices derived from Epoch AI's hardware-price table."""

from __future__ import annotations

import os
import statistics
from typing import Callable

from .common import EPOCH_CREDIT, EPOCH_SPECS, num, read_csv


ACCEL_COLUMNS = [
    "name", "display_name", "vendor", "kind", "launch_year",
    "peak_fp32_flops", "peak_tf32_flops", "peak_bf16_flops", "peak_fp16_flops",
    "peak_fp8_flops", "peak_int8_ops", "memory_gb", "bandwidth_gb_s", "tdp_w",
    "price_usd", "price_year", "price_source",
    "cloud_usd_per_hour", "cloud_price_year", "cloud_price_source",
    "embodied_kg_co2e", "embodied_source", "source", "year",
]

REQUIRED_ACCELERATORS = [
    "v100-sxm", "a100-40gb", "a100-80gb", "h100-sxm", "h100-pcie", "h200", "b200",
    "mi250x", "mi300x", "tpu-v4", "tpu-v5e", "tpu-v5p", "l4", "t4", "rtx-4090",
    "rtx-3090",
]


# --------------------------------------------------------------------------
# 2. Accelerators
# --------------------------------------------------------------------------
#
def GIB(gib: float) -> float:
    """GiB (as Google quotes TPU memory) to GB, rounded to 0.01 GB."""
    return round(gib * 1.073741824, 2)


# Peak figures are DENSE (no structured sparsity), per chip, FLOP/s (OP/s for
# int8). Blank = the chip has no such mode (or the vendor publishes none).
# fp16 on tensor-core chips = dense tensor figure. For GeForce cards the
# fp16/bf16/fp8 tensor figures are those with FP32 accumulate (what mixed-
# precision training uses; GeForce runs FP16-accumulate at twice that rate).
# memory_gb in GB (1e9 bytes). Google quotes TPU HBM in GiB: those rows give
# memory_gib=..., converted here (x 1.073741824). bandwidth in GB/s; tdp_w = board / module power.
#
# Prices:
#   ("list", usd, year, text)          a published list / launch price
#   ("epoch_purchase", [models], excl) median of Epoch AI purchase observations
#                                      (per chip; server prices / GPU count as
#                                      Epoch records them) in the most recent
#                                      year with observations
#   ("epoch_ondemand", [models], excl) median of Epoch AI on-demand per-chip-hour
#                                      quotes in the most recent year with
#                                      quotes, one quote per (vendor, location,
#                                      price)
#   ("fixed", usd, year, text)         a published price not in Epoch's table
#   ("ratio",)                         no public on-demand quote in Epoch's table:
#                                      purchase price x the median (on-demand
#                                      $/h / purchase $) of the datacenter GPUs
#                                      below whose both prices come from Epoch

NVIDIA_H100_DS = ("NVIDIA H100 Tensor Core GPU datasheet and H100 architecture whitepaper "
                  "(dense = half the sparsity figures)")
GOOGLE_TPU_DOCS = "Google Cloud TPU documentation (system architecture pages)"

ACCELERATORS = [
    dict(name="v100-sxm", display_name="NVIDIA Tesla V100 SXM2 32GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2017,
         fp32=15.7e12, tf32=None, bf16=None, fp16=125e12, fp8=None, int8=None,
         memory_gb=32, bandwidth_gb_s=900, tdp_w=300,
         price=("list", 11500, 2017, f"{EPOCH_CREDIT}: single-unit list price, Tesla V100 SXM2, 2017"),
         cloud=("epoch_ondemand", ["NVIDIA V100", "NVIDIA Tesla V100 SXM2", "NVIDIA Tesla V100 SXM2 16 GB",
                                   "NVIDIA Tesla V100 SXM2 32 GB", "NVIDIA Tesla V100 DGXS 16 GB",
                                   "NVIDIA Tesla V100 DGXS 32 GB"], None),
         embodied=None,
         source=f"NVIDIA Tesla V100 GPU datasheet (SXM2; 16 GB and 32 GB versions); {EPOCH_SPECS}",
         year=2018),
    dict(name="a100-40gb", display_name="NVIDIA A100 SXM4 40GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2020,
         fp32=19.5e12, tf32=156e12, bf16=312e12, fp16=312e12, fp8=None, int8=624e12,
         memory_gb=40, bandwidth_gb_s=1555, tdp_w=400,
         price=("list", 15000, 2020, f"{EPOCH_CREDIT}: single-unit list price, A100 SXM4 40GB, 2020"),
         cloud=("epoch_ondemand", ["NVIDIA A100 SXM4 40 GB"], None),
         embodied=(150, "Luccioni, Viguier & Ligozat 2022/2023, Estimating the Carbon Footprint of "
                        "BLOOM (arXiv:2211.02001; JMLR 2023): ~150 kg CO2e per A100 GPU (figure given "
                        "for the 80GB A100s of Jean Zay, applied to the 40GB part)"),
         source=f"NVIDIA A100 Tensor Core GPU datasheet (dense figures); {EPOCH_SPECS}",
         year=2021),
    dict(name="a100-80gb", display_name="NVIDIA A100 SXM4 80GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2020,
         fp32=19.5e12, tf32=156e12, bf16=312e12, fp16=312e12, fp8=None, int8=624e12,
         memory_gb=80, bandwidth_gb_s=2039, tdp_w=400,
         price=("list", 17500, 2020, f"{EPOCH_CREDIT}: single-unit list price, A100 SXM4 80GB, 2020"),
         cloud=("epoch_ondemand", ["NVIDIA A100 SXM4 80 GB"], None),
         embodied=(150, "Luccioni, Viguier & Ligozat 2022/2023, Estimating the Carbon Footprint of "
                        "BLOOM (arXiv:2211.02001; JMLR 2023): ~150 kg CO2e per A100 GPU"),
         source=f"NVIDIA A100 Tensor Core GPU datasheet (dense figures); {EPOCH_SPECS}",
         year=2021),
    dict(name="h100-sxm", display_name="NVIDIA H100 SXM5 80GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2022,
         fp32=66.9e12, tf32=494.7e12, bf16=989.4e12, fp16=989.4e12, fp8=1978.9e12, int8=1978.9e12,
         memory_gb=80, bandwidth_gb_s=3350, tdp_w=700,
         price=("epoch_purchase", ["NVIDIA H100 SXM5 80GB"], None,
                "sold in 8-GPU HGX/DGX servers: per-GPU estimate = server price / 8 as recorded by Epoch "
                "(includes a share of the host)"),
         cloud=("epoch_ondemand", ["NVIDIA H100 SXM5 80GB"], None),
         embodied=None,
         source=f"{NVIDIA_H100_DS}; {EPOCH_SPECS}", year=2023),
    dict(name="h100-pcie", display_name="NVIDIA H100 PCIe 80GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2022,
         fp32=51.2e12, tf32=378e12, bf16=756e12, fp16=756e12, fp8=1513e12, int8=1513e12,
         memory_gb=80, bandwidth_gb_s=2000, tdp_w=350,
         price=("epoch_purchase", ["NVIDIA H100 PCIe"], "94",
                "card purchase quote(s), 80GB only (94GB H100 NVL quotes excluded)"),
         cloud=("epoch_ondemand", ["NVIDIA H100 PCIe"], "94"),
         embodied=None,
         source=f"{NVIDIA_H100_DS} (PCIe column); {EPOCH_SPECS}", year=2023),
    dict(name="h200", display_name="NVIDIA H200 SXM 141GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2024,
         fp32=66.9e12, tf32=494.7e12, bf16=989.4e12, fp16=989.4e12, fp8=1978.9e12, int8=1978.9e12,
         memory_gb=141, bandwidth_gb_s=4800, tdp_w=700,
         price=("epoch_purchase", ["NVIDIA H200 SXM"], None,
                "sold in 8-GPU HGX servers: per-GPU estimate = server price / 8 as recorded by Epoch"),
         cloud=("epoch_ondemand", ["NVIDIA H200 SXM"], None),
         embodied=None,
         source=("NVIDIA H200 Tensor Core GPU datasheet (SC23; same tensor throughput as H100 SXM, "
                 f"dense = half the sparsity figures); {EPOCH_SPECS}"), year=2023),
    dict(name="h800", display_name="NVIDIA H800 SXM5 80GB", vendor="NVIDIA",
         kind="datacenter", launch_year=2023,
         fp32=66.9e12, tf32=494.7e12, bf16=989.4e12, fp16=989.4e12, fp8=1978.9e12, int8=1978.9e12,
         memory_gb=80, bandwidth_gb_s=3350, tdp_w=700,
         price=("epoch_purchase", ["NVIDIA H800 SXM5"], None,
                "export variant sold in China; purchase quotes as recorded by Epoch (DGX price / 8 and "
                "single-unit)"),
         cloud=("epoch_ondemand", ["NVIDIA H800 SXM5"], None),
         embodied=None,
         source=("NVIDIA H800 Tensor Core GPU datasheet (tensor throughput as H100 SXM; reduced "
                 f"NVLink 400 GB/s and FP64); {EPOCH_SPECS}"), year=2023),
    dict(name="b200", display_name="NVIDIA B200 (HGX B200)", vendor="NVIDIA",
         kind="datacenter", launch_year=2024,
         fp32=75e12, tf32=1.125e15, bf16=2.25e15, fp16=2.25e15, fp8=4.5e15, int8=4.5e15,
         memory_gb=180, bandwidth_gb_s=8000, tdp_w=1000,
         price=("epoch_purchase", ["NVIDIA B200"], None,
                "sold in 8-GPU DGX/HGX servers: per-GPU estimate = DGX B200 price / 8 as recorded by Epoch"),
         cloud=("ratio",),
         embodied=None,
         source=("NVIDIA HGX B200 / DGX B200 specifications (8-GPU totals / 8; dense = half the "
                 "sparsity figures; 1,440 GB HBM3e per 8 GPUs); "
                 f"{EPOCH_SPECS}"), year=2024),
    dict(name="mi250x", display_name="AMD Instinct MI250X", vendor="AMD",
         kind="datacenter", launch_year=2021,
         fp32=47.9e12, tf32=None, bf16=383e12, fp16=383e12, fp8=None, int8=383e12,
         memory_gb=128, bandwidth_gb_s=3276.8, tdp_w=500,
         price=("list", 14500, 2021, f"{EPOCH_CREDIT}: release-price estimate from The Next Platform "
                                     "(Dec 2021), not an AMD list price"),
         cloud=("ratio",),
         embodied=None,
         source=("AMD Instinct MI250X accelerator datasheet (per OAM package of two GCDs; fp32 = "
                 f"vector figure, matrix fp32 is 95.7 TFLOP/s); {EPOCH_SPECS}"), year=2021),
    dict(name="mi300x", display_name="AMD Instinct MI300X", vendor="AMD",
         kind="datacenter", launch_year=2023,
         fp32=163.4e12, tf32=653.7e12, bf16=1307.4e12, fp16=1307.4e12, fp8=2614.9e12, int8=2614.9e12,
         memory_gb=192, bandwidth_gb_s=5300, tdp_w=750,
         price=("epoch_purchase", ["AMD Instinct MI300X"], None,
                "sold in 8-GPU servers: per-GPU estimate = server price / 8 as recorded by Epoch"),
         cloud=("ratio",),
         embodied=None,
         source=f"AMD Instinct MI300X accelerator data sheet (dense figures); {EPOCH_SPECS}", year=2023),
    dict(name="tpu-v3", display_name="Google TPU v3", vendor="Google",
         kind="datacenter", launch_year=2018,
         fp32=None, tf32=None, bf16=123e12, fp16=None, fp8=None, int8=None,
         memory_gb=GIB(32), bandwidth_gb_s=900, tdp_w=220,
         price=("epoch_purchase", ["Google TPU v3"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; Cottier et al. 2024, "
                "arXiv:2405.21015, Table 3)"),
         cloud=("epoch_ondemand", ["Google TPU v3"], None),
         embodied=None,
         source=f"{GOOGLE_TPU_DOCS} (per chip = 2 TensorCores); {EPOCH_SPECS} (TDP)", year=2024),
    dict(name="tpu-v4", display_name="Google TPU v4", vendor="Google",
         kind="datacenter", launch_year=2021,
         fp32=None, tf32=None, bf16=275e12, fp16=None, fp8=None, int8=275e12,
         memory_gb=GIB(32), bandwidth_gb_s=1200, tdp_w=170,
         price=("epoch_purchase", ["Google TPU v4"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; Cottier et al. 2024, "
                "arXiv:2405.21015, Table 3)"),
         cloud=("epoch_ondemand", ["Google TPU v4"], None),
         embodied=None,
         source=f"{GOOGLE_TPU_DOCS}; {EPOCH_SPECS} (TDP)", year=2024),
    dict(name="tpu-v5e", display_name="Google TPU v5e", vendor="Google",
         kind="datacenter", launch_year=2023,
         fp32=None, tf32=None, bf16=197e12, fp16=None, fp8=None, int8=394e12,
         memory_gb=GIB(16), bandwidth_gb_s=819, tdp_w=140,
         price=("epoch_purchase", ["Google TPU v5e"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; excludes server)"),
         cloud=("epoch_ondemand", ["Google TPU v5e"], None),
         embodied=None,
         source=f"Google Cloud TPU v5e documentation; {EPOCH_SPECS} (TDP)", year=2024),
    dict(name="tpu-v5p", display_name="Google TPU v5p", vendor="Google",
         kind="datacenter", launch_year=2023,
         fp32=None, tf32=None, bf16=459e12, fp16=None, fp8=None, int8=918e12,
         memory_gb=GIB(95), bandwidth_gb_s=2765, tdp_w=None,
         price=("epoch_purchase", ["Google TPU v5p"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; excludes server)"),
         cloud=("fixed", 4.20, 2024,
                "Google Cloud TPU pricing page: TPU v5p on-demand list price per chip-hour (US "
                "regions), 2024; not in Epoch's price table"),
         embodied=None,
         source=f"Google Cloud TPU v5p documentation (no TDP published); {EPOCH_SPECS}", year=2024),
    dict(name="tpu-v6e", display_name="Google TPU v6e (Trillium)", vendor="Google",
         kind="datacenter", launch_year=2024,
         fp32=None, tf32=None, bf16=918e12, fp16=None, fp8=None, int8=1836e12,
         memory_gb=GIB(32), bandwidth_gb_s=1640, tdp_w=None,
         price=("epoch_purchase", ["Google TPU v6e Trillium"], None,
                "TPUs are not sold: Epoch's estimated purchase-equivalent price (geometric mean of "
                "estimated manufacturing cost and the price of an equivalent GPU; excludes server)"),
         cloud=("epoch_ondemand", ["Google TPU v6e Trillium"], None),
         embodied=None,
         source=f"Google Cloud TPU v6e documentation (no TDP published); {EPOCH_SPECS}", year=2024),
    dict(name="l4", display_name="NVIDIA L4", vendor="NVIDIA",
         kind="datacenter", launch_year=2023,
         fp32=30.3e12, tf32=60e12, bf16=121e12, fp16=121e12, fp8=242.5e12, int8=242.5e12,
         memory_gb=24, bandwidth_gb_s=300, tdp_w=72,
         price=("list", 2345, 2023, "indicative launch MSRP as listed by chipversus.com (third-party "
                                    "aggregator, read 2026); NVIDIA publishes no list price for the L4"),
         cloud=("epoch_ondemand", ["NVIDIA L4"], None),
         embodied=None,
         source=f"NVIDIA L4 Tensor Core GPU datasheet (dense = half the sparsity figures); {EPOCH_SPECS}",
         year=2023),
    dict(name="t4", display_name="NVIDIA Tesla T4", vendor="NVIDIA",
         kind="datacenter", launch_year=2018,
         fp32=8.1e12, tf32=None, bf16=None, fp16=65e12, fp8=None, int8=130e12,
         memory_gb=16, bandwidth_gb_s=320, tdp_w=70,
         price=("list", 1880, 2018, "indicative launch MSRP as listed by chipversus.com (third-party "
                                    "aggregator, read 2026); NVIDIA publishes no list price for the T4"),
         cloud=("epoch_ondemand", ["NVIDIA Tesla T4"], None),
         embodied=None,
         source=f"NVIDIA T4 Tensor Core GPU datasheet; {EPOCH_SPECS}", year=2019),
    dict(name="rtx-4090", display_name="NVIDIA GeForce RTX 4090", vendor="NVIDIA",
         kind="consumer", launch_year=2022,
         fp32=82.6e12, tf32=82.6e12, bf16=165.2e12, fp16=165.2e12, fp8=330.3e12, int8=660.6e12,
         memory_gb=24, bandwidth_gb_s=1008, tdp_w=450,
         price=("list", 1599, 2022, f"launch MSRP (NVIDIA, Sep 2022), as recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA GeForce RTX 4090"], None),
         embodied=None,
         source=("NVIDIA Ada Lovelace GPU architecture whitepaper, GeForce RTX 4090 column (dense; "
                 "fp16/bf16/fp8 with FP32 accumulate; FP16-accumulate fp16 is 330.3 TFLOP/s); "
                 f"{EPOCH_SPECS}"), year=2022),
    dict(name="rtx-3090", display_name="NVIDIA GeForce RTX 3090", vendor="NVIDIA",
         kind="consumer", launch_year=2020,
         fp32=35.6e12, tf32=35.6e12, bf16=71e12, fp16=71e12, fp8=None, int8=284e12,
         memory_gb=24, bandwidth_gb_s=936, tdp_w=350,
         price=("list", 1499, 2020, f"launch MSRP (NVIDIA, Sep 2020), as recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA GeForce RTX 3090"], None),
         embodied=None,
         source=("NVIDIA Ampere GA102 GPU architecture whitepaper, GeForce RTX 3090 column (dense; "
                 "fp16/bf16 with FP32 accumulate; FP16-accumulate fp16 is 142 TFLOP/s); "
                 f"{EPOCH_SPECS}"), year=2020),
]


def _excluded(row: dict, excl) -> bool:
    if not excl:
        return False
    text = " ".join((row.get("Cloud GPU description", ""), row.get("Notes", ""))).replace(" ", "")
    return f"{excl}GB" in text


def epoch_observations(prices: list[dict], models: list[str], column: str, excl) -> list[dict]:
    out = []
    for r in prices:
        if r["Hardware model"] not in models or not r["Price date"]:
            continue
        value = num(r[column])
        if value is None or _excluded(r, excl):
            continue
        out.append({**r, "_value": value, "_year": int(r["Price date"][:4])})
    return out


def epoch_median(prices, models, column, excl, dedupe: Callable[[dict], tuple] | None):
    obs = epoch_observations(prices, models, column, excl)
    if not obs:
        return None
    year = max(o["_year"] for o in obs)
    latest = [o for o in obs if o["_year"] == year]
    if dedupe:
        seen = {}
        for o in sorted(latest, key=lambda o: o["Price date"]):
            seen[dedupe(o)] = o
        latest = list(seen.values())
    values = sorted(o["_value"] for o in latest)
    return statistics.median(values), year, len(values)


def build_accelerators(data_dir: str) -> list[dict]:
    prices = read_csv(os.path.join(data_dir, "reference", "epoch", "epoch_hw_prices.csv"))
    rows = []
    for a in ACCELERATORS:
        row = {
            "name": a["name"], "display_name": a["display_name"], "vendor": a["vendor"],
            "kind": a["kind"], "launch_year": a["launch_year"],
            "peak_fp32_flops": a["fp32"], "peak_tf32_flops": a["tf32"],
            "peak_bf16_flops": a["bf16"], "peak_fp16_flops": a["fp16"],
            "peak_fp8_flops": a["fp8"], "peak_int8_ops": a["int8"],
            "memory_gb": a["memory_gb"], "bandwidth_gb_s": a["bandwidth_gb_s"], "tdp_w": a["tdp_w"],
            "embodied_kg_co2e": a["embodied"][0] if a["embodied"] else None,
            "embodied_source": a["embodied"][1] if a["embodied"] else "",
            "source": a["source"], "year": a["year"],
        }
        rule = a["price"]
        if rule[0] == "list":
            row.update(price_usd=rule[1], price_year=rule[2], price_source=rule[3])
        elif rule[0] == "epoch_purchase":
            res = epoch_median(prices, rule[1], "Price (hardware purchase)", rule[2], None)
            if res is None:
                raise ValueError(f"{a['name']}: no Epoch purchase observation")
            value, year, n = res
            what = f"median of {n} purchase observations" if n > 1 else "single purchase observation"
            row.update(price_usd=round(value, 2), price_year=year,
                       price_source=f"{EPOCH_CREDIT}: {what}, {year}; {rule[3]}")
        else:
            raise ValueError(rule)
        rows.append((a, row))

    # Cloud prices from Epoch first, then the ratio estimate needs them.
    for a, row in rows:
        rule = a["cloud"]
        if rule[0] == "epoch_ondemand":
            res = epoch_median(prices, rule[1], "Price per chip-hour (on-demand)", rule[2],
                               dedupe=lambda o: (o["Vendor"], o["Location"], o["_value"]))
            if res is None:
                raise ValueError(f"{a['name']}: no Epoch on-demand quote")
            value, year, n = res
            what = f"median of {n} on-demand quotes" if n > 1 else "single on-demand quote"
            vendors = sorted({o["Vendor"] for o in epoch_observations(prices, rule[1],
                              "Price per chip-hour (on-demand)", rule[2]) if o["_year"] == year})
            row.update(cloud_usd_per_hour=round(value, 3), cloud_price_year=year,
                       cloud_price_source=(f"{EPOCH_CREDIT}: {what} (one per vendor, location and "
                                           f"price), {year}; vendors: {', '.join(vendors)}"))
        elif rule[0] == "fixed":
            row.update(cloud_usd_per_hour=rule[1], cloud_price_year=rule[2], cloud_price_source=rule[3])
    ratio_set = [(a, row) for a, row in rows
                 if a["cloud"][0] == "epoch_ondemand" and a["price"][0] in ("epoch_purchase", "list")
                 and a["vendor"] != "Google" and a["kind"] == "datacenter"
                 and row["price_source"].startswith(EPOCH_CREDIT)]
    ratios = sorted(row["cloud_usd_per_hour"] / row["price_usd"] for _, row in ratio_set)
    ratio = statistics.median(ratios)
    ratio_year = max(row["cloud_price_year"] for _, row in ratio_set)
    ratio_names = ", ".join(a["name"] for a, _ in ratio_set)
    for a, row in rows:
        if a["cloud"][0] == "ratio":
            row.update(
                cloud_usd_per_hour=round(row["price_usd"] * ratio, 3), cloud_price_year=ratio_year,
                cloud_price_source=(
                    "computedivide estimate (no on-demand quote in Epoch AI hardware prices): purchase "
                    f"price x median on-demand-$/h-to-purchase-$ ratio {ratio:.3g} of {ratio_names} "
                    f"({EPOCH_CREDIT}); indicative only"))
    out = [row for _, row in rows]
    for row in out:
        for key in ("price_usd", "cloud_usd_per_hour"):
            if row.get(key) in (None, ""):
                raise ValueError(f"{row['name']}: {key} missing")
    return out


FILE = "accelerators.csv"
COLUMNS = ACCEL_COLUMNS
REQUIRED = REQUIRED_ACCELERATORS
build = build_accelerators
