"""The cheaper paths (MODEL.md section 6): fine-tuning, quantized serving at home, discounts.

Those who cannot pre-train adapt, compress and rent. These entry points are
presets of :func:`computedivide.train` and :func:`computedivide.serve`: they
fill in the kernel inputs that describe the cheaper path (the adapter's
share of the parameters, the bytes of a frozen or quantized weight) and run
the same compiled core over the same grids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr

from . import catalog
from ._api import serve, train
from ._grid import catalog_names, lookup, to_dataarray

#: Fine-tuning methods and what they change in the training kernel.
FINETUNE_METHODS: dict[str, str] = {
    "full": "every parameter trains, with optimizer state (6 FLOPs per parameter and token)",
    "lora": "16-bit frozen weights plus low-rank adapters (Hu et al. 2021, arXiv 2106.09685)",
    "qlora": "4-bit NF4 frozen weights plus adapters (Dettmers et al. 2023, arXiv 2305.14314)",
}

#: Bytes per frozen weight of each adapter method. QLoRA stores NF4 weights
#: (4 bits) with double-quantised block constants: 8/64 + 32/(64 * 256) =
#: 0.127 bits more per parameter (Dettmers et al. 2023, section 3).
FROZEN_BYTES_PER_PARAM: dict[str, float] = {"lora": 2.0, "qlora": (4.0 + 0.127) / 8.0}

#: Default LoRA rank and adapted matrices per layer: rank 8 on the query and
#: value projections, the defaults of Hu et al. 2021 (section 7) and of
#: Hugging Face PEFT for Llama-style models. A d x d matrix adapted at rank r
#: adds r (d + d) parameters; ``lora_matrices_per_layer`` counts d x d
#: equivalents (about 9 for every linear layer of a block with a 4d MLP,
#: the QLoRA paper's Guanaco setting, with ``lora_rank=64``).
DEFAULT_LORA_RANK = 8
DEFAULT_LORA_MATRICES_PER_LAYER = 2.0

#: Tokens per micro-batch held in activation memory, for the default
#: activation estimate of a fine-tuning run: one sequence of 2,048 tokens.
DEFAULT_MICRO_BATCH_TOKENS = 2048.0

#: Bytes per weight of quantized serving, by bits. 4 bits: GPTQ / AWQ
#: int4 weights with one fp16 scale and one 4-bit zero point per group of
#: 128 weights, 4 + 20/128 = 4.156 bits (the AutoGPTQ storage layout).
WEIGHT_BYTES_BY_BITS: dict[int, float] = {16: 2.0, 8: 1.0, 4: (4.0 + 20.0 / 128.0) / 8.0}

#: Published discounts on cloud rent, as multipliers on the list price.
#: "Up to" figures are the largest discount a provider states. Academic
#: access comes as free allocations (NAIRR pilot, EuroHPC) rather than a
#: published price multiplier, so none is listed.
DISCOUNTS: dict[str, dict[str, Any]] = {
    "gcp-committed-use-max": {
        "multiplier": 0.43,
        "provider": "Google Cloud",
        "source": "Google Cloud documentation, Resource-based committed use discounts: "
        "up to 57 % for most resources, machine types and GPUs (3-year term)",
        "year": 2025,
    },
    "aws-savings-plan-max": {
        "multiplier": 0.28,
        "provider": "AWS",
        "source": "AWS EC2 Instance Savings Plans: up to 72 % off On-Demand prices "
        "(3-year term, all upfront)",
        "year": 2025,
    },
    "aws-compute-savings-plan-max": {
        "multiplier": 0.34,
        "provider": "AWS",
        "source": "AWS Compute Savings Plans: up to 66 % off On-Demand prices",
        "year": 2025,
    },
    "azure-reserved-3y-max": {
        "multiplier": 0.28,
        "provider": "Microsoft Azure",
        "source": "Azure Reserved Virtual Machine Instances: up to 72 % off "
        "pay-as-you-go prices (3-year term)",
        "year": 2025,
    },
}


def discount(name: str) -> float:
    """The rent multiplier of a published discount (see ``DISCOUNTS``).

    Raises
    ------
    KeyError
        If ``name`` is not in ``DISCOUNTS``.
    """
    if name not in DISCOUNTS:
        raise KeyError(f"discount {name!r} is not known; choose from {sorted(DISCOUNTS)}")
    return float(DISCOUNTS[name]["multiplier"])


# The dimension of a swept method. Not "method": that is a keyword of
# xarray's .sel(), so ds.sel(method="lora") would not select.
METHOD_DIM = "finetune_method"


def _methods(method: Any) -> xr.DataArray:
    da = to_dataarray(METHOD_DIM, method)
    for item in da.values.ravel().tolist():
        if not isinstance(item, str) or item not in FINETUNE_METHODS:
            raise KeyError(f"method={item!r} is not known; choose from {sorted(FINETUNE_METHODS)}")
    if da.ndim == 0:
        da = da.assign_coords({METHOD_DIM: str(da.values)})
    return da


def _shape_value(
    name: str, arguments: Mapping[str, Any], models: xr.DataArray | None, table: Any
) -> xr.DataArray:
    """A model-shape figure: the user's, else the model catalog's."""
    if arguments.get(name) is not None:
        return to_dataarray(name, arguments[name]).astype(np.float64)
    column = {"params": "params_total"}.get(name, name)
    if models is None:
        raise ValueError(
            f"finetune() needs {name} to size the adapters: give model= (a catalog "
            f"model), {name}=..., or adapter_share=..."
        )
    da = lookup(table, models, column)
    if bool(np.isnan(da.values).any()):
        blank = sorted(set(models.values[np.isnan(da.values)].ravel().tolist()))
        raise ValueError(
            f"finetune() needs {name} to size the adapters, but the model catalog has "
            f"none for {blank}; give {name}=... or adapter_share=..."
        )
    return da


def finetune_arguments(
    model: Any,
    method: Any,
    lora_rank: Any,
    lora_matrices_per_layer: Any,
    micro_batch_tokens: Any,
    catalogs: Mapping[str, catalog.Rows] | None,
    arguments: dict[str, Any],
) -> tuple[dict[str, Any], xr.DataArray, dict[str, str]]:
    """The training arguments of a fine-tuning method (see :func:`finetune`).

    Returns the arguments with ``adapter_share``, ``frozen_bytes_per_param``
    and ``activation_gb`` filled in, the methods, and notes for ``attrs``.
    """
    arguments = dict(arguments)
    if "params" in arguments and "active_params" not in arguments:
        arguments["active_params"] = arguments["params"]
    methods = _methods(method)
    names = [str(m) for m in methods.values.ravel()]
    adapters = methods.copy(data=np.isin(methods.values, ["lora", "qlora"]))
    any_adapters = bool(adapters.values.any())
    sizing = {
        "lora_rank": lora_rank,
        "lora_matrices_per_layer": lora_matrices_per_layer,
        "adapter_share": arguments.get("adapter_share"),
        "frozen_bytes_per_param": arguments.get("frozen_bytes_per_param"),
    }
    if not any_adapters:
        given = sorted(k for k, v in sizing.items() if v is not None)
        if given:
            raise ValueError(f"{given} have no effect with method='full': drop them")
    if arguments.get("adapter_share") is not None and (
        lora_rank is not None or lora_matrices_per_layer is not None
    ):
        raise ValueError(
            "adapter_share= sets the adapters directly: drop lora_rank= and lora_matrices_per_layer="
        )
    if "activation_gb" in arguments and micro_batch_tokens is not None:
        raise ValueError("activation_gb= sets the activations directly: drop micro_batch_tokens=")

    table = catalog.table("model", (catalogs or {}).get("model"))
    models = catalog_names("model", "model", model, table) if model is not None else None
    notes = {
        "finetune_method": "; ".join(f"{m}: {FINETUNE_METHODS[m]}" for m in dict.fromkeys(names))
    }

    if any_adapters:
        if arguments.get("adapter_share") is None:
            rank = to_dataarray("lora_rank", DEFAULT_LORA_RANK if lora_rank is None else lora_rank)
            matrices = to_dataarray(
                "lora_matrices_per_layer",
                DEFAULT_LORA_MATRICES_PER_LAYER
                if lora_matrices_per_layer is None
                else lora_matrices_per_layer,
            )
            for label, da in (("lora_rank", rank), ("lora_matrices_per_layer", matrices)):
                values = np.asarray(da.values, dtype=np.float64)
                if not (np.isfinite(values).all() and (values > 0).all()):
                    raise ValueError(f"{label} must be finite and > 0; got {da.values!r}")
            layers = _shape_value("layers", arguments, models, table)
            d_model = _shape_value("d_model", arguments, models, table)
            params = _shape_value("params", arguments, models, table)
            share = rank * 2.0 * d_model * matrices * layers / params
            arguments["adapter_share"] = xr.where(adapters, share, 0.0)
            notes["adapter_sizing"] = (
                "adapter_share = lora_rank * 2 * d_model * lora_matrices_per_layer * "
                f"layers / params (rank {lora_rank or DEFAULT_LORA_RANK}, "
                f"{lora_matrices_per_layer or DEFAULT_LORA_MATRICES_PER_LAYER} matrices per layer)"
            )
        else:
            arguments["adapter_share"] = xr.where(
                adapters, to_dataarray("adapter_share", arguments["adapter_share"]), 0.0
            )
        if arguments.get("frozen_bytes_per_param") is None:
            by_method = [FROZEN_BYTES_PER_PARAM.get(m, 2.0) for m in methods.values.ravel()]
            arguments["frozen_bytes_per_param"] = methods.copy(
                data=np.reshape(np.array(by_method, dtype=np.float64), methods.shape)
            )

    if "activation_gb" not in arguments:
        try:
            layers = _shape_value("layers", arguments, models, table)
            d_model = _shape_value("d_model", arguments, models, table)
        except ValueError:
            notes["activation_memory"] = "not counted: no model shape (give activation_gb=)"
        else:
            tokens_in_flight = to_dataarray(
                "micro_batch_tokens",
                DEFAULT_MICRO_BATCH_TOKENS if micro_batch_tokens is None else micro_batch_tokens,
            )
            values = np.asarray(tokens_in_flight.values, dtype=np.float64)
            if not (np.isfinite(values).all() and (values > 0).all()):
                raise ValueError(
                    f"micro_batch_tokens must be finite and > 0 (tokens); got {micro_batch_tokens!r}"
                )
            arguments["activation_gb"] = 2.0 * d_model * layers * tokens_in_flight / 1e9
            notes["activation_memory"] = (
                "2 * d_model * layers * micro_batch_tokens bytes: each layer's 16-bit "
                "input under full recomputation (Korthikanti et al. 2022)"
            )
    # Only the adapter-related shape figures were read here; train() reads
    # the rest (layers, d_model only with the attention term).
    for name in ("layers", "d_model"):
        if name in arguments and not arguments.get("attention_flops"):
            arguments.pop(name)
    return arguments, methods, notes


def finetune(
    model: Any = None,
    hardware: Any = None,
    region: Any = None,
    precision: Any = None,
    *,
    tokens: Any,
    method: Any = "lora",
    lora_rank: Any = None,
    lora_matrices_per_layer: Any = None,
    micro_batch_tokens: Any = None,
    catalogs: Mapping[str, catalog.Rows] | None = None,
    **arguments: Any,
) -> xr.Dataset:
    """What it takes to fine-tune a model: full, LoRA or QLoRA (MODEL.md section 6).

    The training kernel with the inputs of the chosen method:

    - ``"full"``: every parameter trains (6 N_act D_ft FLOPs; 16 bytes of
      state per parameter);
    - ``"lora"``: 16-bit frozen weights take the forward pass and the
      backward pass to the activations, 4 N_act D_ft FLOPs, plus 6 FLOPs per
      adapter parameter and token; memory is the frozen weights at 2 bytes,
      the adapter with its optimizer state, and activations;
    - ``"qlora"``: as LoRA with the frozen weights in 4-bit NF4 (0.516 bytes
      per parameter with double quantisation).

    Parameters
    ----------
    model, hardware, region, precision
        As in :func:`computedivide.train`.
    tokens : float or sequence, tokens
        Fine-tuning tokens D_ft (required: a model's pre-training tokens are
        not a fine-tuning budget).
    method : {"lora", "qlora", "full"} or sequence of them, default "lora"
        A sequence sweeps them along a ``finetune_method`` dimension (not
        ``method``, a keyword of xarray's ``.sel()``).
    lora_rank : float, default 8
        Rank r of the adapters (Hu et al. 2021; Hugging Face PEFT default).
    lora_matrices_per_layer : float, default 2
        Adapted d x d matrices per layer (2: the query and value
        projections; about 9 adapts every linear layer of a block).
        ``adapter_share = lora_rank * 2 * d_model * lora_matrices_per_layer *
        layers / params``, from the model's shape (catalog or ``layers=``,
        ``d_model=``, ``params=``); give ``adapter_share=`` to set it
        directly.
    micro_batch_tokens : float, tokens, default 2048
        Tokens of one micro-batch, for the default activation memory: with
        full recomputation each layer keeps its 16-bit input,
        ``2 * d_model * layers * micro_batch_tokens`` bytes (Korthikanti et
        al. 2022). Give ``activation_gb=`` to set it directly.
    catalogs : dict, optional
        As in :func:`computedivide.train`.
    **arguments
        Every other argument of :func:`computedivide.train` (``mfu``,
        ``n_gpus``, ``train_bytes_per_param``, ``frozen_bytes_per_param``,
        ``discount_multiplier``, ``metrics``, ``reduce``, ...).

    Returns
    -------
    xarray.Dataset
        The outputs of :func:`computedivide.train` (FLOPs, hours, accelerators,
        ``min_gpus_memory``, energy, CO2, water and the three money views),
        over a ``finetune_method`` dimension when several are given; ``attrs`` name
        the method and the adapter sizing.

    Raises
    ------
    KeyError
        Unknown method (or catalog names, as in train()).
    ValueError
        No ``tokens``; no model shape to size the adapters; arguments that
        do not apply to the methods chosen (``lora_rank`` with ``"full"``
        alone).

    Examples
    --------
    QLoRA puts a 65-billion-parameter model on one 48 GB accelerator; full
    fine-tuning needs 25 of them:

    >>> import computedivide as cd
    >>> ds = cd.finetune("llama-65b", "l40s", "USA", tokens=1e8, method=["qlora", "full"])
    >>> ds["min_gpus_memory"].values.tolist()
    [1.0, 25.0]
    """
    arguments, methods, notes = finetune_arguments(
        model,
        method,
        lora_rank,
        lora_matrices_per_layer,
        micro_batch_tokens,
        catalogs,
        arguments,
    )
    ds = train(
        model,
        hardware,
        region,
        precision,
        tokens=tokens,
        catalogs=catalogs,
        **arguments,
    )
    if methods.ndim == 0:
        ds = ds.assign_coords({METHOD_DIM: str(methods.values)})
    ds.attrs.update(notes)
    return ds


def _open_models(table: Any) -> list[str]:
    return [str(n) for n, open_ in table["open_weights"].items() if bool(open_)]


def local_serving(
    model: Any = None,
    hardware: Any = None,
    region: Any = None,
    weight_bits: Sequence[int] | int = (16, 8, 4),
    *,
    batch: Any = 1,
    catalogs: Mapping[str, catalog.Rows] | None = None,
    **arguments: Any,
) -> xr.Dataset:
    """Which open models run on one consumer accelerator, at 16, 8 or 4 bits, and how fast.

    :func:`computedivide.serve` at batch 1 over open-weight models,
    consumer and workstation accelerators and weight precisions. A model
    runs at home where its weights and KV cache fit on one accelerator
    (``fits_one_device``); ``tokens_per_s`` is then the speed one person
    sees. What owning such a machine costs a month against local incomes is
    :func:`computedivide.afford` with the local-hardware offers
    (``payers="individuals"``).

    Parameters
    ----------
    model : str or sequence of str, optional
        Catalog models (default: every open-weight model).
    hardware : str or sequence of str, optional
        Catalog accelerators (default: every consumer and workstation one).
    region : str or sequence of str, optional
        Catalog regions for the grid's carbon intensity and the electricity
        price (or give ``carbon_intensity_g_per_kwh=`` and
        ``electricity_usd_per_kwh=``). ``pue`` is 1 unless given: a machine
        at home has no data-centre cooling.
    weight_bits : int or sequence of {16, 8, 4}, default (16, 8, 4)
        Bits per weight, along a ``weight_bits`` dimension: 16 (bf16), 8
        (int8 weights) or 4 (GPTQ / AWQ int4 with group scales, 4.156 bits).
        Compute runs at 16 bits (weights are dequantised).
    batch : int, default 1
        Sequences decoded together (1: one person's chat).
    catalogs : dict, optional
        As in :func:`computedivide.serve`.
    **arguments
        Every other argument of :func:`computedivide.serve` except
        ``weight_bytes_per_param`` and ``precision``.

    Returns
    -------
    xarray.Dataset
        :func:`computedivide.serve`'s outputs over (model, hardware,
        weight_bits), plus ``fits_one_device`` (bool).

    Examples
    --------
    >>> import computedivide as cd
    >>> ds = cd.local_serving("llama-3.1-8b", "rtx-4090", "USA", weight_bits=[16, 4])
    >>> ds["fits_one_device"].values.tolist()
    [True, True]
    """
    for name in ("weight_bytes_per_param", "precision"):
        if name in arguments:
            raise ValueError(f"local_serving() sets {name} from weight_bits: drop {name}=")
    bits = to_dataarray("weight_bits", weight_bits)
    for item in np.asarray(bits.values).ravel().tolist():
        if isinstance(item, (bool, np.bool_)) or item not in WEIGHT_BYTES_BY_BITS:
            raise ValueError(f"weight_bits={item!r}: choose from {sorted(WEIGHT_BYTES_BY_BITS)}")
    weight_bytes = bits.copy(
        data=np.vectorize(lambda b: WEIGHT_BYTES_BY_BITS[int(b)], otypes=[float])(bits.values)
    )
    if model is None:
        model = _open_models(catalog.table("model", (catalogs or {}).get("model")))
    if hardware is None:
        hw = catalog.table("hardware", (catalogs or {}).get("hardware"))
        hardware = [str(n) for n, kind in hw["kind"].items() if kind in ("consumer", "workstation")]
    arguments.setdefault("pue", 1.0)
    ds = serve(
        model,
        hardware,
        region,
        batch=batch,
        weight_bytes_per_param=weight_bytes,
        catalogs=catalogs,
        **arguments,
    )
    ds["fits_one_device"] = (ds["gpus_per_replica"] == 1).assign_attrs(
        units="1", description="weights and KV cache fit on one accelerator"
    )
    ds.attrs["weight_bits"] = (
        "16: bf16; 8: int8 weights; 4: int4 with a fp16 scale and a 4-bit zero per 128 "
        "weights (4.156 bits)"
    )
    return ds
