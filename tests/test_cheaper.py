"""The cheaper paths (MODEL.md section 6): fine-tuning, quantized serving, discounts."""

from __future__ import annotations

import computedivide as cd
import numpy as np
import pytest

# Llama 2 7B and LLaMA 65B as the model catalog gives them (Touvron et al. 2023).
LLAMA2_7B = {"params": 7.0e9, "layers": 32, "d_model": 4096}
LLAMA_65B = {"params": 65.2e9, "layers": 80, "d_model": 8192}


def adapter_params(shape, rank=8, matrices=2):
    """LoRA parameters by hand: rank r on `matrices` d x d matrices per layer."""
    return rank * 2 * shape["d_model"] * matrices * shape["layers"]


def test_lora_of_7b_on_1e8_tokens_costs_under_1_percent_of_pretraining():
    lora = cd.finetune("llama-2-7b", "a100-80gb", "USA", tokens=1e8)
    pretrain = cd.train("llama-2-7b", "a100-80gb", "USA", tokens=2e12)
    n, a = LLAMA2_7B["params"], adapter_params(LLAMA2_7B)
    assert a == 4_194_304
    assert float(lora["train_flops"]) == pytest.approx((4 * n + 6 * a) * 1e8, rel=1e-12)
    ratio = (4 * n + 6 * a) * 1e8 / (6 * n * 2e12)
    assert ratio == pytest.approx(3.336e-5, rel=1e-3)  # 2.8e18 / 8.4e22
    # Same accelerator and model, so the same fitted MFU: money scales as FLOPs.
    for view in ("cost_rent_usd", "gpu_hours", "energy_kwh"):
        assert float(lora[view] / pretrain[view]) == pytest.approx(ratio, rel=1e-12)
    assert float(lora["cost_rent_usd"]) < 0.01 * float(pretrain["cost_rent_usd"])


def test_qlora_of_65b_fits_one_48gb_accelerator_and_full_finetuning_does_not():
    ds = cd.finetune("llama-65b", "l40s", "USA", tokens=1e8, method=["qlora", "lora", "full"])
    n, a = LLAMA_65B["params"], adapter_params(LLAMA_65B)
    activations = 2 * 8192 * 80 * 2048
    usable = 48e9 * 0.9
    by_hand = {
        "qlora": n * 4.127 / 8 + a * 16 + activations,  # 34.0 GB
        "lora": n * 2 + a * 16 + activations,  # 133.4 GB
        "full": n * 16 + activations,  # 1,045.9 GB
    }
    for method, state_bytes in by_hand.items():
        expected = max(1.0, np.ceil(state_bytes / usable))
        assert float(ds["min_gpus_memory"].sel(finetune_method=method)) == expected, method
    assert ds["min_gpus_memory"].sel(finetune_method="qlora") == 1
    assert ds["min_gpus_memory"].sel(finetune_method="full") == 25
    # Dettmers et al. 2023: a 65B model on a single 48 GB GPU with QLoRA.
    assert by_hand["qlora"] < usable < by_hand["full"]


def test_recomputation_repeats_the_forward_pass_of_frozen_weights_and_adapters():
    base = dict(tokens=1e9, params=1e10, peak_flops=1e15, mfu=0.5, memory_gb=80.0)
    base.update(tdp_w=700.0, pue=1.1, carbon_intensity_g_per_kwh=400.0)
    base.update(cloud_usd_per_gpu_hour=2.0, gpu_price_usd=2e4, electricity_usd_per_kwh=0.1)
    ds = cd.train(**base, adapter_share=0.01, activation_recompute=True)
    adapter = 0.01 * 1e10
    model_flops = (4 * 1e10 + 6 * adapter) * 1e9
    assert float(ds["train_flops"]) == pytest.approx(model_flops, rel=1e-15)
    forward = 2 * (1e10 + adapter) * 1e9
    assert float(ds["hardware_flops"]) == pytest.approx(model_flops + forward, rel=1e-15)
    full = cd.train(**base, activation_recompute=True)
    assert float(full["hardware_flops"]) == pytest.approx(8 * 1e10 * 1e9, rel=1e-15)


def test_kernel_and_reference_agree_on_adapters_and_discounts():
    grid = dict(tokens=[1e7, 1e9], method=["lora", "qlora"], discount_multiplier=[1.0, 0.45])
    ds = cd.finetune("llama-2-13b", ["a100-80gb", "h100-sxm"], "USA", **grid)
    ref = cd.finetune("llama-2-13b", ["a100-80gb", "h100-sxm"], "USA", **grid, backend="reference")
    for name in ds.data_vars:
        np.testing.assert_allclose(
            ds[name].values.astype(float), ref[name].values.astype(float), rtol=1e-13
        )


def test_discount_multiplies_the_rent_only():
    list_price = cd.train("llama-2-7b", "h100-sxm", "USA")
    committed = cd.train(
        "llama-2-7b", "h100-sxm", "USA", discount_multiplier=cd.discount("gcp-committed-use-max")
    )
    assert cd.discount("gcp-committed-use-max") == 0.43
    assert float(committed["cost_rent_usd"]) == pytest.approx(
        0.43 * float(list_price["cost_rent_usd"]), rel=1e-15
    )
    for unchanged in ("cost_own_usd", "capex_usd", "energy_kwh"):
        assert float(committed[unchanged]) == float(list_price[unchanged])
    served = cd.serve("llama-3.1-8b", "h100-sxm", "USA", discount_multiplier=[1.0, 0.28])
    rent = served["usd_per_mtok_rent"].values
    assert rent[1] == pytest.approx(0.28 * rent[0], rel=1e-15)
    with pytest.raises(KeyError, match="choose from"):
        cd.discount("student")
    with pytest.raises(ValueError, match=r"discount_multiplier must be \(0, 1\]"):
        cd.train("llama-2-7b", "h100-sxm", "USA", discount_multiplier=1.2)


def test_every_discount_has_a_source_and_year():
    for name, row in cd.DISCOUNTS.items():
        assert 0 < row["multiplier"] < 1, name
        assert row["source"] and 2020 <= row["year"] <= 2026, name


def test_finetune_refuses_what_does_not_apply():
    with pytest.raises(TypeError, match="tokens"):
        cd.finetune("llama-2-7b", "a100-80gb", "USA")  # type: ignore[call-arg]
    with pytest.raises(KeyError, match="method='dora'"):
        cd.finetune("llama-2-7b", "a100-80gb", "USA", tokens=1e8, method="dora")
    with pytest.raises(ValueError, match="no effect with method='full'"):
        cd.finetune("llama-2-7b", "a100-80gb", "USA", tokens=1e8, method="full", lora_rank=16)
    with pytest.raises(ValueError, match="drop lora_rank"):
        cd.finetune("llama-2-7b", "a100-80gb", "USA", tokens=1e8, adapter_share=0.01, lora_rank=4)
    with pytest.raises(ValueError, match="lora_rank must be finite and > 0"):
        cd.finetune("llama-2-7b", "a100-80gb", "USA", tokens=1e8, lora_rank=0)
    with pytest.raises(ValueError, match="micro_batch_tokens must be finite and > 0"):
        cd.finetune("llama-2-7b", "a100-80gb", "USA", tokens=1e8, micro_batch_tokens=float("nan"))
    with pytest.raises(ValueError, match="needs layers to size the adapters"):
        cd.finetune(hardware="a100-80gb", region="USA", tokens=1e8, params=7e9)
    with pytest.raises(ValueError, match="frozen_bytes_per_param has no effect"):
        cd.train("llama-2-7b", "a100-80gb", "USA", frozen_bytes_per_param=0.5)


def test_full_finetuning_is_pretraining_on_fewer_tokens():
    full = cd.finetune("llama-2-7b", "a100-80gb", "USA", tokens=1e9, method="full", activation_gb=0)
    pretrain = cd.train("llama-2-7b", "a100-80gb", "USA", tokens=1e9)
    for name in ("train_flops", "gpu_hours", "min_gpus_memory", "cost_rent_usd"):
        assert float(full[name]) == float(pretrain[name]), name
    assert str(full["finetune_method"].values) == "full"


def test_local_serving_weight_bits_and_fit_on_one_consumer_gpu():
    ds = cd.local_serving(["llama-3.1-8b", "llama-3.1-70b"], "rtx-4090", "USA")
    assert list(ds["weight_bits"].values) == [16, 8, 4]
    weights = ds["weights_gb"].sel(model="llama-3.1-8b").values
    # 8.0e9 parameters at 2, 1 and 4.156 / 8 bytes.
    np.testing.assert_allclose(weights, [16.0, 8.0, 8.0 * 4.15625 / 8], rtol=1e-15)
    fits = ds["fits_one_device"]
    assert fits.sel(model="llama-3.1-8b").values.tolist() == [True, True, True]
    # 70B at 4 bits is 36.4 GB of weights: more than a 24 GB card holds.
    assert fits.sel(model="llama-3.1-70b").values.tolist() == [False, False, False]
    assert float(ds.attrs["pue"]) == 1.0
    # Batch 1 is bandwidth-bound: 4-bit weights decode faster than 16-bit ones.
    speed = ds["tokens_per_s"].sel(model="llama-3.1-8b").values
    assert speed[2] > speed[1] > speed[0]
    with pytest.raises(ValueError, match="weight_bits=3"):
        cd.local_serving("llama-3.1-8b", "rtx-4090", "USA", weight_bits=3)


def test_local_serving_defaults_to_open_models_on_consumer_hardware():
    ds = cd.local_serving(region="USA", weight_bits=4)
    models = cd.catalog.table("model")
    assert set(ds["model"].values) == set(models.index[models["open_weights"].astype(bool)])
    kinds = cd.catalog.table("hardware").loc[ds["hardware"].values, "kind"]
    assert set(kinds) <= {"consumer", "workstation"}
    assert "gpt-4" not in ds["model"].values
