"""Chunked sweeps: Ctrl-C, a killed process, time and memory budgets stop them
cleanly (no partial result at the path), and ``resume`` continues them without
writing any chunk twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import computedivide as cd
import computedivide.study as study_module
import pandas as pd
import pytest
from computedivide.cli import main

GRID = """
[study]
name = "chunked"
kernel = "train"

[axes]
model = ["llama-2-7b", "llama-2-70b", "llama-3-70b", "llama-3.1-405b"]
hardware = ["a100-80gb", "h100-sxm"]
region = ["USA", "IND", "BRA"]
mfu = [0.3, 0.45]

[options]
metrics = ["gpu_hours", "cost_rent_usd", "co2_kg"]
"""

KEYS = ["model", "hardware", "region", "mfu"]


def _frame(path: Path) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    return frame.sort_values(KEYS).reset_index(drop=True)


def _whole(study: cd.Study) -> pd.DataFrame:
    frame = cd.to_pandas(study.run())
    return frame.sort_values(KEYS).reset_index(drop=True)


def _parts(folder: Path) -> dict[str, tuple[int, int]]:
    """Each chunk file's inode and modification time: a rewrite changes them."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("part-*.parquet")}


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, calls: int, error: BaseException) -> list:
    """Make the (calls+1)-th chunk raise ``error``; returns the log of chunks run."""
    original = cd.Study._call
    log: list = []

    def call(self, arguments, progress, memory_error=False):
        if len(log) == calls:
            raise error
        log.append(arguments["model"])
        return original(self, arguments, progress, memory_error)

    monkeypatch.setattr(cd.Study, "_call", call)
    return log


def test_chunked_sweep_equals_the_whole_run(tmp_path):
    study = cd.Study.from_toml(GRID)
    path = study.run_to(tmp_path / "out.parquet", chunk_by="model", chunk_size=3)
    assert sorted(p.name for p in path.iterdir()) == [
        "_sweep.json",
        "part-00000.parquet",
        "part-00001.parquet",
    ]
    pd.testing.assert_frame_equal(_frame(path), _whole(study), check_dtype=False)
    assert not list(tmp_path.glob(".*"))  # nothing hidden left behind


def test_ctrl_c_keeps_whole_chunks_and_resume_writes_each_once(tmp_path, monkeypatch):
    study = cd.Study.from_toml(GRID)
    out = tmp_path / "out.parquet"
    partial = tmp_path / ".out.parquet.partial"
    log = _interrupt_after(monkeypatch, 2, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        study.run_to(out, chunk_by="model")
    assert not out.exists()  # no partial result where the user looks
    before = _parts(partial)
    assert sorted(before) == ["part-00000.parquet", "part-00001.parquet"]
    assert not list(partial.glob(".*.tmp"))
    assert log == [["llama-2-7b"], ["llama-2-70b"]]

    # Without resume=True the interrupted sweep is neither lost nor reused.
    monkeypatch.undo()
    with pytest.raises(cd.StudyError, match=r"2 of 4 chunks written.*resume=True"):
        study.run_to(out, chunk_by="model")

    log = _interrupt_after(monkeypatch, 99, KeyboardInterrupt())
    study.run_to(out, chunk_by="model", resume=True)
    assert log == [["llama-3-70b"], ["llama-3.1-405b"]]  # only the missing chunks
    after = _parts(out)
    assert {k: after[k] for k in before} == before  # the kept chunks were not rewritten
    assert not partial.exists()
    monkeypatch.undo()
    pd.testing.assert_frame_equal(_frame(out), _whole(study), check_dtype=False)
    # Resuming a finished sweep does nothing.
    assert study.run_to(out, chunk_by="model", resume=True) == out
    assert _parts(out) == after


def test_resume_refuses_the_chunks_of_another_study(tmp_path, monkeypatch):
    _interrupt_after(monkeypatch, 1, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        cd.Study.from_toml(GRID).run_to(tmp_path / "out.parquet", chunk_by="model")
    monkeypatch.undo()
    other = cd.Study.from_toml(GRID.replace("mfu = [0.3, 0.45]", "mfu = [0.3, 0.5]"))
    with pytest.raises(cd.StudyError, match="another study or chunking"):
        other.run_to(tmp_path / "out.parquet", chunk_by="model", resume=True)
    with pytest.raises(cd.StudyError, match="another study or chunking"):
        cd.Study.from_toml(GRID).run_to(tmp_path / "out.parquet", chunk_by="region", resume=True)


def test_time_budget_stops_before_a_chunk_that_would_not_fit(tmp_path, monkeypatch):
    # A clock that advances 10 s at every reading: each chunk "takes" 10 s.
    ticks = iter(range(0, 10_000, 10))
    monkeypatch.setattr(study_module, "_clock", lambda: float(next(ticks)))
    study = cd.Study.from_toml(GRID)
    out = tmp_path / "out.parquet"
    with pytest.raises(cd.SweepStopped, match=r"after 2 of 4 chunks.*resume") as stopped:
        # Readings: start 0; check 10 (10 + 0 <= 55), chunk 0 runs 20..30 (slowest
        # 10); check 40 (40 + 10 <= 55), chunk 1 runs 50..60; check 70 (80 > 55): stop.
        study.run_to(out, chunk_by="model", time_budget_s=55)
    assert (stopped.value.chunks_done, stopped.value.chunks_total) == (2, 4)
    assert isinstance(stopped.value, TimeoutError)
    assert not out.exists()
    assert len(_parts(stopped.value.partial)) == 2
    with pytest.raises(cd.SweepStopped, match="after 2 of 4"):
        study.run_to(out, chunk_by="model", time_budget_s=0, resume=True)
    study.run_to(out, chunk_by="model", resume=True)
    assert len(_parts(out)) == 4


def test_memory_budget_refuses_a_chunk_before_any_work(tmp_path, capsys):
    study = cd.Study.from_toml(GRID)
    with pytest.raises(MemoryError, match="budget"):
        study.run_to(tmp_path / "out.parquet", chunk_by="model", memory_budget_bytes=100)
    assert not (tmp_path / "out.parquet").exists()
    assert not _parts(tmp_path / ".out.parquet.partial")
    # One chunk: 1 model x 2 x 3 x 2 = 12 scenarios x 3 outputs x 8 bytes = 288 bytes,
    # over 100 bytes and within 10 kB.
    study.run_to(tmp_path / "out.parquet", chunk_by="model", memory_budget_bytes=10_000)
    file = tmp_path / "grid.toml"
    file.write_text(GRID)
    code = main(["sweep", str(file), "-o", str(tmp_path / "b"), "--memory-budget", "100"])
    assert code == 2
    assert "budget" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"chunk_by": "hardwares"}, "not an \\[axes\\] list"),
        ({"chunk_by": "model", "chunk_size": 0}, "chunk_size must be a whole number >= 1"),
        ({"chunk_by": "model", "time_budget_s": -1.0}, "time_budget_s must be"),
        ({"chunk_by": "model", "path": "out.csv"}, "folder of Parquet files"),
    ],
)
def test_bad_chunking_is_refused_by_name(tmp_path, kwargs, match):
    path = tmp_path / kwargs.pop("path", "out.parquet")
    with pytest.raises(cd.StudyError, match=match):
        cd.Study.from_toml(GRID).run_to(path, **kwargs)
    assert not list(tmp_path.iterdir())


def test_a_reduced_axis_cannot_be_the_chunk_axis(tmp_path):
    grid = GRID.split("[options]")[0]
    study = cd.Study.from_toml(
        grid + '[[reduce]]\nkind = "min"\nmetric = "gpu_hours"\nover = ["hardware", "region"]\n'
    )
    with pytest.raises(cd.StudyError, match="reduced over"):
        study.run_to(tmp_path / "out.parquet", chunk_by="region")
    path = study.run_to(tmp_path / "out.parquet")  # the default axis: model
    frame = pd.read_parquet(path)
    assert len(frame) == 4 * 2 and "gpu_hours_min" in frame


# A sweep slow enough to be interrupted from outside: 12 chunks, each a
# streamed reduction of 2.4e7 scenarios.
SLOW = """
[study]
name = "slow"
kernel = "train"

[axes]
params = {{ geomspace = [1e9, 1e12, 12] }}
tokens = {{ geomspace = [1e11, 1e13, 200] }}
mfu = {{ linspace = [0.2, 0.6, 200] }}
pue = {{ linspace = [1.05, 1.6, 200] }}
hardware = ["a100-80gb", "h100-sxm", "h200"]

[assumptions]
region = "USA"

[[reduce]]
kind = "min"
metric = "cost_rent_usd"
over = ["tokens", "mfu", "pue", "hardware"]
{extra}
"""


def _start_and_signal(tmp_path: Path, how: int) -> tuple[Path, Path, int]:
    study = tmp_path / "slow.toml"
    study.write_text(SLOW.format(extra=""))
    out = tmp_path / "slow.parquet"
    partial = tmp_path / ".slow.parquet.partial"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "computedivide",
            "sweep",
            str(study),
            "-o",
            str(out),
            "--chunk-by",
            "params",
            "--no-progress",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(partial.glob("part-*.parquet")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(how)
    _, err = process.communicate(timeout=120)
    if how == signal.SIGINT:
        assert "interrupted" in err and "--resume" in err
    return study, out, process.returncode


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill-9"])
def test_a_signalled_command_line_sweep_resumes(tmp_path, how):
    study, out, code = _start_and_signal(tmp_path, how)
    assert code == (130 if how == signal.SIGINT else -signal.SIGKILL)
    assert not out.exists()
    partial = tmp_path / ".slow.parquet.partial"
    kept = _parts(partial)
    assert 1 <= len(kept) < 12
    assert main(["sweep", str(study), "-o", str(out), "--chunk-by", "params"]) == 2  # no resume
    assert main(["sweep", str(study), "-o", str(out), "--chunk-by", "params", "--resume"]) == 0
    after = _parts(out)
    assert len(after) == 12
    assert {k: after[k] for k in kept} == kept
    assert not partial.exists()
    whole = cd.to_pandas(cd.Study.from_toml(study).run()).sort_values("params")
    got = pd.read_parquet(out).sort_values("params")
    assert got["cost_rent_usd_min"].to_numpy().tolist() == (
        whole["cost_rent_usd_min"].to_numpy().tolist()
    )
