"""Shared fixtures of the Python package's tests (run by CTest: python/CMakeLists.txt).

Every dependency is imported here at module level: a missing one is an error, never a skip."""

import json
import os
import pathlib
import subprocess

import distributed  # noqa: F401  (python3-distributed)
import numpy  # noqa: F401
import pandas as pd
import pytest

import wfm

SOURCE = pathlib.Path(os.environ.get("WFM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
SHARED = pathlib.Path(os.environ.get("WFM_SHARED_DIR", SOURCE.parent / "shared"))


def reference_vectors():
    """../shared/reference/erlang/vectors.csv when present, else the tests/data copy."""
    shared = SHARED / "reference" / "erlang" / "vectors.csv"
    return shared if shared.is_file() else SOURCE / "tests" / "data" / "erlang" / "vectors.csv"


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("WFM_CLI")
    assert path and pathlib.Path(path).is_file(), "WFM_CLI must name the built wfm tool"
    return path


@pytest.fixture(scope="session")
def sample():
    """The bundled sample plan: history DataFrame, config dict, calendar text."""
    data = SOURCE / "data"
    config = json.loads((data / "plan.json").read_text())
    # The greedy start (as `cli_plan`'s --start greedy): the bindings are compared with the
    # CLI, not the LP start's branching, which the C++ tests cover.
    config["solver"]["start"] = "greedy"
    history = pd.read_csv(data / "sample_history.csv", parse_dates=["interval_start"])
    return (history.set_index("interval_start"), config,
            (data / "sample_special_days.csv").read_text())


@pytest.fixture(scope="session")
def cli_plan(cli, tmp_path_factory):
    """`wfm plan` on the bundled sample: its output folder."""
    out = tmp_path_factory.mktemp("cli-plan")
    subprocess.run([cli, "plan", "--config", str(SOURCE / "data" / "plan.json"), "--out",
                    str(out), "-q", "--start", "greedy"], check=True)
    return out


def read_cli_csv(path):
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    if "interval_start" in frame:
        frame["interval_start"] = pd.to_datetime(frame["interval_start"], format="%Y-%m-%dT%H:%M")
    return frame


__all__ = ["wfm"]
