"""Long fuzzing runs: the properties of tests/test_fuzz.py, counted.

Run:
    python scripts/fuzz.py --examples 20000
    python scripts/fuzz.py --minutes 15                  # shared among the targets
    python scripts/fuzz.py --minutes 5 --target train --target serve

Each target is run in batches of fresh random inputs (hypothesis, one seed
per batch) until it has tried ``--examples`` inputs or used its share of the
time. A failing input does not stop the run: it is counted under FAILED and
the first input of each kind is printed at the end. The raw-core targets run
in child processes, so that a crash is counted (CRASHED, with the input that
caused it) rather than suffered, and so do the study-file targets (a study
file may ask for more memory than the machine has): both under a 4 GB
address-space cap. The exit status is 1 if anything failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_fuzz  # tests/ is not a package: found through sys.path above

# Inputs per batch: small enough that a batch ends soon after the time is up.
BATCH = {"isolated": 400, "in_process": 100}
# Outcomes that mean the input worked (the rest are refusals or failures).
WORKED = ("ok", "loaded", "ran", "parsed")
FAILED = ("FAILED", "CRASHED", "HUNG")


def fuzz_target(name: str, examples: int, seconds: float, first_seed: int) -> dict:
    """Batches of ``name`` until ``examples`` inputs or ``seconds`` are used."""
    target = test_fuzz.TARGETS[name]
    counts: Counter[str] = Counter()
    failures: dict[str, str] = {}
    start = time.monotonic()
    batch_seed = first_seed
    while sum(counts.values()) < examples and time.monotonic() - start < seconds:
        left = examples - sum(counts.values())
        size = min(BATCH["isolated" if target.isolated else "in_process"], left)
        if target.isolated:
            [result, *_] = test_fuzz.run_isolated([name], size, batch_seed, keep_going=True)
        else:
            result = test_fuzz.run_target(name, size, batch_seed, keep_going=True)
        counts.update(result["counts"])
        for key, report in result["failures"].items():
            failures.setdefault(key, report)
        batch_seed += 1
    return {
        "target": name,
        "counts": counts,
        "failures": failures,
        "seconds": time.monotonic() - start,
    }


def table(results: list[dict]) -> str:
    """A Markdown table: inputs, how many worked, how many were refused with
    which exception, how many failed."""
    lines = [
        "| target | inputs | worked | refused, by exception | failed |",
        "|---|---:|---:|---|---:|",
    ]
    for r in results:
        counts: Counter[str] = r["counts"]
        worked = sum(n for k, n in counts.items() if k.startswith(WORKED))
        failed = sum(n for k, n in counts.items() if k.startswith(FAILED))
        refused = [
            f"{k} {n}"
            for k, n in counts.most_common()
            if not k.startswith(WORKED + FAILED + ("skipped",))
        ]
        total = sum(n for k, n in counts.items() if not k.startswith("skipped"))
        lines.append(
            f"| {r['target']} | {total} | {worked} | {', '.join(refused) or '-'} | {failed} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10**9, help="inputs per target")
    parser.add_argument("--minutes", type=float, default=None, help="time for all targets")
    parser.add_argument(
        "--target", action="append", choices=sorted(test_fuzz.TARGETS), help="default: all"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the first batch")
    args = parser.parse_args(argv)
    if args.minutes is None and args.examples == 10**9:
        parser.error("give --examples, --minutes or both")
    names = args.target or list(test_fuzz.TARGETS)
    seconds = (args.minutes * 60 / len(names)) if args.minutes is not None else float("inf")

    results = []
    for name in names:
        result = fuzz_target(name, args.examples, seconds, args.seed)
        results.append(result)
        summary = ", ".join(f"{k}: {n}" for k, n in result["counts"].most_common())
        print(f"{name} ({result['seconds']:.0f} s): {summary}", flush=True)
    print()
    print(table(results))
    failed = [(r["target"], key, report) for r in results for key, report in r["failures"].items()]
    for target, key, report in failed:
        print(f"\n--- {target}: {key}\n{report}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
