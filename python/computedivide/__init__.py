"""computedivide: what it takes to train or serve a language model, and who can afford it.

The public API:

- :func:`train` and :func:`serve` evaluate MODEL.md's formulas over a
  broadcast grid of scenarios in the compiled core and return a labelled
  ``xarray.Dataset``;
- :mod:`computedivide.catalog` holds the shipped, sourced catalogs of
  accelerators, models, regions, nations, organisations and access offers,
  and validates your own rows;
- :mod:`computedivide.reduce` builds streaming summaries (``reduce=``) of
  grids too large to hold: min / max with the winning labels, sums, means,
  counts under thresholds, histograms and quantiles;
- :mod:`computedivide.dist` makes any input uncertain (Monte Carlo);
- :func:`sensitivity` gives Sobol or Morris indices (SALib) of a metric to
  uncertain inputs, evaluated in one core call; :func:`plot_sensitivity`
  draws them;
- :func:`finetune` (full, LoRA, QLoRA) and :func:`local_serving` (open
  models at 16, 8 or 4 bits on one consumer accelerator) are the cheaper
  paths of MODEL.md section 6; ``DISCOUNTS`` lists published rent discounts;
  :func:`development_budget` adds experiments, staff and data to a final
  run; :func:`largest_model` answers the inverse question (section 7): the
  largest model a budget pre-trains, fine-tunes or serves, per payer;
- :func:`afford` sets costs against the budgets of nations and
  organisations and the incomes of individuals by country (MODEL.md section
  4); :func:`afford_summary` counts who can pay, population shares and the
  concentration (Gini, top-k share) of who can train;
- :mod:`computedivide.distributed` splits a reduction into Dask tasks;
- :mod:`computedivide.reference` is the pure-NumPy oracle of the formulas;
- ``TRAIN_PARAMS`` / ``SERVE_PARAMS`` document every parameter (unit,
  default, range, source) and ``TRAIN_OUTPUTS`` / ``SERVE_OUTPUTS`` every
  result.
"""

from . import catalog, cuda, dist, distributed, reduce, reference
from ._afford import afford, afford_summary, gini, top_share
from ._api import serve, train
from ._cheaper import DISCOUNTS, FINETUNE_METHODS, discount, finetune, local_serving
from ._fidelity import ENERGY_CONVENTIONS
from ._inverse import SERVE_SPENDS, TRAIN_SPENDS, development_budget, largest_model
from ._params import (
    ACCESS_OUTPUTS,
    ACCESS_PARAMS,
    AFFORD_OUTPUTS,
    AFFORD_PARAMS,
    DEVELOP_OUTPUTS,
    DEVELOP_PARAMS,
    SERVE_OUTPUTS,
    SERVE_PARAMS,
    TRAIN_OUTPUTS,
    TRAIN_PARAMS,
    Output,
    Param,
)
from ._sensitivity import plot_sensitivity, sensitivity
from ._validate import Validation, validate
from .study import Study, StudyError, SweepStopped, to_arrow, to_pandas, to_polars
from .study import write as write_results

__version__ = "0.1.0"

__all__ = [
    "ACCESS_OUTPUTS",
    "ACCESS_PARAMS",
    "AFFORD_OUTPUTS",
    "AFFORD_PARAMS",
    "DEVELOP_OUTPUTS",
    "DEVELOP_PARAMS",
    "DISCOUNTS",
    "ENERGY_CONVENTIONS",
    "FINETUNE_METHODS",
    "SERVE_OUTPUTS",
    "SERVE_PARAMS",
    "SERVE_SPENDS",
    "TRAIN_OUTPUTS",
    "TRAIN_PARAMS",
    "TRAIN_SPENDS",
    "Output",
    "Param",
    "Study",
    "StudyError",
    "SweepStopped",
    "Validation",
    "__version__",
    "afford",
    "afford_summary",
    "catalog",
    "cuda",
    "development_budget",
    "discount",
    "dist",
    "distributed",
    "finetune",
    "gini",
    "largest_model",
    "local_serving",
    "plot_sensitivity",
    "reduce",
    "reference",
    "sensitivity",
    "serve",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "top_share",
    "train",
    "validate",
    "write_results",
]
