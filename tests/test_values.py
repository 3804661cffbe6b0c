"""Hand-computed and published values."""

from __future__ import annotations

import itertools

import computedivide as cd
import pytest

# A complete set of explicit inputs (no catalog), A100-like, for arithmetic by hand.
A100 = dict(
    peak_flops=312e12,
    memory_gb=80.0,
    tdp_w=400.0,
    gpu_price_usd=15_000.0,
    cloud_usd_per_gpu_hour=2.0,
)
SITE = dict(pue=1.1, carbon_intensity_g_per_kwh=400.0, electricity_usd_per_kwh=0.10)


def test_gpt3_training_flops_is_3_15e23():
    # 6 * 175e9 parameters * 300e9 tokens (Brown et al. 2020: 3.14e23).
    ds = cd.train(params=175e9, tokens=300e9, **A100, **SITE)
    assert float(ds["train_flops"]) == pytest.approx(3.15e23, rel=1e-12)


def test_gpt3_from_the_catalog():
    ds = cd.train(model="gpt-3", hardware="v100-sxm", region="USA", precision="fp16")
    assert float(ds["train_flops"]) == pytest.approx(3.15e23, rel=1e-12)
    assert ds.coords["model"].item() == "gpt-3"


def test_llama2_70b_gpu_hours_match_the_model_card():
    # 6 * 70e9 * 2e12 = 8.4e23 FLOPs at 312 TFLOP/s * 0.435 = 1,719,197 h;
    # the Llama 2 model card reports 1,720,320 A100-80GB hours.
    ds = cd.train(model="llama-2-70b", hardware="a100-80gb", region="USA", mfu=0.435)
    assert float(ds["gpu_hours"]) == pytest.approx(8.4e23 / (312e12 * 0.435) / 3600, rel=1e-12)
    assert float(ds["gpu_hours"]) == pytest.approx(1_720_320, rel=0.01)


def test_meta_model_card_energy_convention_reproduces_llama2_70b_co2():
    # Meta: GPU-hours x 400 W TDP, no PUE; 291.42 tCO2e for 1,720,320 h, i.e.
    # 688.128 MWh at 423.5 g/kWh. Pick the MFU that gives the card's hours.
    mfu = 8.4e23 / (312e12 * 1_720_320 * 3600)
    ds = cd.train(
        params=70e9,
        tokens=2e12,
        mfu=mfu,
        **A100,
        pue=1.0,
        power_share=1.0,
        carbon_intensity_g_per_kwh=423.5,
        electricity_usd_per_kwh=0.1,
    )
    assert float(ds["gpu_hours"]) == pytest.approx(1_720_320, rel=1e-12)
    assert float(ds["energy_kwh"]) == pytest.approx(688_128, rel=1e-12)
    assert float(ds["co2_kg"]) / 1000 == pytest.approx(291.42, rel=1e-3)


def test_training_money_views_by_hand():
    # 1e9 params, 1e11 tokens: 6e20 FLOPs / (312e12 * 0.5) = 3,846,153.8 s
    # = 1068.376 GPU-h. On 10 GPUs: 4.4517 days.
    ds = cd.train(
        params=1e9,
        tokens=1e11,
        mfu=0.5,
        n_gpus=10,
        **A100,
        **SITE,
        cluster_overhead=1.0,
        amortisation_years=4.0,
    )
    hours = 6e20 / (312e12 * 0.5) / 3600
    days = hours / 10 / 24
    energy = hours * 0.4 * 1.1
    assert float(ds["gpu_hours"]) == pytest.approx(hours, rel=1e-12)
    assert float(ds["wall_days"]) == pytest.approx(days, rel=1e-12)
    assert float(ds["energy_kwh"]) == pytest.approx(energy, rel=1e-12)
    assert float(ds["cost_rent_usd"]) == pytest.approx(hours * 2.0, rel=1e-12)
    assert float(ds["capex_usd"]) == pytest.approx(10 * 15_000 * 2.0, rel=1e-12)
    own = 300_000 * (days / 365.25) / 4.0 + energy * 0.10
    assert float(ds["cost_own_usd"]) == pytest.approx(own, rel=1e-12)
    # 16 bytes x 1e9 = 16 GB of state over 72 usable GB: one GPU holds it.
    assert float(ds["min_gpus_memory"]) == 1
    assert bool(ds["fits_memory"])
    # Embodied: 10 GPUs x 150 kg x (days / 365.25) / 6 years.
    assert float(ds["co2_embodied_kg"]) == pytest.approx(10 * 150 * days / 365.25 / 6, rel=1e-12)


def test_cluster_sized_by_wall_time_budget():
    # 1068.376 GPU-h within 2 days needs ceil(1068.376 / 48) = 23 GPUs.
    ds = cd.train(params=1e9, tokens=1e11, mfu=0.5, wall_days_budget=2.0, **A100, **SITE)
    assert float(ds["n_gpus_used"]) == 23
    assert float(ds["wall_days"]) == pytest.approx(6e20 / (312e12 * 0.5) / 23 / 86400, rel=1e-12)


def test_memory_floor_raises_the_cluster_and_is_reported():
    # 175e9 x 16 B = 2.8 TB over 72 GB usable = 38.9, so 39 GPUs.
    ds = cd.train(params=175e9, tokens=1e9, n_gpus=[8, 64], **A100, **SITE)
    assert (ds["min_gpus_memory"] == 39).all()
    assert ds["fits_memory"].values.tolist() == [False, True]
    budget = cd.train(params=175e9, tokens=1e9, wall_days_budget=1000.0, **A100, **SITE)
    assert float(budget["n_gpus_used"]) == 39


def test_attention_term_and_recompute():
    # Kaplan et al.: + 6 L T d D. L=32, T=4096, d=4096, D=1e12.
    kw = dict(params=7e9, tokens=1e12, **A100, **SITE)
    shape = dict(layers=32, d_model=4096, context_tokens=4096)
    plain = float(cd.train(**kw)["train_flops"])
    full = float(cd.train(**kw, **shape, attention_flops=True)["train_flops"])
    causal = float(
        cd.train(**kw, **shape, attention_flops=True, causal_attention=True)["train_flops"]
    )
    attention = 6 * 32 * 4096 * 4096 * 1e12
    assert plain == pytest.approx(6 * 7e9 * 1e12, rel=1e-12)
    assert full - plain == pytest.approx(attention, rel=1e-12)
    assert causal - plain == pytest.approx(attention / 2, rel=1e-12)
    ds = cd.train(**kw, activation_recompute=True)
    assert float(ds["hardware_flops"]) == pytest.approx(8 * 7e9 * 1e12, rel=1e-12)
    # MFU counts model FLOPs: recomputation does not change the hours.
    assert float(ds["gpu_hours"]) == float(cd.train(**kw)["gpu_hours"])


def test_mixture_of_experts_uses_active_params_for_flops_and_total_for_memory():
    ds = cd.train(params=671e9, active_params=37e9, tokens=14.8e12, **A100, **SITE)
    assert float(ds["train_flops"]) == pytest.approx(6 * 37e9 * 14.8e12, rel=1e-12)
    assert float(ds["min_gpus_memory"]) == 150  # ceil(671e9 * 16 / 72e9) = 149.1 -> 150


def test_water_by_hand():
    ds = cd.train(
        params=1e9,
        tokens=1e11,
        mfu=0.5,
        n_gpus=10,
        **A100,
        **SITE,
        wue_l_per_kwh=0.5,
        grid_water_l_per_kwh=3.0,
    )
    energy = float(ds["energy_kwh"])
    assert float(ds["water_l"]) == pytest.approx(energy / 1.1 * 0.5 + energy * 3.0, rel=1e-12)


H100 = dict(
    peak_flops=989.4e12,
    memory_gb=80.0,
    bandwidth_gb_s=3350.0,
    tdp_w=700.0,
    gpu_price_usd=30_000.0,
    cloud_usd_per_gpu_hour=4.0,
)
LLAMA2_70B = dict(params=70e9, layers=80, kv_heads=8, head_dim=128)


def test_serving_llama2_70b_on_h100_by_hand():
    ds = cd.serve(
        **LLAMA2_70B,
        **H100,
        **SITE,
        batch=1,
        prompt_tokens=1000,
        output_tokens=500,
        mbu=0.5,
        mfu_inference=0.5,
    )
    kv_per_token = 2 * 80 * 8 * 128 * 2  # 327,680 bytes
    assert float(ds["weights_gb"]) == pytest.approx(140.0, rel=1e-12)
    assert float(ds["kv_gb_per_seq"]) == pytest.approx(kv_per_token * 1500 / 1e9, rel=1e-12)
    # (140e9 + 0.49 GB) / (80 GB x 0.9) = 1.95 -> 2 GPUs per replica.
    assert float(ds["gpus_per_replica"]) == 2
    # Memory bound: (140e9 + 1250 tokens of KV) / (2 x 3350e9 x 0.5).
    step = (140e9 + 1250 * kv_per_token) / (2 * 3350e9 * 0.5)
    assert float(ds["decode_step_s"]) == pytest.approx(step, rel=1e-12)
    assert float(ds["tokens_per_s"]) == pytest.approx(1 / step, rel=1e-12)
    assert float(ds["prefill_s"]) == pytest.approx(
        2 * 70e9 * 1000 / (2 * 989.4e12 * 0.5), rel=1e-12
    )
    rent_per_mtok = 2 * 4.0 / (3600 / step) * 1e6
    assert float(ds["usd_per_mtok_rent"]) == pytest.approx(rent_per_mtok, rel=1e-12)
    kw = 2 * 0.7 * 1.1
    assert float(ds["kwh_per_mtok"]) == pytest.approx(kw / (3600 / step) * 1e6, rel=1e-12)
    assert float(ds["co2_g_per_mtok"]) == pytest.approx(kw / (3600 / step) * 1e6 * 400, rel=1e-12)
    own_per_hour = 2 * 30_000 * (1 + 1.02) / (3.1 * 8766) + kw * 0.10
    assert float(ds["usd_per_mtok_own"]) == pytest.approx(
        own_per_hour / (3600 / step) * 1e6, rel=1e-12
    )
    assert "replicas" not in ds  # no load given


def test_serving_batch_becomes_compute_bound():
    ds = cd.serve(
        **LLAMA2_70B, **H100, **SITE, batch=[1, 8, 64, 512], output_tokens=100, prompt_tokens=100
    )
    tps = ds["tokens_per_s"].values
    assert list(ds.coords["batch"].values) == [1, 8, 64, 512]
    assert all(a < b for a, b in itertools.pairwise(tps))  # batching raises throughput
    # At 512 the step is compute bound: 2 N B / (peak x gpus x mfu).
    g = float(ds["gpus_per_replica"].sel(batch=512))
    step = float(ds["decode_step_s"].sel(batch=512))
    compute = 2 * 70e9 * 512 / (989.4e12 * g * 0.5)
    assert step >= compute * (1 - 1e-12)


def test_serving_load_by_hand():
    ds = cd.serve(
        **LLAMA2_70B,
        **H100,
        **SITE,
        batch=16,
        users=100_000,
        requests_per_user_per_day=10,
        output_tokens=500,
        target_utilization=0.5,
    )
    demand = 100_000 * 10 * 500 / 86400  # output tokens per second
    replicas = -(-demand // (float(ds["tokens_per_s"]) * 0.5))
    assert float(ds["replicas"]) == replicas
    g = float(ds["gpus_per_replica"])
    assert float(ds["monthly_cost_rent_usd"]) == pytest.approx(
        replicas * g * 4.0 * 730.5, rel=1e-12
    )
    energy = replicas * g * 0.7 * 1.1 * 730.5
    assert float(ds["monthly_energy_kwh"]) == pytest.approx(energy, rel=1e-12)
    assert float(ds["monthly_co2_kg"]) == pytest.approx(energy * 0.4, rel=1e-12)


def test_memory_floor_rounds_up_exactly_at_whole_numbers():
    # 16 bytes x 4.5e9 = 72e9 bytes = exactly one GPU's 80 GB x 0.9; one
    # parameter more needs a second GPU. 13.5e9 parameters need exactly 3.
    ds = cd.train(params=[4.5e9, 4.5e9 + 1, 13.5e9, 13.5e9 + 1, 1.0], tokens=1e9, **A100, **SITE)
    assert ds["min_gpus_memory"].values.tolist() == [1, 2, 3, 4, 1]


def test_llama_2_70b_energy_from_its_reported_gpu_hours():
    # Llama 2 model card: 1,720,320 A100-80GB GPU-hours at 400 W (TDP, no
    # PUE) = 688.1 MWh; the FLOPs 6 x 70e9 x 2e12 then imply an MFU of 0.435
    # against the 312 TFLOP/s bf16 peak.
    ds = cd.train(
        model="llama-2-70b", hardware="a100-80gb", region="USA", known_gpu_hours=1_720_320, pue=1.0
    )
    assert float(ds["energy_kwh"]) == pytest.approx(688_128.0, rel=1e-12)
    assert float(ds["implied_mfu"]) == pytest.approx(
        8.4e23 / (312e12 * 1_720_320 * 3600), rel=1e-12
    )


def test_gpt3_hours_from_chips_and_days():
    # 10,000 V100s for 14.8 days (Patterson et al. 2021, table 4) = 3,552,000 h.
    ds = cd.train(
        model="gpt-3",
        hardware="v100-sxm",
        region="USA",
        precision="fp16",
        n_gpus=10_000,
        known_wall_days=14.8,
    )
    assert float(ds["gpu_hours"]) == pytest.approx(3_552_000.0, rel=1e-12)
    assert float(ds["wall_days"]) == pytest.approx(14.8, rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"known_gpu_hours": 1e6, "mfu": 0.4}, "mfu has no effect"),
        ({"known_gpu_hours": 1e6, "known_wall_days": 10, "n_gpus": 100}, "give one"),
        ({"known_wall_days": 10}, "needs n_gpus"),
        ({"known_gpu_hours": -1.0}, "known_gpu_hours must be"),
    ],
)
def test_known_time_arguments_are_checked(kwargs, words):
    with pytest.raises(ValueError, match=words):
        cd.train(model="llama-2-70b", hardware="a100-80gb", region="USA", **kwargs)
