"""Who can afford it: :func:`afford` and :func:`afford_summary` (MODEL.md section 4).

Costs (from :func:`computedivide.train`, :func:`computedivide.serve`, or
plain numbers) meet payers from the catalogs: nations (GDP, R&D spending),
organisations (revenue or budget, R&D, AI capital spending) and individuals
by country (GNI per capita, against the monthly price of access offers).
The ratios are evaluated in the compiled core over the broadcast of costs and
payers (``afford`` and ``access`` kernels); summaries over payers are NumPy
reductions of those results. Nothing loops in Python over payers or
scenarios.

A payer without a figure (a nation without R&D data, say) keeps NaN in its
ratios and counts as "not known to be within reach"; the summaries report the
population share without data separately, so nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, cast

import numpy as np
import pandas as pd
import xarray as xr

from . import _core, catalog, reference
from ._grid import Grid, catalog_names, check_threads, numeric_input, to_dataarray
from ._params import (
    ACCESS_OUTPUTS,
    ACCESS_PARAM,
    AFFORD_OUTPUTS,
    AFFORD_PARAM,
    Output,
)

Payers = Literal["nations", "organisations", "individuals"]
Backend = Literal["core", "reference"]

#: Budgets a payer can be measured against: name -> (catalog column, year column).
NATION_BUDGETS: dict[str, tuple[str, str]] = {
    "gdp": ("gdp_usd", "gdp_usd_year"),
    "rd": ("rd_usd", "rd_share_of_gdp_year"),  # GDP x R&D share, derived below
}
ORGANISATION_BUDGETS: dict[str, tuple[str, str]] = {
    "revenue_or_budget": ("revenue_or_budget_usd", "revenue_or_budget_year"),
    "rd_spend": ("rd_spend_usd", "rd_spend_year"),
    "ai_capex": ("ai_capex_usd", "ai_capex_year"),
}
_DEFAULT_BUDGETS = {"nations": ("gdp", "rd"), "organisations": ("revenue_or_budget", "rd_spend")}
_PAYER_DIM = {"nations": "nation", "organisations": "organisation", "individuals": "nation"}
_PAYER_KIND: dict[str, catalog.Kind] = {
    "nations": "nation",
    "organisations": "organisation",
    "individuals": "nation",
}

# Money views of a scenario Dataset: (view label, variable, factor to a year
# for a monthly cost).
_TRAIN_VIEWS = (
    ("rent", "cost_rent_usd", 1.0),
    ("own", "cost_own_usd", 1.0),
    ("capital", "capex_usd", 1.0),
)
_SERVE_VIEWS = (("rent", "monthly_cost_rent_usd", 12.0), ("own", "monthly_cost_own_usd", 12.0))

# Which parts of an offer's price each kind of offer needs (columns of the
# offer catalog); the other parts are 0 for that kind (a subscription has no
# hardware to buy).
_OFFER_PARTS = {
    "subscription": ("monthly_price_usd",),
    "api": ("usd_per_mtok_input", "usd_per_mtok_output"),
    "local_hardware": ("hardware_price_usd", "lifetime_years", "power_w"),
}
_OFFER_INPUT = {
    "monthly_price_usd": "subscription_usd_per_month",
    "usd_per_mtok_input": "usd_per_mtok_input",
    "usd_per_mtok_output": "usd_per_mtok_output",
    "hardware_price_usd": "hardware_price_usd",
    "lifetime_years": "hardware_lifetime_years",
    "power_w": "power_w",
}


# ------------------------------------------------------------------ costs
def _scenario_costs(costs: Any, views: Sequence[str] | None) -> xr.DataArray:
    """The costs to compare, in USD, with a ``view`` dimension for Datasets."""
    if isinstance(costs, xr.Dataset):
        kernel = costs.attrs.get("computedivide_kernel")
        table = _TRAIN_VIEWS if kernel == "train" else _SERVE_VIEWS if kernel == "serve" else ()
        available = [(label, var, factor) for label, var, factor in table if var in costs]
        if not available:
            raise ValueError(
                "costs: the Dataset has none of the money variables "
                f"{[v for _, v, _ in _TRAIN_VIEWS + _SERVE_VIEWS]}; pass the result of "
                "computedivide.train() (or serve() with users=), or plain numbers in USD"
            )
        labels = [label for label, _, _ in available]
        chosen = labels if views is None else list(views)
        unknown = [v for v in chosen if v not in labels]
        if unknown or not chosen:
            raise ValueError(f"views={list(chosen)!r}: choose from {labels} for this Dataset")
        parts = [costs[var] * factor for label, var, factor in available if label in chosen]
        da = xr.concat(parts, dim="view", coords="minimal", compat="override")
        da = da.assign_coords(view=np.array(chosen, dtype=str))
        da.attrs = {
            "units": "USD",
            "description": "cost in each money view"
            + (" (a year of the service)" if kernel == "serve" else ""),
        }
    else:
        if views is not None:
            raise ValueError(
                "views= applies to a Dataset from train() or serve(); the costs "
                "given are plain numbers"
            )
        da = to_dataarray("cost_usd", costs)
    return numeric_input(AFFORD_PARAM["cost_usd"], da, origin="in costs")


# ----------------------------------------------------------------- payers
def _payer_table(payers: str, names: Any, rows: catalog.Rows | None) -> tuple[pd.DataFrame, str]:
    """The catalog rows of the chosen payers, in catalog order or as named."""
    if payers not in _PAYER_DIM:
        raise ValueError(f"payers={payers!r}: choose from {sorted(_PAYER_DIM)}")
    kind = _PAYER_KIND[payers]
    dim = _PAYER_DIM[payers]
    table = catalog.table(kind, rows)
    if names is not None:
        if isinstance(names, str):
            names = [names]
        resolved = catalog_names(kind, dim, list(names), table)
        chosen = [str(n) for n in resolved.values]
        if len(set(chosen)) != len(chosen):
            raise ValueError(f"names: {list(names)!r} name the same {kind} twice")
        table = table.loc[chosen]
    if table.empty:
        raise ValueError(f"no {kind} to compare against")
    return table, dim


def _along(table: pd.DataFrame, dim: str, column: str) -> xr.DataArray:
    """One catalog column along the payer dimension (NaN where blank)."""
    return xr.DataArray(
        table[column].to_numpy(dtype=np.float64, na_value=np.nan),
        dims=dim,
        coords={dim: table.index.to_numpy(dtype=str)},
    )


def _budgets(
    payers: str, table: pd.DataFrame, dim: str, budgets: str | Sequence[str] | None
) -> tuple[xr.DataArray, xr.DataArray]:
    """Budget (USD per year) and its year, along (payer, budget); NaN where none."""
    known = NATION_BUDGETS if payers == "nations" else ORGANISATION_BUDGETS
    chosen = list(
        _DEFAULT_BUDGETS[payers]
        if budgets is None
        else [budgets]
        if isinstance(budgets, str)
        else budgets
    )
    unknown = [b for b in chosen if b not in known]
    if unknown or not chosen or len(set(chosen)) != len(chosen):
        raise ValueError(
            f"budgets={chosen!r}: choose distinct names from {sorted(known)} for {payers}"
        )
    if payers == "nations":
        table = table.assign(rd_usd=table["gdp_usd"] * table["rd_share_of_gdp"])
    label = {"budget": np.array(chosen, dtype=str)}
    usd = xr.concat([_along(table, dim, known[b][0]) for b in chosen], dim="budget")
    year = xr.concat([_along(table, dim, known[b][1]) for b in chosen], dim="budget")
    return (
        usd.assign_coords(label).transpose(dim, "budget"),
        year.assign_coords(label).transpose(dim, "budget"),
    )


# ------------------------------------------------------------------ offers
def _offer_inputs(offers: Any, rows: catalog.Rows | None) -> dict[str, xr.DataArray]:
    """The price inputs of the access kernel for catalog offers, along ``offer``."""
    table = catalog.table("offer", rows)
    if offers is None or (isinstance(offers, str) and offers == "all"):
        names = table.index.to_list()
    else:
        names = [offers] if isinstance(offers, str) else list(offers)
    resolved = catalog_names("offer", "offer", names, table)
    chosen = table.loc[[str(n) for n in resolved.values]]
    out = {}
    for column, name in _OFFER_INPUT.items():
        values = chosen[column].to_numpy(dtype=np.float64, na_value=np.nan)
        needed = np.array([column in _OFFER_PARTS.get(k, ()) for k in chosen["kind"]])
        blank = needed & np.isnan(values)
        if blank.any():
            bad = chosen.index[blank].tolist()
            raise ValueError(
                f"offers {bad} have no {column} in the offer catalog, which "
                "their kind needs; give it in catalogs={'offer': rows}"
            )
        fill = 1.0 if column == "lifetime_years" else 0.0  # parts this kind has not
        values = np.where(needed, values, fill)
        out[name] = resolved.copy(data=values)
    out["kind"] = resolved.copy(data=chosen["kind"].to_numpy(dtype=str))
    return out


# ----------------------------------------------------------------- kernels
def _run(
    kernel: Literal["afford", "access"],
    inputs: Mapping[str, xr.DataArray],
    outputs: Sequence[Output],
    threads: int | None,
    backend: Backend,
) -> xr.Dataset:
    """Evaluate one kernel over the broadcast of ``inputs``.

    A result may be non-finite only where an input is NaN (a missing
    catalog figure); anywhere else it is an error, as in train().
    """
    check_threads(threads)
    grid = Grid(inputs)
    grid.check_fits(len(outputs))
    views = {name: grid.view(da) for name, da in inputs.items()}
    wanted = [o.name for o in outputs]
    if backend == "core":
        evaluate = _core.evaluate_afford if kernel == "afford" else _core.evaluate_access
        results, _ = evaluate(views, wanted, int(threads or 0))
    elif backend == "reference":
        formulas = reference.afford if kernel == "afford" else reference.access
        results = formulas(views)
    else:
        raise ValueError(f"backend must be 'core' or 'reference'; got {backend!r}")
    missing = np.zeros(grid.shape, dtype=bool)
    for view in views.values():
        missing |= np.isnan(view)
    for name in wanted:
        bad = ~np.isfinite(results[name]) & ~missing
        if bad.any():
            raise OverflowError(
                f"{kernel}: {name} is not finite in {int(bad.sum())} of {grid.size} "
                "scenarios with complete inputs: some inputs are too extreme"
            )
    ds = grid.dataset({name: results[name] for name in wanted})
    for output in outputs:
        ds[output.name].attrs.update(units=output.unit, description=output.doc)
        if output.unit == "bool":
            ds[output.name] = (
                ds[output.name].astype(bool).assign_attrs(ds[output.name].attrs, units="1")
            )
    return ds


def _payer_coords(table: pd.DataFrame, dim: str) -> dict[str, Any]:
    coords: dict[str, Any] = {"display_name": (dim, table["display_name"].to_numpy(dtype=str))}
    if "population" in table:
        coords["population"] = (
            dim,
            table["population"].to_numpy(dtype=np.float64, na_value=np.nan),
        )
    return coords


def _afford_payers(
    costs: Any,
    payers: str,
    names: Any,
    budgets: Any,
    budget_share: Any,
    views: Sequence[str] | None,
    rows: catalog.Rows | None,
    threads: int | None,
    backend: Backend,
) -> xr.Dataset:
    cost = _scenario_costs(costs, views)
    table, dim = _payer_table(payers, names, rows)
    if dim in cost.dims:
        raise ValueError(f"costs already have a {dim!r} dimension; rename it")
    budget_usd, budget_year = _budgets(payers, table, dim, budgets)
    share = numeric_input(AFFORD_PARAM["budget_share"], budget_share)
    population = (
        _along(table, dim, "population")
        if payers == "nations"
        else xr.zeros_like(budget_usd.isel(budget=0, drop=True))
    )
    inputs = {
        "cost_usd": cost,
        "budget_usd": budget_usd,
        "budget_share": share,
        "population": population,
    }
    ds = _run("afford", inputs, AFFORD_OUTPUTS, threads, backend)
    if "budget_share" in ds.dims:  # the ratio does not depend on the share
        ds["cost_share_of_budget"] = ds["cost_share_of_budget"].isel(budget_share=0, drop=True)
    if payers != "nations":
        ds = ds.drop_vars("population_within_reach")
    ds["budget_usd"] = budget_usd.assign_attrs(
        units="USD/year", description="the payer's yearly budget"
    )
    ds["budget_year"] = budget_year.assign_attrs(
        units="year", description="year of the budget figure"
    )
    ds = ds.assign_coords(_payer_coords(table, dim))
    if isinstance(budgets, str):  # one budget named alone: a label, not a dimension
        ds = ds.squeeze("budget")
    ds.attrs.update(cost.attrs)
    ds.attrs["payers"] = payers
    ds.attrs["payer_dim"] = dim
    return ds


def _afford_individuals(
    costs: Any,
    names: Any,
    threshold: Any,
    offer_rows: catalog.Rows | None,
    nation_rows: catalog.Rows | None,
    usage: Mapping[str, Any],
    threads: int | None,
    backend: Backend,
) -> xr.Dataset:
    table, dim = _payer_table("individuals", names, nation_rows)
    zero = xr.DataArray(0.0)
    if (
        costs is None
        or isinstance(costs, str)
        or (isinstance(costs, Sequence) and all(isinstance(c, str) for c in costs))
    ):
        prices = _offer_inputs(costs, offer_rows)
        kinds = prices.pop("kind")
    else:
        monthly = numeric_input(
            ACCESS_PARAM["monthly_price_usd"], to_dataarray("monthly_price_usd", costs)
        )
        prices = {
            "subscription_usd_per_month": monthly,
            "usd_per_mtok_input": zero,
            "usd_per_mtok_output": zero,
            "hardware_price_usd": zero,
            "hardware_lifetime_years": xr.DataArray(1.0),
            "power_w": zero,
        }
        kinds = None
    inputs = dict(prices)
    for name in (
        "input_mtok_per_month",
        "output_mtok_per_month",
        "hours_per_day",
        "work_hours_per_year",
        "income_share_threshold",
    ):
        spec = ACCESS_PARAM[name]
        value = threshold if name == "income_share_threshold" else usage.get(name)
        inputs[name] = numeric_input(spec, spec.default if value is None else value)
    if usage.get("electricity_usd_per_kwh") is not None:
        inputs["electricity_usd_per_kwh"] = numeric_input(
            ACCESS_PARAM["electricity_usd_per_kwh"], usage["electricity_usd_per_kwh"]
        )
    else:
        inputs["electricity_usd_per_kwh"] = _along(table, dim, "electricity_price_usd_per_kwh")
    for name, column in (
        ("gni_per_capita_usd", "gni_per_capita_usd"),
        ("population", "population"),
        ("internet_users_share", "internet_users_share"),
    ):
        inputs[name] = _along(table, dim, column)
    order = _core.access_input_names()
    ds = _run("access", {n: inputs[n] for n in order}, ACCESS_OUTPUTS, threads, backend)
    if "income_share_threshold" in ds.dims:  # these do not depend on the threshold
        for name in ("monthly_price_usd", "share_of_monthly_income", "hours_of_work"):
            ds[name] = ds[name].isel(income_share_threshold=0, drop=True)
    coords = _payer_coords(table, dim)
    coords["internet_users_share"] = (dim, inputs["internet_users_share"].values)
    coords["gni_per_capita_usd"] = (dim, inputs["gni_per_capita_usd"].values)
    ds = ds.assign_coords(coords)
    if kinds is not None:
        ds = ds.assign_coords(offer_kind=("offer", kinds.values))
    ds.attrs["payers"] = "individuals"
    ds.attrs["payer_dim"] = dim
    ds.attrs.update(
        {k: float(v.values) for k, v in inputs.items() if k in ACCESS_PARAM and v.ndim == 0}
    )
    return ds


def afford(
    costs: Any = None,
    payers: Payers = "nations",
    *,
    names: Sequence[str] | str | None = None,
    budgets: Sequence[str] | str | None = None,
    budget_share: Any = (0.01, 0.1, 1.0),
    views: Sequence[str] | None = None,
    income_share_threshold: Any = (0.02, 0.10),
    input_mtok_per_month: Any = None,
    output_mtok_per_month: Any = None,
    hours_per_day: Any = None,
    work_hours_per_year: Any = None,
    electricity_usd_per_kwh: Any = None,
    catalogs: Mapping[str, catalog.Rows] | None = None,
    threads: int | None = None,
    backend: Backend = "core",
) -> xr.Dataset:
    """Who can afford it: costs against the budgets of nations, organisations or people.

    Parameters
    ----------
    costs : Dataset, float, sequence, DataArray or offer names
        For nations and organisations: the result of
        :func:`computedivide.train` (its ``cost_rent_usd``, ``cost_own_usd``
        and ``capex_usd`` become a ``view`` dimension: rent, own, capital),
        of :func:`computedivide.serve` with ``users=`` (a year of the
        service, rent and own), or costs in USD (> 0). For individuals:
        offer names from the offer catalog (default: every offer), or
        monthly prices in USD (>= 0).
    payers : {"nations", "organisations", "individuals"}, default "nations"
        Whose budgets: nations (GDP and R&D spending), organisations
        (revenue or budget, R&D, AI capital spending), or individuals in
        each country (GNI per capita / 12 as monthly income).
    names : str or sequence of str, optional
        Only these nations or organisations (catalog names or aliases);
        default all.
    budgets : str or sequence of str, optional
        Budgets to measure against, along a ``budget`` dimension. Nations:
        ``"gdp"``, ``"rd"`` (GDP x R&D share; default both).
        Organisations: ``"revenue_or_budget"``, ``"rd_spend"``,
        ``"ai_capex"`` (default the first two).
    budget_share : float or sequence, default (0.01, 0.1, 1.0)
        Share of the yearly budget a payer would spend, in (0, 100]; a
        cost is within reach when ``cost <= budget_share * budget``.
    views : sequence of str, optional
        Money views of a Dataset to keep (default all it has).
    income_share_threshold : float or sequence, default (0.02, 0.10)
        Individuals: access is affordable at or below this share of monthly
        income (2 %: UN Broadband Commission target; 10 %: a stress line).
    input_mtok_per_month, output_mtok_per_month : float, Mtoken/month
        Individuals, API offers: the use priced (default about 0.30 and 0.15,
        the serve() defaults of 10 requests a day).
    hours_per_day : float, h/day, default 2
        Individuals, local hardware: hours a day the machine runs a model at
        its power draw, for the electricity bill (the country's price).
    work_hours_per_year : float, h/year, default 2080
        Individuals: hours worked in a year, for ``hours_of_work``.
    electricity_usd_per_kwh : float, USD/kWh, optional
        Individuals, local hardware: one electricity price for every
        country (default: each country's figure from the nation catalog;
        where it has none, local-hardware prices are NaN, "no data").
    catalogs : dict, optional
        Your own rows for ``"nation"``, ``"organisation"`` or ``"offer"``
        (see :func:`computedivide.catalog.load`).
    threads : int, optional
        Threads of the core (default all cores).
    backend : {"core", "reference"}, default "core"
        The compiled core or the pure-NumPy reference.

    Returns
    -------
    xarray.Dataset
        Nations and organisations, over the costs' dimensions, ``nation`` or
        ``organisation``, ``budget`` and ``budget_share``:
        ``cost_share_of_budget`` (cost / budget; NaN where the payer has no
        figure), ``within_reach`` (bool), ``runs_affordable`` (whole runs
        the spendable budget pays for), ``population_within_reach``
        (nations, people), ``budget_usd`` and ``budget_year``.
        Individuals, over offers (or prices), ``nation`` and
        ``income_share_threshold``: ``monthly_price_usd``,
        ``share_of_monthly_income``, ``hours_of_work`` (h), ``affordable``
        (bool), ``population_affordable`` and ``internet_users_affordable``
        (people). NaN marks a missing figure (no GNI, no population), never
        a computed value; the summaries count it apart.

    Raises
    ------
    KeyError
        Unknown nation, organisation or offer (with suggestions).
    ValueError
        Costs that are not positive and finite, shares out of range,
        unknown budgets or views, arguments that do not apply to the payers.

    Examples
    --------
    1 % of a year of United States R&D spending pays for a $2e9 run; a whole
    year of Nigeria's does not:

    >>> import computedivide as cd
    >>> ds = cd.afford(2e9, "nations", names=["USA", "NGA"], budgets="rd", budget_share=[0.01, 1.0])
    >>> ds["within_reach"].values.tolist()
    [[True, True], [False, False]]
    """
    rows = dict(catalogs or {})
    unknown_rows = sorted(set(rows) - {"nation", "organisation", "offer"})
    if unknown_rows:
        raise KeyError(
            f"catalogs: {unknown_rows} do not hold payers or offers; give rows for "
            "'nation', 'organisation' or 'offer'"
        )
    usage = {
        "input_mtok_per_month": input_mtok_per_month,
        "output_mtok_per_month": output_mtok_per_month,
        "hours_per_day": hours_per_day,
        "work_hours_per_year": work_hours_per_year,
        "electricity_usd_per_kwh": electricity_usd_per_kwh,
    }
    if payers == "individuals":
        misplaced = [n for n, v in (("budgets", budgets), ("views", views)) if v is not None]
        if misplaced:
            raise ValueError(f"{misplaced} apply to nations and organisations, not individuals")
        return _afford_individuals(
            costs,
            names,
            income_share_threshold,
            rows.get("offer"),
            rows.get("nation"),
            usage,
            threads,
            backend,
        )
    misplaced = [n for n, v in usage.items() if v is not None]
    if misplaced:
        raise ValueError(f"{misplaced} apply to individuals (payers='individuals') only")
    if costs is None:
        raise ValueError("costs: give the result of train() or serve(), or costs in USD")
    kind_rows = rows.get("nation" if payers == "nations" else "organisation")
    return _afford_payers(
        costs, payers, names, budgets, budget_share, views, kind_rows, threads, backend
    )


# --------------------------------------------------------------- summaries
def gini(values: xr.DataArray, dim: str) -> xr.DataArray:
    """Gini coefficient of non-negative values along ``dim``, NaN entries left out.

    0 when every member holds the same, approaching 1 when one holds all.
    NaN where fewer than one value is known or all known values are 0 (there
    is nothing to share).

    Parameters
    ----------
    values : xarray.DataArray
        Non-negative values (runs affordable, budgets, ...).
    dim : str
        The dimension of the members (``"nation"``).
    """
    x = values.transpose(..., dim).values.astype(np.float64)
    known = np.isfinite(x)
    n = known.sum(axis=-1)
    ordered = np.sort(np.where(known, x, -np.inf), axis=-1)  # unknown first
    position = np.arange(1, x.shape[-1] + 1)
    rank = position - (x.shape[-1] - n)[..., None]  # 1..n over the known values
    ordered = np.where(np.isfinite(ordered), ordered, 0.0)
    total = ordered.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = (2.0 * (rank * ordered).sum(axis=-1) / (n * total)) - (n + 1.0) / n
    g = np.where((n >= 1) & (total > 0), g, np.nan)
    dims = [d for d in values.transpose(..., dim).dims if d != dim]
    return xr.DataArray(
        g, dims=dims, coords={d: values.coords[d] for d in dims if d in values.coords}
    )


def top_share(values: xr.DataArray, dim: str, k: int) -> xr.DataArray:
    """Share of the total along ``dim`` held by the ``k`` largest members (NaN left out)."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"top_k must be a whole number >= 1; got {k!r}")
    x = values.transpose(..., dim).values.astype(np.float64)
    x = np.where(np.isfinite(x), x, 0.0)
    ordered = np.sort(x, axis=-1)[..., ::-1]
    total = ordered.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, ordered[..., :k].sum(axis=-1) / total, np.nan)
    dims = [d for d in values.transpose(..., dim).dims if d != dim]
    return xr.DataArray(
        share, dims=dims, coords={d: values.coords[d] for d in dims if d in values.coords}
    )


def afford_summary(result: xr.Dataset, top_k: int = 5) -> xr.Dataset:
    """Summaries of :func:`afford` over its payers.

    Parameters
    ----------
    result : xarray.Dataset
        A result of :func:`afford`.
    top_k : int, default 5
        Members counted in ``top_k_share_runs``.

    Returns
    -------
    xarray.Dataset
        Over every dimension of ``result`` but the payers'.

        Nations and organisations: ``n_within_reach`` (payers that can pay),
        ``n_with_data`` (payers with the budget figure), and for nations the
        population shares ``population_share_within_reach``,
        ``population_share_out_of_reach`` and ``population_share_no_data``
        (of the population of the nations compared; they add up to 1), and
        the concentration of who can train: ``gini_runs`` (Gini coefficient
        of the whole runs each payer's spendable budget pays for; NaN where
        none can pay for one) and ``top_k_share_runs``.

        Individuals: ``n_nations_affordable``, ``population_share_affordable``,
        ``population_share_unaffordable``, ``population_share_no_data`` (add
        up to 1), and ``internet_users_share_affordable`` (of the internet
        users of the nations with that figure).
    """
    payers = result.attrs.get("payers")
    dim = cast(str, result.attrs.get("payer_dim"))  # checked against the dims below
    if payers not in _PAYER_DIM or dim not in result.dims:
        raise ValueError("afford_summary needs a result of computedivide.afford()")
    out = xr.Dataset()
    if payers == "individuals":
        population = result.coords["population"]
        total = float(population.sum())
        known = result["share_of_monthly_income"].notnull() & population.notnull()
        affordable = result["population_affordable"].where(known).sum(dim)
        no_data = population.where(~known).sum(dim)
        unaffordable = population.where(known & ~result["affordable"]).sum(dim)
        internet = population * result.coords["internet_users_share"]
        internet_known = known & internet.notnull()
        out["n_nations_affordable"] = result["affordable"].sum(dim)
        out["population_share_affordable"] = affordable / total
        out["population_share_no_data"] = no_data / total
        out["population_share_unaffordable"] = unaffordable / total
        out["internet_users_share_affordable"] = result["internet_users_affordable"].where(
            internet_known
        ).sum(dim) / internet.where(internet_known).sum(dim)
        out.attrs["population_total"] = total
    else:
        has_data = result["budget_usd"].notnull()
        out["n_within_reach"] = result["within_reach"].sum(dim)
        out["n_with_data"] = has_data.sum(dim)
        if payers == "nations":
            population = result.coords["population"]
            total = float(population.sum())
            known = has_data & population.notnull()
            out["population_share_within_reach"] = (
                result["population_within_reach"].where(known).sum(dim) / total
            )
            out["population_share_no_data"] = population.where(~known).sum(dim) / total
            out["population_share_out_of_reach"] = (
                population.where(known & ~result["within_reach"]).sum(dim) / total
            )
            out.attrs["population_total"] = total
        runs = result["runs_affordable"]
        out["gini_runs"] = gini(runs, dim)
        out[f"top_{top_k}_share_runs"] = top_share(runs, dim, top_k)
    out.attrs["payers"] = payers
    for name in out.data_vars:
        out[name].attrs["units"] = "1"
    return out
