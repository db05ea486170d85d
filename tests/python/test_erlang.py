"""wfm.erlang against the Erlang reference vectors (the C++ tests' file), and its errors."""

import math

import numpy as np
import pandas as pd
import pytest

import wfm
from conftest import reference_vectors

MODELS = {"ErlangB": "b", "ErlangC": "c", "ErlangA": "a", "MMcK+M": "a", "ErlangB_continuous": "b",
          "ErlangC_continuous": "c"}
ALIASES = {"ErlangC": {"sl": "sl_answered_within_t_over_offered", "asa_s": "asa_served_s"},
           "ErlangB": {"blocking": "p_block"}, "ErlangB_continuous": {"blocking": "p_block"}}


def _rows():
    frame = pd.read_csv(reference_vectors(), dtype=str, keep_default_na=False)
    return frame[frame["model"].isin(MODELS)]


def _num(row, name, default=math.nan):
    return float(row[name]) if row[name] != "" else default


def _queue(row):
    """volume, interval_s, aht_s of the row: the given calls, else the offered load (B)."""
    if row["calls"] != "":
        return _num(row, "calls"), _num(row, "interval_s"), _num(row, "aht_s")
    return _num(row, "offered_load_erl"), 1.0, 1.0


def test_every_metric_row_matches_the_reference_to_1e9():
    rows = _rows()
    rows = rows[~rows["metric"].str.startswith(("min_agents", "load_for", "blocking_limit"))]
    checked = 0
    for (case, model), group in rows.groupby(["case_id", "model"]):
        row = group.iloc[0]
        volume, interval_s, aht_s = _queue(row)
        patience = _num(row, "patience_s")
        out = wfm.erlang.metrics(
            volume=volume, interval_s=interval_s, aht_s=aht_s, agents=_num(row, "agents"),
            model=MODELS[model], patience_s=None if math.isnan(patience) else patience,
            sl_time_s=_num(row, "t_s", 20.0), lines=int(_num(row, "lines", 0)))
        for _, r in group.iterrows():
            name = ALIASES.get(model, {}).get(r["metric"], r["metric"])
            expected = float(r["value"])
            got = out[name].iloc[0]
            assert got == pytest.approx(expected, rel=1e-9, abs=1e-12), (case, name)
            checked += 1
    assert checked >= 200  # 223 metric rows in the reference file


def test_every_staffing_row_matches_exactly():
    rows = _rows()
    rows = rows[rows["metric"].str.startswith("min_agents")]
    for _, r in rows.iterrows():
        volume, interval_s, aht_s = _queue(r)
        patience = _num(r, "patience_s")
        out = wfm.erlang.staff(
            volume=volume, interval_s=interval_s, aht_s=aht_s, model=MODELS[r["model"]],
            patience_s=None if math.isnan(patience) else patience, sl_time_s=_num(r, "t_s"),
            target_sl=None if r["metric"] == "min_agents_asa_le_120s" else 0.8,
            max_asa_s=120 if r["metric"] == "min_agents_asa_le_120s" else None,
            max_occupancy=0.85 if r["metric"].endswith("maxocc0.85") else None)
        assert out["agents"].iloc[0] == float(r["value"]), r["case_id"]
        assert out["agents"].iloc[0] - 1 < out["agents_fractional"].iloc[0] <= out["agents"].iloc[0]
    assert len(rows) == 12


def test_staff_is_vectorised_and_keeps_the_series_index():
    index = pd.date_range("2026-03-02 08:00", periods=48, freq="15min")
    volume = pd.Series(np.linspace(0, 300, 48), index=index)
    out = wfm.erlang.staff(volume=volume, interval_s=900, aht_s=240, model="a", patience_s=180,
                           shrinkage=0.3)
    assert out.index.equals(index)
    assert out["agents"].iloc[0] == 0
    assert out["agents"].is_monotonic_increasing  # more calls never need fewer agents
    assert (out["sl_answered_within_t_over_offered"].iloc[1:] >= 0.8).all()
    assert np.allclose(out["scheduled_agents"], out["agents"] / 0.7)
    one = wfm.erlang.staff(volume=float(volume.iloc[30]), interval_s=900, aht_s=240, model="a",
                           patience_s=180)
    assert one["agents"].iloc[0] == out["agents"].iloc[30]


def test_errors_carry_the_library_messages():
    with pytest.raises(wfm.InvalidArgument) as e:
        wfm.erlang.staff(volume=[10, 20], interval_s=900, aht_s=[240, -1])
    assert str(e.value) == "erlang::queue: aht must be a finite number of seconds > 0, got -1"
    assert e.value.field == "aht" and e.value.exit_code == 2
    with pytest.raises(wfm.InvalidArgument, match="model must be one of b, c, a, got 'x'"):
        wfm.erlang.metrics(volume=1, interval_s=900, aht_s=240, agents=2, model="x")


def test_bad_volume_or_interval_names_the_argument_and_element():
    with pytest.raises(wfm.InvalidArgument) as e:
        wfm.erlang.staff(volume=[10, -1], interval_s=900, aht_s=240)
    assert str(e.value) == "volume[1] must be a finite number >= 0, got -1.0"
    assert e.value.field == "volume" and e.value.exit_code == 2
    with pytest.raises(wfm.InvalidArgument, match=r"^interval_s\[0\] must be a finite number > 0, "
                                                  r"got 0\.0$"):
        wfm.erlang.metrics(volume=1, interval_s=0, aht_s=240, agents=2)
    with pytest.raises(wfm.InvalidArgument, match=r"^volume\[0\] must be a finite number >= 0, "
                                                  r"got nan$"):
        wfm.erlang.staff(volume=float("nan"), interval_s=900, aht_s=240)


def test_erlang_a_without_patience_is_the_library_error():
    with pytest.raises(wfm.InvalidArgument, match="^erlang::queue: the erlang_a model needs a "
                                                  "patience$"):
        wfm.erlang.staff(volume=100, interval_s=900, aht_s=240, model="a")
