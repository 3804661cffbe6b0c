"""The report: who can afford to train and use language models (``computedivide report``).

:func:`report` writes, from the shipped catalogs and the documented defaults,
a self-contained ``index.html`` (figures embedded, no network needed), the
figures as PNG and the tables as CSV:

1. training requirements and costs of the model catalog on the typical
   accelerator of each model's year;
2. nations that can pay for each run within shares of their R&D spending;
3. organisations, the same against their revenue or budget;
4. individuals: access offers as a share of monthly income, by country;
5. serving: cost per million output tokens across accelerators and regions.

Every name shown in the page is HTML-escaped; the page has no external
resources, and a small script marks any figure that failed to load.
"""

from __future__ import annotations

import base64
import html
import io
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, SupportsInt, cast

import numpy as np
import pandas as pd
import xarray as xr

from . import catalog
from ._afford import Payers, afford, afford_summary
from ._api import serve, train
from ._cheaper import local_serving
from ._inverse import largest_model

_SERVE_MODELS = ("llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b")
_SERVE_HARDWARE = ("a100-80gb", "h100-sxm", "h200", "mi300x", "l40s", "l4")
_SERVE_REGIONS = ("USA", "DEU", "IND", "BRA", "NGA", "FRA")
# The train() variable of each money view.
_VIEW_VARIABLE = {"rent": "cost_rent_usd", "own": "cost_own_usd", "capital": "capex_usd"}


@dataclass
class ReportOptions:
    """What the report covers and under which assumptions.

    Attributes
    ----------
    models : sequence of str, optional
        Models to cost (default: every catalog model with published
        parameters and training tokens).
    hardware : str, optional
        One accelerator for every model (default: the typical accelerator of
        each model's release year, see :func:`era_hardware`).
    region : str, default "USA"
        Region of the training runs.
    view : {"rent", "own", "capital"}, default "rent"
        Money view that payers are measured against.
    budget_shares : sequence of float, default (0.01, 0.1, 1.0)
        Shares of a year's R&D spending (nations) or revenue / budget
        (organisations).
    thresholds : sequence of float, default (0.02, 0.10)
        Shares of monthly income under which access is affordable.
    mfu : float, optional
        Training MFU (default: train()'s documented default).
    serve_models, serve_hardware, serve_regions : sequence of str
        The serving grid.
    serve_batch : int, default 32
        Sequences decoded together per replica when serving.
    catalogs : dict, optional
        Your own catalog rows, as for :func:`computedivide.train` (e.g.
        ``{"model": "my_models.csv"}``): they feed the training section and
        the nations and organisations sections built on it. Names from your
        files are shown as text (HTML-escaped), never run as markup.
    """

    models: Sequence[str] | None = None
    hardware: str | None = None
    region: str = "USA"
    view: str = "rent"
    budget_shares: Sequence[float] = (0.01, 0.1, 1.0)
    thresholds: Sequence[float] = (0.02, 0.10)
    mfu: float | None = None
    serve_models: Sequence[str] = field(default_factory=lambda: list(_SERVE_MODELS))
    serve_hardware: Sequence[str] = field(default_factory=lambda: list(_SERVE_HARDWARE))
    serve_regions: Sequence[str] = field(default_factory=lambda: list(_SERVE_REGIONS))
    serve_batch: int = 32
    catalogs: Mapping[str, catalog.Rows] | None = None


def era_hardware(models: pd.DataFrame, hardware: pd.DataFrame) -> dict[int, str]:
    """The typical training accelerator of each release year, from the catalogs.

    For each year, the accelerator most often reported for training by the
    model catalog's models of that year, among those with a purchase price,
    a cloud price and an fp16 peak (ties: alphabetical). Years without one take the
    nearest earlier year's, else the nearest later year's.
    """
    priced = set(
        hardware.index[
            hardware["price_usd"].notna()
            & hardware["cloud_usd_per_hour"].notna()
            & hardware["peak_fp16_flops"].notna()
        ]
    )
    reported = models[models["reported_hardware"].isin(priced)]
    typical = {}
    for year, group in reported.groupby("release_year"):
        counts = group["reported_hardware"].value_counts()
        typical[int(cast(SupportsInt, year))] = sorted(counts.index[counts == counts.max()])[0]
    if not typical:
        raise ValueError("no model reports a priced accelerator; give hardware=")
    out = {}
    for year in sorted(set(models["release_year"].dropna().astype(int)) | set(typical)):
        earlier = [y for y in typical if y <= year]
        out[year] = typical[max(earlier)] if earlier else typical[min(typical)]
    return out


# ----------------------------------------------------------------- figures
def _figure_png(fig: Any, path: Path) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    data = buffer.getvalue()
    path.write_bytes(data)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return data


def _usd(x: float) -> str:
    for size, unit in (
        (1e12, " trillion"),
        (1e9, " billion"),
        (1e6, " million"),
        (1e3, " thousand"),
    ):
        if abs(x) >= size:
            return f"${x / size:.3g}{unit}"
    return f"${x:.3g}"


@dataclass
class _Section:
    title: str
    text: list[str]
    figures: list[tuple[str, bytes, str]]  # file name, PNG bytes, caption
    tables: list[tuple[str, pd.DataFrame, int]]  # file name, table, rows shown


def _training(opts: ReportOptions, out: Path) -> tuple[_Section, xr.Dataset]:
    import matplotlib.pyplot as plt

    user = dict(opts.catalogs or {})
    models = catalog.models(user.get("model"))
    if opts.models is None:
        names = models.index[
            models["params_total"].notna() & models["training_tokens"].notna()
        ].tolist()
    else:
        names = list(opts.models)
    resolved = [catalog.resolve("model", n, "models", models) for n in names]
    if opts.hardware is None:
        era = era_hardware(models, catalog.hardware(user.get("hardware")))
        years = models.loc[resolved, "release_year"]
        hw: Any = xr.DataArray([era[int(y)] for y in years], dims="model", coords={"model": names})
    else:
        hw = opts.hardware
    kwargs: dict[str, Any] = {} if opts.mfu is None else {"mfu": opts.mfu}
    # 16-bit training at the fp16 peak: the V100's only 16-bit format, and
    # equal to the bf16 peak on the A100 and H100.
    ds = train(
        model=names, hardware=hw, region=opts.region, precision="fp16", catalogs=user, **kwargs
    )
    rows = models.loc[resolved]
    frame = pd.DataFrame(
        {
            "model": names,
            "display_name": rows["display_name"].to_numpy(),
            "release_year": rows["release_year"].to_numpy(),
            "hardware": np.broadcast_to(ds["hardware"].values, (len(names),)),
            "params": rows["params_total"].to_numpy(),
            "tokens": rows["training_tokens"].to_numpy(),
        }
    )
    for variable in (
        "train_flops",
        "gpu_hours",
        "n_gpus_used",
        "wall_days",
        "energy_kwh",
        "co2_kg",
        "cost_rent_usd",
        "cost_own_usd",
        "capex_usd",
    ):
        frame[variable] = ds[variable].values
    frame = frame.sort_values("train_flops").reset_index(drop=True)
    frame.to_csv(out / "training.csv", index=False)

    fig, ax = plt.subplots(figsize=(8, 5))
    for variable, label, marker in (
        ("cost_rent_usd", "rent (cloud)", "o"),
        ("cost_own_usd", "own (amortised + energy)", "s"),
        ("capex_usd", "capital to start", "^"),
    ):
        ax.scatter(frame["train_flops"], frame[variable], label=label, marker=marker, s=22)
    for _, row in frame.nlargest(4, "train_flops").iterrows():
        ax.annotate(
            str(row["model"]),
            (row["train_flops"], row["cost_rent_usd"]),
            fontsize=7,
            xytext=(4, -10),
            textcoords="offset points",
        )
    ax.set(
        xscale="log",
        yscale="log",
        xlabel="training compute (FLOP)",
        ylabel="cost (US$)",
        title=f"Training cost of {len(frame)} catalog models ({opts.region})",
    )
    ax.grid(True, which="major", alpha=0.3)
    ax.legend()
    png = _figure_png(fig, out / "fig1_training_cost.png")
    top = frame.iloc[-1]
    text = [
        f"{len(frame)} models, each on the typical accelerator of its release year "
        f"(or the one chosen), in region {opts.region}, with train()'s "
        "documented defaults (MFU fitted on published runs by size and accelerator "
        "generation, cluster sized for a 33-day run, prices from the catalogs).",
        f"The largest, {top['display_name']!s} "
        f"({top['train_flops']:.3g} FLOP), takes {top['gpu_hours']:.3g} accelerator-hours "
        f"on {top['hardware']!s}: {_usd(top['cost_rent_usd'])} to rent, "
        f"{_usd(top['capex_usd'])} of capital to own the cluster, "
        f"{top['energy_kwh'] / 1e6:.3g} GWh and {top['co2_kg'] / 1e6:.3g} kt CO2e.",
    ]
    shown = frame[
        [
            "model",
            "release_year",
            "hardware",
            "train_flops",
            "gpu_hours",
            "wall_days",
            "energy_kwh",
            "co2_kg",
            "cost_rent_usd",
            "cost_own_usd",
            "capex_usd",
        ]
    ].iloc[::-1]
    section = _Section(
        "1. Training requirements and costs",
        text,
        [
            (
                "fig1_training_cost.png",
                png,
                "Training cost against compute, in the three money views.",
            )
        ],
        [("training.csv", shown, 20)],
    )
    return section, ds


def _payers_section(
    number: int, payers: Payers, opts: ReportOptions, ds: xr.Dataset, out: Path
) -> _Section:
    import matplotlib.pyplot as plt

    budget = "rd" if payers == "nations" else "revenue_or_budget"
    budget_words = "R&D spending" if payers == "nations" else "revenue or budget"
    dim = "nation" if payers == "nations" else "organisation"
    result = afford(
        ds, payers, budgets=budget, budget_share=list(opts.budget_shares), views=[opts.view]
    )
    summary = afford_summary(result).sel(view=opts.view)
    cost = ds[_VIEW_VARIABLE[opts.view]].values
    table = pd.DataFrame({"model": ds["model"].values, "cost_usd": cost})
    for share in opts.budget_shares:
        pct = f"{share * 100:g}pct"
        table[f"n_{dim}s_within_{pct}"] = summary["n_within_reach"].sel(budget_share=share).values
        if payers == "nations":
            table[f"population_share_within_{pct}"] = (
                summary["population_share_within_reach"].sel(budget_share=share).values
            )
    table[f"gini_runs_at_{max(opts.budget_shares) * 100:g}pct"] = (
        summary["gini_runs"].sel(budget_share=max(opts.budget_shares)).values
    )
    table = table.sort_values("cost_usd").reset_index(drop=True)
    file_name = f"{payers}_by_model.csv"
    table.to_csv(out / file_name, index=False)

    # Per payer: how many of the catalog's runs it can pay for at each share.
    within = result["within_reach"].sel(view=opts.view)
    per_payer = pd.DataFrame(
        {
            "name": result[dim].values,
            "display_name": result["display_name"].values,
            "budget_usd": result["budget_usd"].values,
            "budget_year": result["budget_year"].values,
        }
    )
    for share in opts.budget_shares:
        per_payer[f"models_within_{share * 100:g}pct"] = (
            within.sel(budget_share=share).sum("model").values
        )
    per_payer = per_payer.sort_values("budget_usd", ascending=False, na_position="last")
    per_payer.to_csv(out / f"{payers}.csv", index=False)

    # The curve: payers able to pay for a run of each cost (one core call).
    grid = np.logspace(3, 12, 181)
    curve = afford_summary(
        afford(grid, payers, budgets=budget, budget_share=list(opts.budget_shares))
    )
    fig, ax = plt.subplots(figsize=(8, 5))
    for share in opts.budget_shares:
        ax.step(
            grid,
            curve["n_within_reach"].sel(budget_share=share).values,
            where="post",
            label=f"within {share * 100:g} % of {budget_words}",
        )
    counts = summary["n_within_reach"].sel(budget_share=max(opts.budget_shares)).values
    ax.scatter(
        cost,
        counts,
        s=12,
        color="black",
        zorder=3,
        label=f"catalog models, at {max(opts.budget_shares) * 100:g} %",
    )
    ax.set(
        xscale="log",
        xlabel=f"cost of one training run, {opts.view} view (US$)",
        ylabel=f"{payers} able to pay",
        title=f"{payers.capitalize()} able to pay for a training run",
    )
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    png_name = f"fig{number}_{payers}_vs_cost.png"
    png = _figure_png(fig, out / png_name)

    n_data = int(summary["n_with_data"])
    dearest = table.iloc[-1]
    top_share = max(opts.budget_shares)
    n_dear = int(dearest[f"n_{dim}s_within_{top_share * 100:g}pct"])
    article = "an" if budget_words.startswith("R") else "a"
    text = [
        f"Of {result.sizes[dim]} {payers} in the catalog, {n_data} have {article} {budget_words} "
        f"figure; the others count as 'no data', never as able or unable to pay."
    ]
    text.append(
        f"The dearest run, {dearest['model']!s} "
        f"({_usd(dearest['cost_usd'])}, {opts.view} view), is within "
        f"{top_share * 100:g} % of a year's {budget_words} for {n_dear} {payers}."
    )
    if payers == "nations":
        pop = float(
            summary["population_share_within_reach"]
            .sel(budget_share=top_share)
            .values[np.argmax(cost)]
        )
        text.append(f"Those nations hold {pop * 100:.1f} % of the world's population.")
    return _Section(
        f"{number}. {payers.capitalize()}: who can pay to train",
        text,
        [
            (
                png_name,
                png,
                f"{payers.capitalize()} able to pay for a run of each "
                f"cost (lines) and for the catalog's models (dots).",
            )
        ],
        [(file_name, table, 20), (f"{payers}.csv", per_payer, 15)],
    )


def _individuals(opts: ReportOptions, out: Path) -> _Section:
    import matplotlib.pyplot as plt

    result = afford(None, "individuals", income_share_threshold=list(opts.thresholds))
    summary = afford_summary(result)
    offers = catalog.offers()
    table = pd.DataFrame(
        {
            "offer": result["offer"].values,
            "display_name": offers.loc[result["offer"].values, "display_name"].to_numpy(),
            "kind": result["offer_kind"].values,
            "median_monthly_price_usd": result["monthly_price_usd"].median("nation").values,
        }
    )
    for t in opts.thresholds:
        pct = f"{t * 100:g}pct"
        table[f"population_share_under_{pct}"] = (
            summary["population_share_affordable"].sel(income_share_threshold=t).values
        )
        table[f"internet_users_share_under_{pct}"] = (
            summary["internet_users_share_affordable"].sel(income_share_threshold=t).values
        )
    table["population_share_no_data"] = summary["population_share_no_data"].values
    table = table.sort_values("median_monthly_price_usd").reset_index(drop=True)
    table.to_csv(out / "access_offers.csv", index=False)
    long = (
        result[["monthly_price_usd", "share_of_monthly_income", "hours_of_work"]]
        .to_dataframe()
        .reset_index()
    )
    long = long[
        ["offer", "nation", "monthly_price_usd", "share_of_monthly_income", "hours_of_work"]
    ]
    long.to_csv(out / "access_by_nation.csv", index=False)

    paid = table[table["median_monthly_price_usd"] > 0]
    fig, ax = plt.subplots(figsize=(8, max(4.0, 0.19 * len(paid))))
    y = np.arange(len(paid))
    height = 0.8 / len(opts.thresholds)
    for k, t in enumerate(opts.thresholds):
        ax.barh(
            y + k * height,
            paid[f"population_share_under_{t * 100:g}pct"] * 100,
            height=height,
            label=f"costs at most {t * 100:g} % of monthly income",
        )
    ax.set_yticks(
        y + height * (len(opts.thresholds) - 1) / 2,
        [
            f"{n} (${p:.3g}/month)"
            for n, p in zip(paid["offer"], paid["median_monthly_price_usd"], strict=True)
        ],
        fontsize=7,
    )
    ax.set(
        xlabel="share of world population (%)",
        xlim=(0, 100),
        title="Who can afford each paid offer (GNI per capita / 12 as monthly income)",
    )
    ax.grid(True, axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2)
    png4 = _figure_png(fig, out / "fig4_access_offers.png")

    chosen = (
        "chatgpt-plus" if "chatgpt-plus" in result["offer"].values else str(paid["offer"].iloc[0])
    )
    share = result["share_of_monthly_income"].sel(offer=chosen)
    gni = result["gni_per_capita_usd"]
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.scatter(gni.values, share.values * 100, s=10)
    for t in opts.thresholds:
        ax.axhline(t * 100, linestyle="--", linewidth=1, color="grey")
        ax.annotate(
            f"{t * 100:g} %",
            (gni.min(), t * 100),
            fontsize=8,
            xytext=(2, 2),
            textcoords="offset points",
        )
    ax.set(
        xscale="log",
        yscale="log",
        xlabel="GNI per capita (US$ per year)",
        ylabel=f"{chosen} price as a share of monthly income (%)",
        title=f"{chosen} against monthly income, by country",
    )
    ax.grid(True, alpha=0.3)
    png5 = _figure_png(fig, out / "fig5_income_share.png")
    row = table[table["offer"] == chosen].iloc[0]
    t_low, t_high = opts.thresholds[0], opts.thresholds[-1]
    text = [
        f"{len(table)} offers (subscriptions, API use of "
        f"{result.attrs['input_mtok_per_month']:.3g} M input and "
        f"{result.attrs['output_mtok_per_month']:.3g} M output tokens a month, and local "
        "machines over their life plus electricity) against GNI per capita / 12 in each "
        "country.",
        f"{chosen} costs at most {t_low * 100:g} % of monthly income for "
        f"{row[f'population_share_under_{t_low * 100:g}pct'] * 100:.1f} % of the world's "
        f"population, and at most {t_high * 100:g} % for "
        f"{row[f'population_share_under_{t_high * 100:g}pct'] * 100:.1f} %.",
    ]
    return _Section(
        "4. Individuals: access as a share of income",
        text,
        [
            (
                "fig4_access_offers.png",
                png4,
                "Share of world population for whom each paid offer is affordable.",
            ),
            (
                "fig5_income_share.png",
                png5,
                f"{chosen} as a share of monthly income, one dot per country.",
            ),
        ],
        [("access_offers.csv", table, 50)],
    )


def _serving(opts: ReportOptions, out: Path) -> _Section:
    import matplotlib.pyplot as plt

    ds = serve(
        model=list(opts.serve_models),
        hardware=list(opts.serve_hardware),
        region=list(opts.serve_regions),
        batch=opts.serve_batch,
    )
    frame = (
        ds[
            [
                "usd_per_mtok_rent",
                "usd_per_mtok_own",
                "kwh_per_mtok",
                "co2_g_per_mtok",
                "tokens_per_s",
                "gpus_per_replica",
            ]
        ]
        .to_dataframe()
        .reset_index()
    )
    frame = frame[
        [
            "model",
            "hardware",
            "region",
            "gpus_per_replica",
            "tokens_per_s",
            "usd_per_mtok_rent",
            "usd_per_mtok_own",
            "kwh_per_mtok",
            "co2_g_per_mtok",
        ]
    ]
    frame.to_csv(out / "serving.csv", index=False)
    models = list(ds["model"].values)
    fig, axes = plt.subplots(
        1, len(models), figsize=(4 * len(models), 4.5), sharey=True, squeeze=False
    )
    for ax, model in zip(axes[0], models, strict=True):
        own = ds["usd_per_mtok_own"].sel(model=model).transpose("hardware", "region")
        image = ax.imshow(np.log10(own.values), aspect="auto", cmap="viridis")
        ax.set_xticks(range(own.sizes["region"]), own["region"].values, rotation=45)
        ax.set_yticks(range(own.sizes["hardware"]), own["hardware"].values)
        ax.set(title=f"{model}", xlabel="region")
        for (i, j), value in np.ndenumerate(own.values):
            ax.text(j, i, f"{value:.3g}", ha="center", va="center", fontsize=6, color="white")
    axes[0][0].set_ylabel("accelerator")
    fig.colorbar(image, ax=axes[0].tolist(), label="log10 US$ per million output tokens (own)")
    fig.suptitle(f"Serving cost, own view, batch {opts.serve_batch}")
    png = _figure_png(fig, out / "fig6_serving_cost.png")
    cheapest = frame.loc[frame.groupby("model")["usd_per_mtok_rent"].idxmin()]
    text = [
        f"Cost per million output tokens for {len(models)} models on "
        f"{ds.sizes['hardware']} accelerators in {ds.sizes['region']} regions, decoding "
        f"{opts.serve_batch} sequences at once (roofline, serve()'s defaults). Renting "
        "costs the same everywhere (the catalog has no regional price multipliers yet); "
        "owning varies with the electricity price."
    ]
    text += [
        f"Cheapest to rent for {r['model']!s}: "
        f"{r['hardware']!s}, ${r['usd_per_mtok_rent']:.3g} per million "
        "tokens."
        for _, r in cheapest.iterrows()
    ]
    return _Section(
        "5. Serving: cost per million tokens",
        text,
        [
            (
                "fig6_serving_cost.png",
                png,
                "Owning cost per million output tokens, by accelerator and region.",
            )
        ],
        [("serving.csv", frame.sort_values("usd_per_mtok_rent"), 15)],
    )


# ----------------------------------------------------------- the have-nots
# The accelerators a nation could rent for the inverse question, and the
# fine-tuning a nation could pay for: LoRA on 10^9 tokens with the adapters
# of a 70B model's shape, up to the largest open model in the catalog.
_HAVE_NOT_HARDWARE = ("h100-sxm", "a100-80gb")
_FINETUNE_TOKENS = 1e9
_FINETUNE_SHAPE = "llama-3.1-70b"
_HOME_OFFERS = ("local-rtx-3090-used", "local-rtx-4090", "local-rtx-5090")


def _have_nots(opts: ReportOptions, out: Path) -> _Section:
    """Section 6: the largest model each nation could pre-train or fine-tune
    with 1 % of its R&D, and the open models an individual can run at home."""
    import matplotlib.pyplot as plt

    share = min(opts.budget_shares)
    pct = f"{share * 100:g} %"
    models = catalog.models()
    open_params = models.loc[models["open_weights"].astype(bool), "params_total"].dropna()
    largest_open = float(open_params.max())
    common = {
        "payers": "nations",
        "budgets": "rd",
        "budget_share": share,
        "hardware": list(_HAVE_NOT_HARDWARE),
        "region": opts.region,
    }
    pretrain = largest_model(path="pretrain", **common)  # type: ignore[arg-type]
    finetune = largest_model(
        path="finetune",
        model=_FINETUNE_SHAPE,
        tokens=_FINETUNE_TOKENS,
        method="lora",
        params_range=(1e6, largest_open),
        **common,  # type: ignore[arg-type]
    )
    reached_top = (finetune["search_bound"] > 0).any("hardware")
    table = pd.DataFrame(
        {
            "nation": pretrain["nation"].values,
            "display_name": pretrain["display_name"].values,
            "pretrain_params": pretrain["best_largest_params"].values,
            "pretrain_hardware": pretrain["best_hardware"].values,
            "finetune_params": finetune["best_largest_params"].values,
            "finetune_all_open_models": reached_top.transpose("nation").values,
        }
    )
    nations = catalog.nations().loc[table["nation"]]
    table.insert(
        2, "rd_budget_usd", (nations["gdp_usd"] * nations["rd_share_of_gdp"] * share).to_numpy()
    )
    table = table.sort_values("pretrain_params", ascending=False, na_position="last")
    table.to_csv(out / "have_nots_nations.csv", index=False)

    # Individuals: the largest open model each home accelerator runs at 4 bits.
    offers = catalog.offers().loc[list(_HOME_OFFERS)]
    home = local_serving(hardware=list(offers["hardware"]), region=opts.region, weight_bits=4)
    fits = home["fits_one_device"]
    params = models["params_total"].reindex(home["model"].values).to_numpy()
    rows = []
    access = afford(list(_HOME_OFFERS), "individuals", income_share_threshold=[0.1])
    summary = afford_summary(access)
    for offer, hw in zip(_HOME_OFFERS, offers["hardware"], strict=True):
        runs = fits.sel(hardware=hw).values.astype(bool)
        best = int(np.nanargmax(np.where(runs, params, -1.0)))
        speed = float(home["tokens_per_s"].sel(hardware=hw).values[best])
        rows.append(
            {
                "offer": offer,
                "hardware": hw,
                "open_models_that_fit_4bit": int(runs.sum()),
                "largest_model": str(home["model"].values[best]),
                "largest_params": float(params[best]),
                "tokens_per_s": speed,
                "population_share_under_10pct_income": float(
                    summary["population_share_affordable"]
                    .sel(offer=offer, income_share_threshold=0.1)
                    .values
                ),
            }
        )
    home_table = pd.DataFrame(rows)
    home_table.to_csv(out / "have_nots_home.csv", index=False)

    fig, ax = plt.subplots(figsize=(7.5, 4.0))
    known = table.dropna(subset=["pretrain_params"])
    ax.hist(np.log10(known["pretrain_params"]), bins=30, color="#4a7", alpha=0.8, label="pre-train")
    ax.hist(
        np.log10(known["finetune_params"].clip(lower=1.0)),
        bins=30,
        color="#47a",
        alpha=0.6,
        label="fine-tune (LoRA)",
    )
    ax.set_xlabel("log10 parameters of the largest model")
    ax.set_ylabel("nations")
    ax.set_title(f"What {pct} of a year of national R&D buys ({opts.region} rent)")
    ax.legend()
    png = _figure_png(fig, out / "fig7_largest_model.png")

    top, n_known = known.iloc[0], len(known)
    under_1b = int((known["pretrain_params"] < 1e9).sum())
    all_open = int(table["finetune_all_open_models"].sum())
    text = [
        f"With {pct} of a year of its R&D spending, renting H100 or A100 accelerators "
        f"in {opts.region} (D = 20 N tokens, the fitted MFU), {top['display_name']} could "
        f"pre-train a model of {top['pretrain_params']:.3g} parameters; {under_1b} of the "
        f"{n_known} nations with R&D figures could not pre-train a 1-billion-parameter model.",
        f"Fine-tuning is within far more reach: {all_open} nations could LoRA fine-tune "
        f"every open model in the catalog (up to {largest_open:.3g} parameters) on "
        f"{_FINETUNE_TOKENS:.0e} tokens with the same budget.",
    ]
    text += [
        f"At home: a {r['hardware']} runs {r['open_models_that_fit_4bit']} of the open models "
        f"at 4 bits, the largest {r['largest_model']} at {r['tokens_per_s']:.0f} tokens/s; "
        f"owning it costs under 10 % of monthly income for "
        f"{r['population_share_under_10pct_income'] * 100:.0f} % of the world's population."
        for _, r in home_table.iterrows()
    ]
    return _Section(
        "6. What the have-nots can do: the largest model within reach",
        text,
        [
            (
                "fig7_largest_model.png",
                png,
                f"Largest model each nation could pre-train or fine-tune with {pct} of its R&D.",
            )
        ],
        [
            ("have_nots_nations.csv", table, 15),
            ("have_nots_home.csv", home_table, len(home_table)),
        ],
    )


# -------------------------------------------------------------------- page
_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.7em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #555; }
table { border-collapse: collapse; font-size: 0.8em; margin: 0.5em 0 1em; }
td, th { border: 1px solid #ddd; padding: 2px 6px; text-align: right; }
th { background: #f4f4f4; } td:first-child, th:first-child { text-align: left; }
.broken { color: #b00; font-weight: bold; }
"""

# Marks, on load, how many figures decoded (body data attributes) and flags
# any that did not.
_CHECK_FIGURES = """
window.addEventListener("load", function () {
  var images = document.querySelectorAll("figure img"), loaded = 0;
  images.forEach(function (img) {
    if (img.complete && img.naturalWidth > 0) { loaded += 1; return; }
    var note = document.createElement("p");
    note.className = "broken";
    note.textContent = "This figure did not load: " + img.getAttribute("alt");
    img.parentNode.insertBefore(note, img);
  });
  document.body.setAttribute("data-figures", String(images.length));
  document.body.setAttribute("data-figures-loaded", String(loaded));
});
"""


def _cell(value: Any) -> str:
    if isinstance(value, (float, np.floating)):
        return "" if np.isnan(value) else f"{value:.4g}"
    return html.escape(str(value))


def _html_table(frame: pd.DataFrame, rows: int) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
        for row in frame.head(rows).itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _page(sections: Sequence[_Section], opts: ReportOptions) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>computedivide report: who can afford language models</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Who can afford to train and use language models</h1>",
        "<p>Computed by computedivide from its shipped catalogs (every figure with its "
        "source and year; see the package's docs/data.md) and documented default "
        "assumptions. Money is in US dollars of the catalogs' years. Tables are in the "
        "CSV files beside this page; figures are embedded and also saved as PNG.</p>",
        "<p>Assumptions: training region "
        f"{html.escape(opts.region)}; payers measured in the {html.escape(opts.view)} "
        f"view against {', '.join(f'{s * 100:g} %' for s in opts.budget_shares)} of a "
        "year's budget; access affordable under "
        f"{', '.join(f'{t * 100:g} %' for t in opts.thresholds)} of monthly income.</p>",
    ]
    for section in sections:
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        parts += [f"<p>{html.escape(line)}</p>" for line in section.text]
        for name, png, caption in section.figures:
            data = base64.b64encode(png).decode("ascii")
            parts.append(
                f'<figure><img src="data:image/png;base64,{data}" '
                f'alt="{html.escape(name)}"><figcaption>{html.escape(caption)} '
                f'(<a href="{html.escape(name)}">{html.escape(name)}</a>)'
                "</figcaption></figure>"
            )
        for name, frame, rows in section.tables:
            more = f", first {rows} of {len(frame)} rows" if len(frame) > rows else ""
            parts.append(
                f'<p>Table <a href="{html.escape(name)}">{html.escape(name)}</a>{more}:</p>'
            )
            parts.append(_html_table(frame, rows))
    parts.append(f"<script>{_CHECK_FIGURES}</script></body></html>")
    return "\n".join(parts)


def report(
    out: str | os.PathLike[str], options: ReportOptions | None = None, progress: bool | None = None
) -> Path:
    """Write the report: ``index.html``, the figures (PNG) and the tables (CSV).

    Parameters
    ----------
    out : path
        Directory to write into (created if missing; files of the same name
        are replaced).
    options : ReportOptions, optional
        Models, hardware, regions, thresholds and assumptions (default: the
        documented defaults).
    progress : bool, optional
        Show a progress bar (default: when the error stream is a terminal).

    Returns
    -------
    pathlib.Path
        The path of ``index.html``.
    """
    import matplotlib

    matplotlib.use("Agg")
    opts = options or ReportOptions()
    if opts.view not in ("rent", "own", "capital"):
        raise ValueError(f"view={opts.view!r}: choose from 'rent', 'own', 'capital'")
    directory = Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    show = sys.stderr.isatty() if progress is None else progress
    from tqdm.auto import tqdm

    steps = [
        "training",
        "nations",
        "organisations",
        "individuals",
        "serving",
        "have-nots",
        "page",
    ]
    with tqdm(
        total=len(steps), desc="computedivide report", unit="section", disable=not show
    ) as bar:
        training, ds = _training(opts, directory)
        bar.update()
        nations = _payers_section(2, "nations", opts, ds, directory)
        bar.update()
        organisations = _payers_section(3, "organisations", opts, ds, directory)
        bar.update()
        individuals = _individuals(opts, directory)
        bar.update()
        serving = _serving(opts, directory)
        bar.update()
        have_nots = _have_nots(opts, directory)
        bar.update()
        page = _page([training, nations, organisations, individuals, serving, have_nots], opts)
        index = directory / "index.html"
        partial = directory / ".index.html.partial"
        partial.write_text(page, encoding="utf-8")
        partial.replace(index)  # no half-written page is ever left behind
        bar.update()
    return index
