"""The inverse question (MODEL.md section 7) and the development budget (section 6).

:func:`largest_model` turns a budget (money, energy, a share of a payer's
R&D or income) into the largest model it buys, for every payer and scenario
at once: the compiled core searches each point of the grid (closed form
where the cost is a power of the parameters, bisection otherwise).
:func:`development_budget` adds what a model costs beyond its final run.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import xarray as xr

from . import _core, _fidelity, catalog, reference
from ._afford import _along, _budgets, _payer_table
from ._api import _CATALOG_COLUMNS, _prepare
from ._cheaper import finetune_arguments
from ._grid import Grid, check_threads, numeric_input
from ._params import (
    DEVELOP_OUTPUTS,
    DEVELOP_PARAM,
    SERVE_OUTPUTS,
    SERVE_PARAMS,
    TRAIN_OUTPUTS,
    TRAIN_PARAMS,
    US_LOADED_SALARY_USD,
    Param,
)

Path = Literal["pretrain", "finetune", "serve"]

#: Outputs a budget can pay for, by path: each rises with the parameters.
TRAIN_SPENDS = (
    "cost_rent_usd",
    "cost_own_usd",
    "capex_usd",
    "energy_kwh",
    "co2_kg",
    "water_l",
    "gpu_hours",
    "train_flops",
)
SERVE_SPENDS = (
    "monthly_cost_rent_usd",
    "monthly_cost_own_usd",
    "monthly_energy_kwh",
    "monthly_co2_kg",
    "usd_per_mtok_rent",
    "usd_per_mtok_own",
)
#: Chinchilla-optimal pre-training: 20 tokens per parameter (Hoffmann et al. 2022).
CHINCHILLA_TOKENS_PER_PARAM = 20.0
# The active parameters at which a fitted MFU is evaluated before it is
# scaled with the size in the core.
_MFU_REFERENCE_PARAMS = 1e10
_SEARCH_OUTPUTS = ("largest_params", "largest_active_params", "budget_spent", "search_bound")

_BUDGET = Param("budget", "1", "budget, in the unit of the output it pays for", low_open=False)
_SHARE = Param("budget_share", "1", "share of the payer's yearly budget spent", high=100.0)
_ACTIVE = Param("active_share", "1", "active over total parameters", high=1.0)


def _payer_budget(
    payers: str,
    names: Any,
    budgets: Any,
    budget_share: Any,
    rows: catalog.Rows | None,
) -> tuple[xr.DataArray, str]:
    """A yearly budget in USD along the payer (and budget, budget_share) dims."""
    share = numeric_input(_SHARE, budget_share)
    if payers == "individuals":
        table, dim = _payer_table("individuals", names, rows)
        if budgets is not None:
            raise ValueError(
                "budgets= applies to nations and organisations; individuals spend income"
            )
        yearly = _along(table, dim, "gni_per_capita_usd")
        label = "GNI per capita"
    else:
        table, dim = _payer_table(payers, names, rows)
        yearly, _ = _budgets(payers, table, dim, budgets)
        if isinstance(budgets, str):
            yearly = yearly.squeeze("budget")
        label = "budget"
    coords = {"display_name": (dim, table["display_name"].to_numpy(dtype=str))}
    return (yearly * share).assign_coords(coords), f"{label} x budget_share"


def largest_model(
    budget: Any = None,
    path: Path = "pretrain",
    hardware: Any = None,
    region: Any = None,
    precision: Any = None,
    *,
    spend: str | None = None,
    payers: Literal["nations", "organisations", "individuals"] | None = None,
    names: Any = None,
    budgets: Any = None,
    budget_share: Any = 0.01,
    model: Any = None,
    tokens_per_param: Any = None,
    tokens: Any = None,
    active_share: Any = 1.0,
    method: Any = "lora",
    params_range: tuple[float, float] = (1e6, 1e15),
    catalogs: Mapping[str, catalog.Rows] | None = None,
    threads: int | None = None,
    **arguments: Any,
) -> xr.Dataset:
    """The largest model a budget buys: to pre-train, fine-tune or serve (MODEL.md section 7).

    For every payer and scenario of the grid the core finds the largest
    parameter count N whose cost (``spend``) is within the budget, with
    everything else as :func:`computedivide.train` or
    :func:`computedivide.serve` would have it. Pre-training uses D = 20 N
    (Chinchilla-optimal, Hoffmann et al. 2022) unless ``tokens=`` fixes D.
    The search is closed form where the cost is a power of N (the rent and
    own views, energy, CO2) and bisection where accelerators come in whole
    numbers (``capex_usd``); the answer's cost is within 1e-12 of the budget,
    or the next size up costs more.

    Parameters
    ----------
    budget : float, sequence or DataArray, optional
        The budget in the unit of ``spend`` (USD, kWh, kg CO2e, ...; USD
        per month for the monthly serving costs). Or give ``payers=``.
    path : {"pretrain", "finetune", "serve"}, default "pretrain"
        What the budget pays for.
    hardware, region, precision
        As in :func:`computedivide.train`; sequences sweep them, and
        ``best_*`` variables say which accelerator and region give the
        largest model.
    spend : str, optional
        The output the budget pays for: for training one of
        ``TRAIN_SPENDS`` (default ``"cost_rent_usd"``), for serving one of
        ``SERVE_SPENDS`` (default ``"monthly_cost_rent_usd"``, which needs
        ``users=``).
    payers : {"nations", "organisations", "individuals"}, optional
        Budgets from the catalogs instead of ``budget``: ``budget_share`` of
        each payer's yearly budget (nations: ``budgets="rd"`` or ``"gdp"``;
        individuals: GNI per capita). Monthly serving costs are set against
        a twelfth of it.
    names, budgets
        Which payers and which of their budgets (as in
        :func:`computedivide.afford`).
    budget_share : float or sequence, default 0.01
        Share of the payer's yearly budget spent, in (0, 100].
    model : str, optional
        Fine-tuning and serving: the catalog model whose shape (layers,
        width, KV heads) is kept while the size varies; it sizes the
        adapters and the KV cache.
    tokens_per_param : float, default 20
        Pre-training tokens per parameter (D = tokens_per_param N).
    tokens : float, optional
        Fixed training tokens instead (pre-training), or the fine-tuning
        tokens (required for ``path="finetune"``).
    active_share : float in (0, 1], default 1
        Active over total parameters (mixture of experts).
    method : {"lora", "qlora", "full"}, default "lora"
        Fine-tuning method (see :func:`computedivide.finetune`).
    params_range : (float, float), default (1e6, 1e15)
        The sizes searched. ``search_bound`` says where the answer is below
        (-1: nothing fits; ``largest_params`` is 0 and the other variables
        NaN) or at the top (+1) of this range.
    catalogs, threads
        As in :func:`computedivide.train`.
    **arguments
        Every other argument of :func:`computedivide.train` or
        :func:`computedivide.serve` (``mfu``, ``n_gpus``, ``discount_multiplier``,
        ``users``, ``lora_rank``, ...). Without ``mfu=``, a catalog
        accelerator's fitted MFU follows the size as it does in ``train()``.

    Returns
    -------
    xarray.Dataset
        Over the payers and the scenario grid: ``largest_params``,
        ``largest_active_params``, ``largest_tokens`` (training),
        ``budget_spent`` (the ``spend`` at that model), ``search_bound``, and
        every output of the kernel at that model. A model whose training state
        does not fit on the ``n_gpus`` given is out of reach. With several accelerators
        or regions: ``best_largest_params`` and ``best_hardware`` /
        ``best_region`` (the accelerator and region where the budget goes
        furthest).

    Raises
    ------
    ValueError
        No budget, or both ``budget`` and ``payers``; a negative budget; a
        ``spend`` the path has not; arguments the path does not take.

    Examples
    --------
    A million dollars of H100 rent in the USA pre-trains, with D = 20 N and
    the fitted MFU, a model of about 46 billion parameters (276,000 H100-hours):

    >>> import computedivide as cd
    >>> ds = cd.largest_model(1e6, "pretrain", "h100-sxm", "USA")
    >>> round(float(ds["largest_params"]) / 1e9, 1)
    46.2
    """
    if path not in ("pretrain", "finetune", "serve"):
        raise ValueError(f"path={path!r}: choose 'pretrain', 'finetune' or 'serve'")
    kernel: Literal["train", "serve"] = "serve" if path == "serve" else "train"
    spends = SERVE_SPENDS if kernel == "serve" else TRAIN_SPENDS
    spend = spend or spends[0]
    if spend not in spends:
        raise ValueError(
            f"spend={spend!r} is not a cost of path={path!r}; choose from {list(spends)}"
        )
    for name in ("params", "active_params", "metrics", "reduce", "interval", "backend", "device"):
        if name in arguments:
            raise ValueError(f"largest_model() does not take {name}=: the size is what it finds")
    if (budget is None) == (payers is None):
        raise ValueError(
            "give a budget= (in the unit of spend) or payers= (catalog budgets), not both"
        )
    lo, hi = (float(v) for v in params_range)
    if not (math.isfinite(lo) and math.isfinite(hi) and 0 < lo < hi):
        raise ValueError(
            f"params_range must be two finite sizes 0 < low < high; got {params_range!r}"
        )
    check_threads(threads)

    # The budget, along the payers if any.
    monthly = spend.startswith("monthly_")
    if payers is not None:
        budget_da, budget_note = _payer_budget(
            payers,
            names,
            budgets,
            budget_share,
            (catalogs or {}).get("organisation" if payers == "organisations" else "nation"),
        )
        if monthly:
            budget_da = budget_da / 12.0
            budget_note += " / 12 (a month)"
        catalogs = {k: v for k, v in (catalogs or {}).items() if k in _CATALOG_COLUMNS}
    else:
        for name, value in (("names", names), ("budgets", budgets)):
            if value is not None:
                raise ValueError(f"{name}= applies with payers= only")
        budget_da = numeric_input(_BUDGET, budget)
        budget_note = "given"

    # The kernel's inputs at a reference size; the core moves the size.
    search: dict[str, Any] = {"active_share": numeric_input(_ACTIVE, active_share)}
    notes: dict[str, str] = {}
    given = dict(arguments)
    catalog_args = {"model": None, "hardware": hardware, "region": region}
    if path == "pretrain":
        if model is not None:
            raise ValueError("path='pretrain' searches the size: model= does not apply")
        if tokens is not None and tokens_per_param is not None:
            raise ValueError("tokens= fixes D; tokens_per_param= ties it to N: give one")
        ratio = CHINCHILLA_TOKENS_PER_PARAM if tokens is None and tokens_per_param is None else 0.0
        if tokens_per_param is not None:
            ratio = float(tokens_per_param)
            if not (math.isfinite(ratio) and ratio > 0):
                raise ValueError(f"tokens_per_param must be > 0; got {tokens_per_param!r}")
        given["tokens"] = 1.0 if tokens is None else tokens
        search["tokens_per_param"] = ratio
        notes["tokens_rule"] = (
            f"D = {ratio:g} N" + (" (Chinchilla, Hoffmann et al. 2022)" if ratio == 20 else "")
            if ratio > 0
            else "D as given"
        )
    elif path == "finetune":
        if tokens is None:
            raise ValueError("path='finetune' needs tokens= (the fine-tuning tokens)")
        if tokens_per_param is not None:
            raise ValueError("tokens_per_param= applies to path='pretrain'")
        lora = {
            k: given.pop(k, None)
            for k in ("lora_rank", "lora_matrices_per_layer", "micro_batch_tokens")
        }
        given, methods, more = finetune_arguments(
            model,
            method,
            lora["lora_rank"],
            lora["lora_matrices_per_layer"],
            lora["micro_batch_tokens"],
            catalogs,
            given,
        )
        notes.update(more)
        given["tokens"] = tokens
        search["tokens_per_param"] = 0.0
        if methods.ndim == 0:
            notes["finetune_method"] = str(methods.values)
    else:
        if tokens is not None or tokens_per_param is not None:
            raise ValueError("tokens= and tokens_per_param= apply to training paths")
        catalog_args["model"] = model
        if monthly and "users" not in given:
            raise ValueError(f"spend={spend!r} needs users= (the load the budget serves)")
    # Placeholders: the core sets the size. A fitted MFU is evaluated here.
    given["params"] = _MFU_REFERENCE_PARAMS
    given["active_params"] = _MFU_REFERENCE_PARAMS * search["active_share"]
    specs = SERVE_PARAMS if kernel == "serve" else TRAIN_PARAMS
    unknown = sorted(set(given) - {p.name for p in specs})
    if unknown:
        raise TypeError(f"largest_model() got arguments that {kernel}() does not take: {unknown}")
    prepared = _prepare(kernel, specs, given, catalog_args, catalogs, precision)
    notes.update(prepared.notes)

    # A fitted MFU moves with the size: mfu(N) = mfu(1e10) (N / 1e10)^exponent.
    exponent = 0.0
    if kernel == "train" and "mfu_default" in prepared.notes:
        exponent = _fidelity.shipped_mfu_fit().per_decade / math.log(10.0)
    outputs = SERVE_OUTPUTS if kernel == "serve" else TRAIN_OUTPUTS
    search.update(
        budget=budget_da,
        budget_output=float([o.name for o in outputs].index(spend)),
        params_min=lo,
        params_max=hi,
    )
    if kernel == "train":
        search.update(mfu_size_exponent=exponent, mfu_reference_params=_MFU_REFERENCE_PARAMS)
    arrays = dict(prepared.arrays)
    for name, value in search.items():
        arrays[name] = value if isinstance(value, xr.DataArray) else xr.DataArray(float(value))
    grid = Grid(arrays)
    name = "largest_serve" if kernel == "serve" else "largest_train"
    order = getattr(_core, f"{name}_input_names")()
    views = {n: grid.view(arrays[n]) for n in order}
    wanted = list(getattr(_core, f"{name}_output_names")())
    grid.check_fits(len(wanted))
    results, _ = getattr(_core, f"evaluate_{name}")(views, wanted, int(threads or 0))
    found = results["search_bound"]
    missing = np.isnan(grid.view(arrays["budget"])) & np.ones(grid.shape, dtype=bool)
    for variable in wanted:
        bad = ~np.isfinite(results[variable]) & ~missing & ~(found < 0)
        if bad.any():
            raise OverflowError(
                f"largest_model: {variable} is not finite in {int(bad.sum())} of {grid.size} "
                "scenarios: some inputs are too extreme"
            )
    ds = grid.dataset(results)
    units = {o.name: (o.unit, o.doc) for o in outputs}
    units.update(
        largest_params=("1", "the largest model within the budget (total parameters)"),
        largest_active_params=("1", "its active parameters"),
        largest_tokens=("token", "its training tokens"),
        budget_spent=(
            units[spend][0],
            f"{spend} of that model (within the budget; NaN where no budget figure)",
        ),
        search_bound=(
            "1",
            "-1: even the smallest size costs more; +1: the largest fits; 0: between",
        ),
    )
    for variable in ds.data_vars:
        unit, doc = units[str(variable)]
        ds[variable].attrs.update(units=unit, description=doc)
    ds = _best(ds, [d for d in ("hardware", "region") if d in ds.dims])
    ds.attrs.update(notes)
    ds.attrs.update(
        path=path,
        spend=spend,
        budget=budget_note,
        params_range=f"{lo:g} to {hi:g}",
        computedivide_kernel=name,
    )
    return ds


def _best(ds: xr.Dataset, dims: Sequence[str]) -> xr.Dataset:
    """Where the budget goes furthest: the largest model over ``dims``."""
    if not dims:
        return ds
    size = ds["largest_params"]
    stacked = size.stack(_choice=list(dims))
    filled = stacked.fillna(-1.0)
    at = filled.argmax("_choice")
    best = stacked.isel(_choice=at)
    out = ds.copy()
    out["best_largest_params"] = best.drop_vars(["_choice", *dims], errors="ignore").assign_attrs(
        units="1", description=f"the largest model over {', '.join(dims)}"
    )
    for dim in dims:
        labels = stacked[dim].isel(_choice=at)
        out[f"best_{dim}"] = labels.drop_vars(["_choice", *dims], errors="ignore").assign_attrs(
            description=f"the {dim} where the budget buys the largest model"
        )
    return out


def development_budget(
    final_run_usd: Any,
    *,
    experiments_multiplier: Any = None,
    staff: Any = None,
    salary_usd_per_year: Any = None,
    staff_months: Any = None,
    data_tokens: Any = None,
    data_usd_per_mtok: Any = None,
    annotated_examples: Any = None,
    usd_per_example: Any = None,
    nation: Any = None,
    view: str = "cost_rent_usd",
    catalogs: Mapping[str, catalog.Rows] | None = None,
    threads: int | None = None,
    backend: Literal["core", "reference"] = "core",
) -> xr.Dataset:
    """The whole cost of developing a model, beyond the final run (MODEL.md section 6).

    Four parts, reported separately and summed: the final run, experiments
    and failed runs (the final run's cost times ``experiments_multiplier -
    1``), staff (people x loaded salary x months / 12) and data (licensed
    tokens and annotated examples). Cottier et al. 2024 put staff at 29 to
    49 % of the development cost of frontier models.

    Parameters
    ----------
    final_run_usd : float, sequence, DataArray or Dataset
        The final run's cost in USD, or the result of
        :func:`computedivide.train` / :func:`computedivide.finetune` (its
        ``view``).
    experiments_multiplier : float >= 1, default 2.2
        All R&D compute over the final run's (Cottier et al. 2024: 1.2x to
        4x, median 2.2x).
    staff : float >= 0, person
        People on the project, full-time equivalent (required).
    salary_usd_per_year : float, USD/year, default 200,700
        Loaded salary: the US median wage of computer and information
        research scientists (BLS, May 2024, $140,910) over the wage share
        of compensation (70.2 %, BLS ECEC 2025). With ``nation=``, the
        default is scaled by each nation's GNI per capita against the
        USA's: a crude regional default; give your own where you know it.
    staff_months : float, month, default 12
        Months of staff work.
    data_tokens, data_usd_per_mtok : float, default 0
        Licensed tokens and their price per million.
    annotated_examples, usd_per_example : float, default 0
        Annotated examples bought and their price.
    nation : str or sequence of str, optional
        Nations whose salaries to assume (a ``nation`` dimension).
    view : str, default "cost_rent_usd"
        Which money output of a Dataset ``final_run_usd`` to use.
    catalogs : dict, optional
        Your own ``"nation"`` rows.
    threads, backend
        As in :func:`computedivide.train`.

    Returns
    -------
    xarray.Dataset
        ``compute_final_usd``, ``compute_experiments_usd``, ``staff_usd``,
        ``data_usd``, ``total_usd`` (USD) and ``staff_share``.

    Examples
    --------
    A $100M run, 2.2x in experiments, 200 people for a year at the US default:

    >>> import computedivide as cd
    >>> ds = cd.development_budget(1e8, staff=200)
    >>> round(float(ds["total_usd"]) / 1e6, 1), round(float(ds["staff_share"]), 3)
    (260.1, 0.154)
    """
    if isinstance(final_run_usd, xr.Dataset):
        if view not in final_run_usd:
            raise KeyError(
                f"view={view!r} is not in the Dataset; it has {list(final_run_usd.data_vars)}"
            )
        final_run_usd = final_run_usd[view]
    if staff is None:
        raise ValueError("development_budget() needs staff= (people, full-time equivalent)")
    given = {
        "final_run_usd": final_run_usd,
        "experiments_multiplier": experiments_multiplier,
        "staff": staff,
        "salary_usd_per_year": salary_usd_per_year,
        "staff_months": staff_months,
        "data_tokens": data_tokens,
        "data_usd_per_mtok": data_usd_per_mtok,
        "annotated_examples": annotated_examples,
        "usd_per_example": usd_per_example,
    }
    inputs = {}
    for name, value in given.items():
        spec = DEVELOP_PARAM[name]
        inputs[name] = numeric_input(spec, spec.default if value is None else value)
    note = "given" if salary_usd_per_year is not None else "US default"
    if nation is not None:
        if salary_usd_per_year is not None:
            raise ValueError("salary_usd_per_year= and nation= both set the salary: give one")
        table = catalog.table("nation", (catalogs or {}).get("nation"))
        chosen, dim = _payer_table("nations", nation, (catalogs or {}).get("nation"))
        gni = _along(chosen, dim, "gni_per_capita_usd")
        usa = float(table["gni_per_capita_usd"].to_numpy(dtype=np.float64)[table.index == "USA"][0])
        inputs["salary_usd_per_year"] = US_LOADED_SALARY_USD * gni / usa
        note = "US default x nation's GNI per capita / USA's"
    grid = Grid(inputs)
    check_threads(threads)
    views = {n: grid.view(inputs[n]) for n in _core.develop_input_names()}
    wanted = [o.name for o in DEVELOP_OUTPUTS]
    if backend == "core":
        results, _ = _core.evaluate_develop(views, wanted, int(threads or 0))
    elif backend == "reference":
        results = reference.develop(views)
    else:
        raise ValueError(f"backend must be 'core' or 'reference'; got {backend!r}")
    ds = grid.dataset({n: results[n] for n in wanted})
    for output in DEVELOP_OUTPUTS:
        ds[output.name].attrs.update(units=output.unit, description=output.doc)
    ds.attrs["salary"] = note
    ds.attrs["sources"] = (
        "experiments multiplier and staff share: Cottier et al. 2024 (arXiv 2405.21015)"
    )
    return ds
