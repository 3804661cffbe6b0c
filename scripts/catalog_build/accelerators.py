"""Accelerator catalog: hand-curated datasheet figures, prices derived from Epoch AI's hardware-price table."""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable

from .common import EPOCH_CREDIT, EPOCH_SPECS, num, read_csv

ACCEL_COLUMNS = [
    "name", "display_name", "aliases", "vendor", "kind", "launch_year",
    "peak_fp32_flops", "peak_tf32_flops", "peak_bf16_flops", "peak_fp16_flops",
    "peak_fp8_flops", "peak_int8_ops", "memory_gb", "bandwidth_gb_s", "tdp_w", "interconnect",
    "price_usd", "price_year", "price_source",
    "cloud_usd_per_hour", "cloud_price_year", "cloud_price_source",
    "embodied_kg_co2e", "embodied_source", "source", "year",
]

REQUIRED_ACCELERATORS = [
    "v100-sxm", "a100-40gb", "a100-80gb", "h100-sxm", "h100-pcie", "h100-nvl", "h200", "h800",
    "b200", "gb200", "mi250x", "mi300x", "mi325x", "gaudi2", "gaudi3", "tpu-v4", "tpu-v5e",
    "tpu-v5p", "tpu-v6e", "l4", "l40s", "a10g", "t4", "rtx-3090", "rtx-4090", "rtx-5090",
]

INTERCONNECTS = ("nvlink", "pcie", "ici", "infinity-fabric", "roce", "none")
KINDS = ("datacenter", "workstation", "consumer")


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
# precision training uses; GeForce runs FP16-accumulate at twice that rate);
# NVIDIA's workstation (RTX A / RTX Ada) and datacenter cards run FP32
# accumulate at the full rate.
# memory_gb in GB (1e9 bytes). Google quotes TPU HBM in GiB: those rows give
# GIB(...), converted here (x 1.073741824); NVIDIA, AMD and Intel quote GB.
# bandwidth in GB/s; tdp_w = board / module power.
#
# aliases: other names users type, ';'-separated. Names match ignoring case
# and punctuation (letters and digits only), so no alias repeats its row's name
# or another alias up to case/punctuation, and no alias may name another row.
#
# interconnect: the scale-up fabric of the part as sold for datacentre use:
# nvlink (SXM/NVL parts), pcie (PCIe cards whose GPUs talk over PCIe), ici
# (TPU inter-chip interconnect), infinity-fabric (AMD Instinct), roce (Gaudi's
# on-chip RDMA Ethernet), none (GeForce cards: not sold for datacentre use,
# no scale-up fabric).
#
# Prices. price_usd is the price of ONE accelerator alone (chip / card /
# module): the cost model adds servers and network through cluster_overhead
# (Cottier et al. 2024), so a share of a server must not be in price_usd.
#   ("list", usd, year, text)          a published list / launch price
#   ("epoch_purchase", [models], excl, text)
#                                      Epoch AI purchase observations, per
#                                      accelerator, in this order of preference:
#                                      "unit"   single-accelerator quotes;
#                                      "board"  8 accelerators on a baseboard
#                                               without a host (HGX GPU baseboard,
#                                               AMD OAM UBB platform, Intel Gaudi
#                                               kit): price / 8 as Epoch records it;
#                                      "server" whole 8-GPU servers (DGX, HGX
#                                               systems): price / 8 / SERVER_TO_CHIP.
#                                      The median of the preferred kind in the
#                                      most recent year with observations.
#   ("epoch_tpu", [models], text)      TPUs are not sold: Epoch AI's purchase-
#                                      equivalent estimate per chip (most recent)
#   ("same_as", name, text)            no public price: another row's price (the
#                                      same silicon), said so in price_source
#   ("epoch_ondemand", [models], excl) median of Epoch AI on-demand per-chip-hour
#                                      quotes in the most recent year with
#                                      quotes, one quote per (vendor, location,
#                                      price)
#   ("fixed", usd, year, text)         a published price not in Epoch's table
#   ("ratio",)                         no public on-demand quote in Epoch's table:
#                                      purchase price x the median (on-demand
#                                      $/h / purchase $) of the datacenter GPUs
#                                      below whose both prices come from Epoch
# [models] entries are Epoch "Hardware model" names, or (name, "94") to keep
# only that model's rows that mention 94GB; excl "94" drops rows that mention
# 94GB.

#: Cottier et al. 2024 (arXiv:2405.21015): an 8-GPU server costs 1.64x its GPUs.
SERVER_TO_CHIP = 1.64
#: Epoch purchase rows of 8 accelerators without a host server, by price source:
#: HGX GPU baseboards, AMD's 8-OAM UBB platform, Intel's 8-accelerator Gaudi kit.
BOARD_SOURCES = ("baseboard", "-8-oam-ubb", "list-prices-of-its-gaudi-3-and-gaudi-2")

NVIDIA_H100_DS = ("NVIDIA H100 Tensor Core GPU datasheet and H100 architecture whitepaper "
                  "(dense = half the sparsity figures)")
GOOGLE_TPU_DOCS = "Google Cloud TPU documentation (system architecture pages)"
TPU_PRICE = ("TPUs are not sold: Epoch's estimated purchase-equivalent price per chip (geometric "
             "mean of estimated manufacturing cost and the price of an equivalent GPU; Cottier "
             "et al. 2024, arXiv:2405.21015, Table 3)")
TPU_PRICE_NEW = ("TPUs are not sold: Epoch's estimated purchase-equivalent price per chip "
                 "(geometric mean of estimated manufacturing cost and the price of an equivalent "
                 "GPU; excludes server)")
CHIPVERSUS = "chipversus.com (third-party aggregator, read 2026)"

ACCELERATORS = [
    # ---------------------------------------------------------------- NVIDIA datacenter
    dict(name="v100-sxm", display_name="NVIDIA Tesla V100 SXM2 32GB",
         aliases="v100;v100-sxm2;v100-32gb;tesla-v100", vendor="NVIDIA",
         kind="datacenter", launch_year=2017,
         fp32=15.7e12, tf32=None, bf16=None, fp16=125e12, fp8=None, int8=None,
         memory_gb=32, bandwidth_gb_s=900, tdp_w=300, interconnect="nvlink",
         price=("list", 11500, 2017, f"{EPOCH_CREDIT}: single-unit list price, Tesla V100 SXM2, 2017"),
         cloud=("epoch_ondemand", ["NVIDIA V100", "NVIDIA Tesla V100 SXM2", "NVIDIA Tesla V100 SXM2 16 GB",
                                   "NVIDIA Tesla V100 SXM2 32 GB", "NVIDIA Tesla V100 DGXS 16 GB",
                                   "NVIDIA Tesla V100 DGXS 32 GB"], None),
         embodied=None,
         source=f"NVIDIA Tesla V100 GPU datasheet (SXM2; 16 GB and 32 GB versions); {EPOCH_SPECS}",
         year=2018),
    dict(name="a100-40gb", display_name="NVIDIA A100 SXM4 40GB", aliases="a100-sxm4-40gb",
         vendor="NVIDIA", kind="datacenter", launch_year=2020,
         fp32=19.5e12, tf32=156e12, bf16=312e12, fp16=312e12, fp8=None, int8=624e12,
         memory_gb=40, bandwidth_gb_s=1555, tdp_w=400, interconnect="nvlink",
         price=("list", 15000, 2020, f"{EPOCH_CREDIT}: single-unit list price, A100 SXM4 40GB, 2020"),
         cloud=("epoch_ondemand", ["NVIDIA A100 SXM4 40 GB"], None),
         embodied=(150, "Luccioni, Viguier & Ligozat 2022/2023, Estimating the Carbon Footprint of "
                        "BLOOM (arXiv:2211.02001; JMLR 2023): ~150 kg CO2e per A100 GPU (figure given "
                        "for the 80GB A100s of Jean Zay, applied to the 40GB part)"),
         source=f"NVIDIA A100 Tensor Core GPU datasheet (dense figures); {EPOCH_SPECS}",
         year=2021),
    dict(name="a100-80gb", display_name="NVIDIA A100 SXM4 80GB",
         aliases="a100;a100-sxm;a100-sxm4;a100-sxm4-80gb", vendor="NVIDIA",
         kind="datacenter", launch_year=2020,
         fp32=19.5e12, tf32=156e12, bf16=312e12, fp16=312e12, fp8=None, int8=624e12,
         memory_gb=80, bandwidth_gb_s=2039, tdp_w=400, interconnect="nvlink",
         price=("list", 17500, 2020, f"{EPOCH_CREDIT}: single-unit list price, A100 SXM4 80GB, 2020"),
         cloud=("epoch_ondemand", ["NVIDIA A100 SXM4 80 GB"], None),
         embodied=(150, "Luccioni, Viguier & Ligozat 2022/2023, Estimating the Carbon Footprint of "
                        "BLOOM (arXiv:2211.02001; JMLR 2023): ~150 kg CO2e per A100 GPU"),
         source=f"NVIDIA A100 Tensor Core GPU datasheet (dense figures); {EPOCH_SPECS}",
         year=2021),
    dict(name="a100-pcie", display_name="NVIDIA A100 PCIe 80GB",
         aliases="a100-pcie-80gb;a100-80gb-pcie", vendor="NVIDIA",
         kind="datacenter", launch_year=2021,
         fp32=19.5e12, tf32=156e12, bf16=312e12, fp16=312e12, fp8=None, int8=624e12,
         memory_gb=80, bandwidth_gb_s=1935, tdp_w=300, interconnect="pcie",
         price=("epoch_purchase", ["NVIDIA A100 PCIe"], "40", "80GB cards only (40GB quotes excluded)"),
         cloud=("epoch_ondemand", ["NVIDIA A100 PCIe"], "40"),
         embodied=None,
         source=(f"NVIDIA A100 Tensor Core GPU datasheet, A100 80GB PCIe column (dense figures); "
                 f"{EPOCH_SPECS}"), year=2021),
    dict(name="a800", display_name="NVIDIA A800 PCIe 80GB", aliases="a800-pcie;a800-80gb",
         vendor="NVIDIA", kind="datacenter", launch_year=2022,
         fp32=19.5e12, tf32=156e12, bf16=312e12, fp16=312e12, fp8=None, int8=624e12,
         memory_gb=80, bandwidth_gb_s=1935, tdp_w=300, interconnect="pcie",
         price=("epoch_purchase", ["NVIDIA A800 PCIe"], None,
                "export variant of the A100 for China; card quotes"),
         cloud=("epoch_ondemand", ["NVIDIA A800 PCIe"], None),
         embodied=None,
         source=("NVIDIA A800 PCIe 80GB: the A100 80GB PCIe figures (NVIDIA A100 datasheet; the "
                 f"A800 only cuts the NVLink bridge to 400 GB/s); {EPOCH_SPECS}"), year=2022),
    dict(name="h100-sxm", display_name="NVIDIA H100 SXM5 80GB", aliases="h100;h100-sxm5;h100-80gb",
         vendor="NVIDIA", kind="datacenter", launch_year=2022,
         fp32=66.9e12, tf32=494.7e12, bf16=989.4e12, fp16=989.4e12, fp8=1978.9e12, int8=1978.9e12,
         memory_gb=80, bandwidth_gb_s=3350, tdp_w=700, interconnect="nvlink",
         price=("epoch_purchase", ["NVIDIA H100 SXM5 80GB"], None,
                "mostly sold in 8-GPU HGX/DGX servers; Epoch's server-derived observations are used "
                "only where no single-GPU quote exists"),
         cloud=("epoch_ondemand", ["NVIDIA H100 SXM5 80GB"], None),
         embodied=None,
         source=f"{NVIDIA_H100_DS}; {EPOCH_SPECS}", year=2023),
    dict(name="h100-pcie", display_name="NVIDIA H100 PCIe 80GB", aliases="h100-pcie-80gb",
         vendor="NVIDIA", kind="datacenter", launch_year=2022,
         fp32=51.2e12, tf32=378e12, bf16=756e12, fp16=756e12, fp8=1513e12, int8=1513e12,
         memory_gb=80, bandwidth_gb_s=2000, tdp_w=350, interconnect="pcie",
         price=("epoch_purchase", ["NVIDIA H100 PCIe"], "94",
                "card purchase quote(s), 80GB only (94GB H100 NVL quotes excluded)"),
         cloud=("epoch_ondemand", ["NVIDIA H100 PCIe"], "94"),
         embodied=None,
         source=f"{NVIDIA_H100_DS} (PCIe column); {EPOCH_SPECS}", year=2023),
    dict(name="h100-nvl", display_name="NVIDIA H100 NVL 94GB", aliases="h100-94gb;h100-pcie-94gb",
         vendor="NVIDIA", kind="datacenter", launch_year=2023,
         fp32=60e12, tf32=417.5e12, bf16=835.5e12, fp16=835.5e12, fp8=1670.5e12, int8=1670.5e12,
         memory_gb=94, bandwidth_gb_s=3900, tdp_w=400, interconnect="nvlink",
         price=("epoch_purchase", [("NVIDIA H100 PCIe", "94")], None,
                "94GB H100 PCIe card (= H100 NVL) quotes, recorded by Epoch as H100 PCIe"),
         cloud=("epoch_ondemand", ["NVIDIA H100 NVL", ("NVIDIA H100 PCIe", "94")], None),
         embodied=None,
         source=(f"{NVIDIA_H100_DS}, H100 NVL column (per GPU; power configurable 350-400 W, upper "
                 f"bound given; NVLink bridge pairs); {EPOCH_SPECS}"), year=2023),
    dict(name="h200", display_name="NVIDIA H200 SXM 141GB", aliases="h200-sxm;h200-141gb",
         vendor="NVIDIA", kind="datacenter", launch_year=2024,
         fp32=66.9e12, tf32=494.7e12, bf16=989.4e12, fp16=989.4e12, fp8=1978.9e12, int8=1978.9e12,
         memory_gb=141, bandwidth_gb_s=4800, tdp_w=700, interconnect="nvlink",
         price=("epoch_purchase", ["NVIDIA H200 SXM"], None,
                "sold on 8-GPU HGX boards; no single-GPU quote in Epoch's table"),
         cloud=("epoch_ondemand", ["NVIDIA H200 SXM"], None),
         embodied=None,
         source=("NVIDIA H200 Tensor Core GPU datasheet (SC23; same tensor throughput as H100 SXM, "
                 f"dense = half the sparsity figures); {EPOCH_SPECS}"), year=2023),
    dict(name="h800", display_name="NVIDIA H800 SXM5 80GB", aliases="h800-sxm;h800-sxm5",
         vendor="NVIDIA", kind="datacenter", launch_year=2023,
         fp32=66.9e12, tf32=494.7e12, bf16=989.4e12, fp16=989.4e12, fp8=1978.9e12, int8=1978.9e12,
         memory_gb=80, bandwidth_gb_s=3350, tdp_w=700, interconnect="nvlink",
         price=("epoch_purchase", ["NVIDIA H800 SXM5"], None, "export variant sold in China"),
         cloud=("epoch_ondemand", ["NVIDIA H800 SXM5"], None),
         embodied=None,
         source=("NVIDIA H800 Tensor Core GPU datasheet (tensor throughput as H100 SXM; reduced "
                 f"NVLink 400 GB/s and FP64); {EPOCH_SPECS}"), year=2023),
    dict(name="h20", display_name="NVIDIA H20 96GB (HGX H20)", aliases="hgx-h20;h20-96gb",
         vendor="NVIDIA", kind="datacenter", launch_year=2024,
         fp32=44e12, tf32=74e12, bf16=148e12, fp16=148e12, fp8=296e12, int8=296e12,
         memory_gb=96, bandwidth_gb_s=4000, tdp_w=400, interconnect="nvlink",
         price=("epoch_purchase", ["NVIDIA HGX H20"], None,
                "distributor's per-GPU price range ($10,000-13,000), China"),
         cloud=("ratio",),
         embodied=None,
         source=("NVIDIA HGX H20 specifications as listed by distributors (Vipera listing reported "
                 "by Tom's Hardware, Feb 2024; dense tensor figures, 400 W, 900 GB/s NVLink); fp32 "
                 f"from Chinese press reports; NVIDIA publishes no public datasheet; {EPOCH_SPECS}"),
         year=2024),
    dict(name="b200", display_name="NVIDIA B200 (HGX B200)", aliases="hgx-b200;dgx-b200",
         vendor="NVIDIA", kind="datacenter", launch_year=2024,
         fp32=75e12, tf32=1.125e15, bf16=2.25e15, fp16=2.25e15, fp8=4.5e15, int8=4.5e15,
         memory_gb=180, bandwidth_gb_s=8000, tdp_w=1000, interconnect="nvlink",
         price=("epoch_purchase", ["NVIDIA B200"], None,
                "only a DGX B200 server price is in Epoch's table"),
         cloud=("fixed", 6.79, 2026,
                "RunPod pricing page, B200 on-demand (Secure Cloud) per GPU-hour, read 2026; no "
                "B200 quote in Epoch's table"),
         embodied=None,
         source=("NVIDIA HGX B200 / DGX B200 specifications (8-GPU totals / 8; dense = half the "
                 "sparsity figures; 1,440 GB HBM3e per 8 GPUs); "
                 f"{EPOCH_SPECS}"), year=2024),
    dict(name="gb200", display_name="NVIDIA GB200, per B200 GPU (GB200 NVL72)",
         aliases="gb200-nvl72;gb200-gpu", vendor="NVIDIA", kind="datacenter", launch_year=2024,
         fp32=80e12, tf32=1.25e15, bf16=2.5e15, fp16=2.5e15, fp8=5e15, int8=5e15,
         memory_gb=186, bandwidth_gb_s=8000, tdp_w=1200, interconnect="nvlink",
         price=("same_as", "b200",
                "no public price for a GB200 superchip or NVL72 rack share: the B200 per-GPU "
                "estimate (same GPU; excludes the Grace CPU and the rack's NVLink switches)"),
         cloud=("ratio",),
         embodied=None,
         source=("NVIDIA GB200 NVL72 specifications, individual Blackwell GPU column (one B200 of a "
                 "GB200 superchip; dense = half the sparsity figures; 186 GB HBM3e, 8 TB/s; power "
                 "configurable up to 1,200 W)"), year=2025),
    dict(name="l4", display_name="NVIDIA L4", aliases="nvidia-l4;l4-24gb", vendor="NVIDIA",
         kind="datacenter", launch_year=2023,
         fp32=30.3e12, tf32=60e12, bf16=121e12, fp16=121e12, fp8=242.5e12, int8=242.5e12,
         memory_gb=24, bandwidth_gb_s=300, tdp_w=72, interconnect="pcie",
         price=("list", 2345, 2023, f"indicative launch MSRP as listed by {CHIPVERSUS}; NVIDIA "
                                    "publishes no list price for the L4"),
         cloud=("epoch_ondemand", ["NVIDIA L4"], None),
         embodied=None,
         source=f"NVIDIA L4 Tensor Core GPU datasheet (dense = half the sparsity figures); {EPOCH_SPECS}",
         year=2023),
    dict(name="l40s", display_name="NVIDIA L40S", aliases="l40s-48gb", vendor="NVIDIA",
         kind="datacenter", launch_year=2023,
         fp32=91.6e12, tf32=183e12, bf16=362.05e12, fp16=362.05e12, fp8=733e12, int8=733e12,
         memory_gb=48, bandwidth_gb_s=864, tdp_w=350, interconnect="pcie",
         price=("list", 7500, 2023, f"indicative MSRP as listed by {CHIPVERSUS}; NVIDIA publishes "
                                    "no list price for the L40S"),
         cloud=("epoch_ondemand", ["NVIDIA L40S"], None),
         embodied=None,
         source=f"NVIDIA L40S datasheet (dense = half the sparsity figures); {EPOCH_SPECS}",
         year=2023),
    dict(name="l40", display_name="NVIDIA L40", aliases="l40-48gb", vendor="NVIDIA",
         kind="datacenter", launch_year=2022,
         fp32=90.5e12, tf32=90.5e12, bf16=181.05e12, fp16=181.05e12, fp8=362e12, int8=362e12,
         memory_gb=48, bandwidth_gb_s=864, tdp_w=300, interconnect="pcie",
         price=("list", 8174, 2026, f"average market price as listed by {CHIPVERSUS}; NVIDIA "
                                    "publishes no list price for the L40"),
         cloud=("epoch_ondemand", ["NVIDIA L40"], None),
         embodied=None,
         source=f"NVIDIA L40 datasheet (Jan 2023; dense = half the sparsity figures); {EPOCH_SPECS}",
         year=2023),
    dict(name="a10", display_name="NVIDIA A10", aliases="a10-pcie;a10-24gb", vendor="NVIDIA",
         kind="datacenter", launch_year=2021,
         fp32=31.2e12, tf32=62.5e12, bf16=125e12, fp16=125e12, fp8=None, int8=250e12,
         memory_gb=24, bandwidth_gb_s=600, tdp_w=150, interconnect="pcie",
         price=("list", 2800, 2021, f"{EPOCH_SPECS}: release price, from The Next Platform's "
                                    "estimate (Apr 2021); not an NVIDIA list price"),
         cloud=("epoch_ondemand", ["NVIDIA A10 PCIe"], None),
         embodied=None,
         source=f"NVIDIA A10 Tensor Core GPU datasheet (dense = half the sparsity figures); {EPOCH_SPECS}",
         year=2021),
    dict(name="a10g", display_name="NVIDIA A10G (AWS)", aliases="a10g-24gb", vendor="NVIDIA",
         kind="datacenter", launch_year=2021,
         fp32=35e12, tf32=35e12, bf16=70e12, fp16=70e12, fp8=None, int8=140e12,
         memory_gb=24, bandwidth_gb_s=600, tdp_w=300, interconnect="pcie",
         price=("same_as", "a10",
                "the A10G is made for AWS (EC2 G5) and not sold: the A10 card price (same GA102 "
                "board class)"),
         cloud=("epoch_ondemand", ["NVIDIA A10G"], None),
         embodied=None,
         source=("No NVIDIA datasheet for the AWS-only A10G: AWS EC2 G5 documentation (24 GB GDDR6, "
                 "600 GB/s, 80 RT cores = 80 SMs); dense peaks as given by Baseten, A10 vs A10G "
                 "(2023; 80 SMs at 1.71 GHz, tensor rate with FP32 accumulate half the A10's); 300 W "
                 "power limit as reported by nvidia-smi on G5 (NVIDIA/DCGM issue 232, 2025)"),
         year=2025),
    dict(name="a40", display_name="NVIDIA A40", aliases="a40-pcie;a40-48gb", vendor="NVIDIA",
         kind="datacenter", launch_year=2020,
         fp32=37.4e12, tf32=74.8e12, bf16=149.7e12, fp16=149.7e12, fp8=None, int8=299.3e12,
         memory_gb=48, bandwidth_gb_s=696, tdp_w=300, interconnect="pcie",
         price=("epoch_purchase", ["NVIDIA A40 PCIe"], None, "card quote"),
         cloud=("epoch_ondemand", ["NVIDIA A40 PCIe"], None),
         embodied=None,
         source=f"NVIDIA A40 datasheet (dense = half the sparsity figures); {EPOCH_SPECS}", year=2021),
    dict(name="t4", display_name="NVIDIA Tesla T4", aliases="tesla-t4", vendor="NVIDIA",
         kind="datacenter", launch_year=2018,
         fp32=8.1e12, tf32=None, bf16=None, fp16=65e12, fp8=None, int8=130e12,
         memory_gb=16, bandwidth_gb_s=320, tdp_w=70, interconnect="pcie",
         price=("list", 1880, 2018, f"indicative launch MSRP as listed by {CHIPVERSUS}; NVIDIA "
                                    "publishes no list price for the T4"),
         cloud=("epoch_ondemand", ["NVIDIA Tesla T4"], None),
         embodied=None,
         source=f"NVIDIA T4 Tensor Core GPU datasheet; {EPOCH_SPECS}", year=2019),
    # ---------------------------------------------------------------- AMD
    dict(name="mi250x", display_name="AMD Instinct MI250X", aliases="instinct-mi250x",
         vendor="AMD", kind="datacenter", launch_year=2021,
         fp32=47.9e12, tf32=None, bf16=383e12, fp16=383e12, fp8=None, int8=383e12,
         memory_gb=128, bandwidth_gb_s=3276.8, tdp_w=500, interconnect="infinity-fabric",
         price=("list", 14500, 2021, f"{EPOCH_CREDIT}: release-price estimate from The Next Platform "
                                     "(Dec 2021), not an AMD list price"),
         cloud=("ratio",),
         embodied=None,
         source=("AMD Instinct MI250X accelerator datasheet (per OAM package of two GCDs; fp32 = "
                 f"vector figure, matrix fp32 is 95.7 TFLOP/s); {EPOCH_SPECS}"), year=2021),
    dict(name="mi300x", display_name="AMD Instinct MI300X", aliases="instinct-mi300x",
         vendor="AMD", kind="datacenter", launch_year=2023,
         fp32=163.4e12, tf32=653.7e12, bf16=1307.4e12, fp16=1307.4e12, fp8=2614.9e12, int8=2614.9e12,
         memory_gb=192, bandwidth_gb_s=5300, tdp_w=750, interconnect="infinity-fabric",
         price=("epoch_purchase", ["AMD Instinct MI300X"], None,
                "sold as the 8-OAM MI300X platform (UBB baseboard, no host)"),
         cloud=("ratio",),
         embodied=None,
         source=f"AMD Instinct MI300X accelerator data sheet (dense figures); {EPOCH_SPECS}", year=2023),
    dict(name="mi325x", display_name="AMD Instinct MI325X", aliases="instinct-mi325x",
         vendor="AMD", kind="datacenter", launch_year=2024,
         fp32=163.4e12, tf32=653.7e12, bf16=1307.4e12, fp16=1307.4e12, fp8=2614.9e12, int8=2614.9e12,
         memory_gb=256, bandwidth_gb_s=6000, tdp_w=1000, interconnect="infinity-fabric",
         price=("same_as", "mi300x",
                "no public MI325X price: the MI300X per-accelerator price (same CDNA 3 compute dies, "
                "more HBM3e; likely a lower bound)"),
         cloud=("ratio",),
         embodied=None,
         source=("AMD Instinct MI325X accelerator specifications (dense figures; compute as MI300X, "
                 f"256 GB HBM3e at 6 TB/s, 1,000 W); {EPOCH_SPECS}"), year=2024),
    # ---------------------------------------------------------------- Intel
    dict(name="gaudi2", display_name="Intel Gaudi 2", aliases="habana-gaudi2;intel-gaudi2",
         vendor="Intel", kind="datacenter", launch_year=2022,
         fp32=None, tf32=None, bf16=432e12, fp16=None, fp8=865e12, int8=None,
         memory_gb=96, bandwidth_gb_s=2460, tdp_w=600, interconnect="roce",
         price=("epoch_purchase", ["Intel Habana Gaudi2"], None,
                "Intel's price for a kit of 8 Gaudi 2 accelerators on a universal baseboard "
                "($65,000, Computex 2024)"),
         cloud=("ratio",),
         embodied=None,
         source=("Intel, Gaudi 3 AI accelerator presentation at Hot Chips 2024 (Gaudi 2 column: BF16 "
                 "matrix 432 TFLOP/s, 96 GB HBM2e, 2.46 TB/s, 600 W OAM) and Intel's Gaudi 2 FP8 "
                 "matrix figure (865 TFLOP/s); Intel gives no matrix FP32/TF32/FP16/INT8 peak "
                 f"there; 24 x 100 GbE RoCE on chip; {EPOCH_SPECS}"), year=2024),
    dict(name="gaudi3", display_name="Intel Gaudi 3 (OAM)", aliases="intel-gaudi3;hl-325l",
         vendor="Intel", kind="datacenter", launch_year=2024,
         fp32=None, tf32=None, bf16=1835e12, fp16=None, fp8=1835e12, int8=None,
         memory_gb=128, bandwidth_gb_s=3670, tdp_w=900, interconnect="roce",
         price=("list", 15625, 2024,
                "Intel (Computex, Jun 2024): kit of 8 Gaudi 3 accelerators on a universal baseboard "
                "offered to system makers at $125,000; / 8 (no host server)"),
         cloud=("ratio",),
         embodied=None,
         source=("Intel, Gaudi 3 AI accelerator presentation at Hot Chips 2024 (OAM, air-cooled: "
                 "BF16 and FP8 matrix 1,835 TFLOP/s, 128 GB HBM2e, 3.67 TB/s, 900 W; 24 x 200 GbE "
                 "RoCE); Intel gives no matrix FP32/TF32/FP16/INT8 peak there"), year=2024),
    # ---------------------------------------------------------------- Google
    dict(name="tpu-v3", display_name="Google TPU v3", aliases="v3", vendor="Google",
         kind="datacenter", launch_year=2018,
         fp32=None, tf32=None, bf16=123e12, fp16=None, fp8=None, int8=None,
         memory_gb=GIB(32), bandwidth_gb_s=900, tdp_w=220, interconnect="ici",
         price=("epoch_tpu", ["Google TPU v3"], TPU_PRICE),
         cloud=("epoch_ondemand", ["Google TPU v3"], None),
         embodied=None,
         source=f"{GOOGLE_TPU_DOCS} (per chip = 2 TensorCores); {EPOCH_SPECS} (TDP)", year=2024),
    dict(name="tpu-v4", display_name="Google TPU v4", aliases="v4", vendor="Google",
         kind="datacenter", launch_year=2021,
         fp32=None, tf32=None, bf16=275e12, fp16=None, fp8=None, int8=275e12,
         memory_gb=GIB(32), bandwidth_gb_s=1200, tdp_w=170, interconnect="ici",
         price=("epoch_tpu", ["Google TPU v4"], TPU_PRICE),
         cloud=("epoch_ondemand", ["Google TPU v4"], None),
         embodied=None,
         source=f"{GOOGLE_TPU_DOCS}; {EPOCH_SPECS} (TDP)", year=2024),
    dict(name="tpu-v5e", display_name="Google TPU v5e", aliases="v5e;v5-lite;v5litepod",
         vendor="Google", kind="datacenter", launch_year=2023,
         fp32=None, tf32=None, bf16=197e12, fp16=None, fp8=None, int8=394e12,
         memory_gb=GIB(16), bandwidth_gb_s=819, tdp_w=140, interconnect="ici",
         price=("epoch_tpu", ["Google TPU v5e"], TPU_PRICE_NEW),
         cloud=("epoch_ondemand", ["Google TPU v5e"], None),
         embodied=None,
         source=f"Google Cloud TPU v5e documentation; {EPOCH_SPECS} (TDP)", year=2024),
    dict(name="tpu-v5p", display_name="Google TPU v5p", aliases="v5p", vendor="Google",
         kind="datacenter", launch_year=2023,
         fp32=None, tf32=None, bf16=459e12, fp16=None, fp8=None, int8=918e12,
         memory_gb=GIB(95), bandwidth_gb_s=2765, tdp_w=None, interconnect="ici",
         price=("epoch_tpu", ["Google TPU v5p"], TPU_PRICE_NEW),
         cloud=("fixed", 4.20, 2024,
                "Google Cloud TPU pricing page: TPU v5p on-demand list price per chip-hour (US "
                "regions), 2024; not in Epoch's price table"),
         embodied=None,
         source=f"Google Cloud TPU v5p documentation (no TDP published); {EPOCH_SPECS}", year=2024),
    dict(name="tpu-v6e", display_name="Google TPU v6e (Trillium)", aliases="v6e;trillium",
         vendor="Google", kind="datacenter", launch_year=2024,
         fp32=None, tf32=None, bf16=918e12, fp16=None, fp8=None, int8=1836e12,
         memory_gb=GIB(32), bandwidth_gb_s=1640, tdp_w=None, interconnect="ici",
         price=("epoch_tpu", ["Google TPU v6e Trillium"], TPU_PRICE_NEW),
         cloud=("epoch_ondemand", ["Google TPU v6e Trillium"], None),
         embodied=None,
         source=f"Google Cloud TPU v6e documentation (no TDP published); {EPOCH_SPECS}", year=2024),
    # ---------------------------------------------------------------- NVIDIA workstation
    dict(name="rtx-a5000", display_name="NVIDIA RTX A5000", aliases="a5000", vendor="NVIDIA",
         kind="workstation", launch_year=2021,
         fp32=27.8e12, tf32=55.6e12, bf16=111.1e12, fp16=111.1e12, fp8=None, int8=222.2e12,
         memory_gb=24, bandwidth_gb_s=768, tdp_w=230, interconnect="pcie",
         price=("list", 2250, 2021, f"launch price (NVIDIA, Apr 2021, reported by DEVELOP3D), as "
                                    f"recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA RTX A5000"], None),
         embodied=None,
         source=("NVIDIA RTX A5000 datasheet (tensor 222.2 TFLOP/s is the sparse fp16 figure: dense "
                 f"fp16/bf16 111.1, full rate with FP32 accumulate); {EPOCH_SPECS}"), year=2021),
    dict(name="rtx-a6000", display_name="NVIDIA RTX A6000", aliases="a6000;rtx-a6000-48gb",
         vendor="NVIDIA", kind="workstation", launch_year=2020,
         fp32=38.7e12, tf32=77.4e12, bf16=154.8e12, fp16=154.8e12, fp8=None, int8=309.7e12,
         memory_gb=48, bandwidth_gb_s=768, tdp_w=300, interconnect="pcie",
         price=("epoch_purchase", ["NVIDIA RTX A6000"], None, "card quote"),
         cloud=("epoch_ondemand", ["NVIDIA RTX A6000"], None),
         embodied=None,
         source=("NVIDIA RTX A6000 datasheet (tensor 309.7 TFLOP/s is the sparse fp16 figure: dense "
                 f"fp16/bf16 154.8, full rate with FP32 accumulate); {EPOCH_SPECS}"), year=2021),
    dict(name="rtx-6000-ada", display_name="NVIDIA RTX 6000 Ada Generation",
         aliases="rtx-6000-ada-generation;6000-ada", vendor="NVIDIA",
         kind="workstation", launch_year=2022,
         fp32=91.1e12, tf32=182.1e12, bf16=364.2e12, fp16=364.2e12, fp8=728.5e12, int8=728.5e12,
         memory_gb=48, bandwidth_gb_s=960, tdp_w=300, interconnect="pcie",
         price=("list", 6799, 2022, f"launch price (NVIDIA, Dec 2022), as recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA RTX 6000 Ada Generation"], None),
         embodied=None,
         source=("NVIDIA RTX 6000 Ada Generation datasheet and Ada Lovelace architecture whitepaper "
                 "(dense; tensor 1,457 TFLOP/s is the sparse fp8 figure; full rate with FP32 "
                 f"accumulate); {EPOCH_SPECS}"), year=2023),
    # ---------------------------------------------------------------- NVIDIA GeForce
    dict(name="rtx-3080", display_name="NVIDIA GeForce RTX 3080 (10GB)",
         aliases="3080;geforce-rtx-3080", vendor="NVIDIA",
         kind="consumer", launch_year=2020,
         fp32=29.8e12, tf32=29.8e12, bf16=59.5e12, fp16=59.5e12, fp8=None, int8=238e12,
         memory_gb=10, bandwidth_gb_s=760, tdp_w=320, interconnect="none",
         price=("list", 699, 2020, f"launch MSRP (NVIDIA, Sep 2020), as recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA GeForce RTX 3080"], None),
         embodied=None,
         source=("NVIDIA Ampere GA102 GPU architecture whitepaper, GeForce RTX 3080 column (dense; "
                 "fp16/bf16 with FP32 accumulate; FP16-accumulate fp16 is 119 TFLOP/s); "
                 f"{EPOCH_SPECS}"), year=2020),
    dict(name="rtx-3090", display_name="NVIDIA GeForce RTX 3090",
         aliases="3090;geforce-rtx-3090", vendor="NVIDIA",
         kind="consumer", launch_year=2020,
         fp32=35.6e12, tf32=35.6e12, bf16=71e12, fp16=71e12, fp8=None, int8=284e12,
         memory_gb=24, bandwidth_gb_s=936, tdp_w=350, interconnect="none",
         price=("list", 1499, 2020, f"launch MSRP (NVIDIA, Sep 2020), as recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA GeForce RTX 3090"], None),
         embodied=None,
         source=("NVIDIA Ampere GA102 GPU architecture whitepaper, GeForce RTX 3090 column (dense; "
                 "fp16/bf16 with FP32 accumulate; FP16-accumulate fp16 is 142 TFLOP/s); "
                 f"{EPOCH_SPECS}"), year=2020),
    dict(name="rtx-4080", display_name="NVIDIA GeForce RTX 4080 (16GB)",
         aliases="4080;geforce-rtx-4080", vendor="NVIDIA",
         kind="consumer", launch_year=2022,
         fp32=48.7e12, tf32=48.7e12, bf16=97.5e12, fp16=97.5e12, fp8=194.9e12, int8=389.9e12,
         memory_gb=16, bandwidth_gb_s=716.8, tdp_w=320, interconnect="none",
         price=("list", 1199, 2022, f"launch MSRP (NVIDIA, Sep 2022), as recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA GeForce RTX 4080"], None),
         embodied=None,
         source=("NVIDIA Ada Lovelace GPU architecture whitepaper, GeForce RTX 4080 16GB column "
                 "(dense; fp16/bf16/fp8 with FP32 accumulate; FP16-accumulate fp16 is 194.9 "
                 f"TFLOP/s); {EPOCH_SPECS}"), year=2022),
    dict(name="rtx-4090", display_name="NVIDIA GeForce RTX 4090",
         aliases="4090;geforce-rtx-4090", vendor="NVIDIA",
         kind="consumer", launch_year=2022,
         fp32=82.6e12, tf32=82.6e12, bf16=165.2e12, fp16=165.2e12, fp8=330.3e12, int8=660.6e12,
         memory_gb=24, bandwidth_gb_s=1008, tdp_w=450, interconnect="none",
         price=("list", 1599, 2022, f"launch MSRP (NVIDIA, Sep 2022), as recorded in {EPOCH_SPECS}"),
         cloud=("epoch_ondemand", ["NVIDIA GeForce RTX 4090"], None),
         embodied=None,
         source=("NVIDIA Ada Lovelace GPU architecture whitepaper, GeForce RTX 4090 column (dense; "
                 "fp16/bf16/fp8 with FP32 accumulate; FP16-accumulate fp16 is 330.3 TFLOP/s); "
                 f"{EPOCH_SPECS}"), year=2022),
    dict(name="rtx-5090", display_name="NVIDIA GeForce RTX 5090",
         aliases="5090;geforce-rtx-5090", vendor="NVIDIA",
         kind="consumer", launch_year=2025,
         fp32=104.8e12, tf32=104.8e12, bf16=209.5e12, fp16=209.5e12, fp8=419e12, int8=838e12,
         memory_gb=32, bandwidth_gb_s=1792, tdp_w=575, interconnect="none",
         price=("list", 1999, 2025, "launch MSRP (NVIDIA, CES Jan 2025)"),
         cloud=("fixed", 0.76, 2026,
                "Spheron GPU marketplace, RTX 5090 on-demand rental per GPU-hour, as published on "
                "its blog (Mar 2026); no RTX 5090 quote in Epoch's table"),
         embodied=None,
         source=("NVIDIA RTX Blackwell GPU architecture whitepaper, GeForce RTX 5090 column (dense; "
                 "170 SMs, 2.41 GHz boost; fp16/bf16/fp8 with FP32 accumulate, half the "
                 "FP16-accumulate rate of 419 TFLOP/s; 32 GB GDDR7, 1,792 GB/s, 575 W)"), year=2025),
]


def _text(row: dict) -> str:
    return " ".join((row.get("Cloud GPU description", ""), row.get("Notes", ""))).replace(" ", "")


def _excluded(row: dict, excl) -> bool:
    if not excl:
        return False
    return f"{excl}GB" in _text(row)


def _selected(row: dict, models) -> bool:
    """Whether an Epoch row is one of ``models``: a model name, or (name, "94")
    for that model's rows that mention 94GB."""
    for model in models:
        if isinstance(model, tuple):
            name, need = model
            if row["Hardware model"] == name and f"{need}GB" in _text(row):
                return True
        elif row["Hardware model"] == model:
            return True
    return False


def epoch_observations(prices: list[dict], models: list, column: str, excl) -> list[dict]:
    out = []
    for r in prices:
        if not _selected(r, models) or not r["Price date"]:
            continue
        value = num(r[column])
        if value is None or _excluded(r, excl):
            continue
        out.append({**r, "_value": value, "_year": int(r["Price date"][:4])})
    return out


def purchase_basis(row: dict) -> str:
    """How an Epoch purchase row relates to one accelerator: 'unit' (a quote
    for one), 'board' (8 on a baseboard without a host, Epoch's price / 8) or
    'server' (a whole 8-GPU server, Epoch's price / 8)."""
    if (row.get("Number of GPUs") or "").strip() in ("", "1"):
        return "unit"
    source = row["Price source"].lower()
    return "board" if any(m in source for m in BOARD_SOURCES) else "server"


def epoch_median(prices, models, column, excl, dedupe: Callable[[dict], tuple] | None):
    obs = epoch_observations(prices, models, column, excl)
    if not obs:
        return None
    return _latest_median(obs, dedupe)


def _latest_median(obs: list[dict], dedupe: Callable[[dict], tuple] | None = None):
    year = max(o["_year"] for o in obs)
    latest = [o for o in obs if o["_year"] == year]
    if dedupe:
        seen = {}
        for o in sorted(latest, key=lambda o: o["Price date"]):
            seen[dedupe(o)] = o
        latest = list(seen.values())
    values = sorted(o["_value"] for o in latest)
    return statistics.median(values), year, len(values)


def epoch_purchase(prices, models, excl) -> tuple[float, int, str] | None:
    """Per-accelerator purchase price from Epoch's observations: value, year
    and how it was derived (see the Prices notes above)."""
    obs = epoch_observations(prices, models, "Price (hardware purchase)", excl)
    for basis in ("unit", "board", "server"):
        chosen = [o for o in obs if purchase_basis(o) == basis]
        if not chosen:
            continue
        value, year, n = _latest_median(chosen)
        many = f"median of {n}" if n > 1 else "one"
        if basis == "unit":
            how = f"{many} single-accelerator quote{'s' if n > 1 else ''}, {year}"
        elif basis == "board":
            how = (f"{many} quote{'s' if n > 1 else ''} for 8 accelerators on a baseboard without "
                   f"a host server, {year}: price / 8")
        else:
            value /= SERVER_TO_CHIP
            how = (f"{many} 8-GPU server quote{'s' if n > 1 else ''}, {year}: server price / 8 / "
                   f"{SERVER_TO_CHIP} (Cottier et al. 2024, arXiv:2405.21015: servers cost "
                   f"{SERVER_TO_CHIP}x their chips)")
        return value, year, how
    return None


def build_accelerators(data_dir: str) -> list[dict]:
    prices = read_csv(os.path.join(data_dir, "reference", "epoch", "epoch_hw_prices.csv"))
    rows = []
    for a in ACCELERATORS:
        if a["interconnect"] not in INTERCONNECTS or a["kind"] not in KINDS:
            raise ValueError(f"{a['name']}: bad interconnect or kind")
        row = {
            "name": a["name"], "display_name": a["display_name"], "aliases": a["aliases"],
            "vendor": a["vendor"], "kind": a["kind"], "launch_year": a["launch_year"],
            "peak_fp32_flops": a["fp32"], "peak_tf32_flops": a["tf32"],
            "peak_bf16_flops": a["bf16"], "peak_fp16_flops": a["fp16"],
            "peak_fp8_flops": a["fp8"], "peak_int8_ops": a["int8"],
            "memory_gb": a["memory_gb"], "bandwidth_gb_s": a["bandwidth_gb_s"], "tdp_w": a["tdp_w"],
            "interconnect": a["interconnect"],
            "embodied_kg_co2e": a["embodied"][0] if a["embodied"] else None,
            "embodied_source": a["embodied"][1] if a["embodied"] else "",
            "source": a["source"], "year": a["year"],
        }
        rule = a["price"]
        if rule[0] in ("list", "fixed"):
            row.update(price_usd=rule[1], price_year=rule[2], price_source=rule[3])
        elif rule[0] == "epoch_purchase":
            res = epoch_purchase(prices, rule[1], rule[2])
            if res is None:
                raise ValueError(f"{a['name']}: no Epoch purchase observation")
            value, year, how = res
            row.update(price_usd=round(value, 2), price_year=year,
                       price_source=f"{EPOCH_CREDIT}: {how}; {rule[3]}")
        elif rule[0] == "epoch_tpu":
            res = epoch_median(prices, rule[1], "Price (hardware purchase)", None, None)
            if res is None:
                raise ValueError(f"{a['name']}: no Epoch purchase-equivalent estimate")
            value, year, n = res
            what = f"median of {n} estimates" if n > 1 else "single estimate"
            row.update(price_usd=round(value, 2), price_year=year,
                       price_source=f"{EPOCH_CREDIT}: {what}, {year}; {rule[2]}")
        elif rule[0] != "same_as":
            raise ValueError(rule)
        rows.append((a, row))

    # Prices borrowed from another row, once that row has its own.
    by_name = {a["name"]: row for a, row in rows}
    for a, row in rows:
        rule = a["price"]
        if rule[0] == "same_as":
            other = by_name[rule[1]]
            row.update(price_usd=other["price_usd"], price_year=other["price_year"],
                       price_source=f"{rule[2]}; {rule[1]} row: {other['price_source']}")

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
        elif rule[0] != "ratio":
            raise ValueError(rule)
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
    _check_aliases(out)
    return out


def _key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _check_aliases(rows: list[dict]) -> None:
    """Every name and alias leads to one row (keys: lower case, letters and
    digits only), and no alias merely respells its row's name or another alias."""
    owner: dict[str, str] = {}
    for row in rows:
        keys = [_key(row["name"])] + [_key(a) for a in row["aliases"].split(";") if a.strip()]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{row['name']}: an alias only respells the name or another alias")
        for key in keys:
            if owner.setdefault(key, row["name"]) != row["name"]:
                raise ValueError(f"{row['name']}: {key!r} already names {owner[key]}")


FILE = "accelerators.csv"
COLUMNS = ACCEL_COLUMNS
REQUIRED = REQUIRED_ACCELERATORS
build = build_accelerators
