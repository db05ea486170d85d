"""pandas round trips: timestamps, missing and closed intervals survive the library."""

import numpy as np
import pandas as pd
import pytest

import wfm
from wfm.distributed.sample import queue_history


MISSING = 100 + 14 * 24
WEEK = 7 * 24  # open intervals per week


@pytest.fixture(scope="module")
def history():
    h = queue_history(seed=7, weeks=4)["voice_volume"]
    h.iloc[MISSING] = np.nan  # one missing interval (week 3): never read as zero
    return h


def test_forecast_keeps_the_grid_and_the_closed_nights(history):
    out = wfm.forecast(history, horizon="7d", method="snaive")
    assert isinstance(out.index, pd.DatetimeIndex)
    # the first open interval after the history: 19:30 + 30 min is 20:00, closed till 08:00
    assert out.index[0] == history.index[-1] + pd.Timedelta(minutes=30) + pd.Timedelta(hours=12)
    # open intervals only: 08:00-20:00 each of the 7 days (the history's open hours)
    assert len(out) == 7 * 24
    assert set(out.index.time) == set(history.index.time)
    # snaive: the same interval one week earlier, timestamp for timestamp
    last_week = history.loc[out.index - pd.Timedelta(days=7)].to_numpy()
    assert np.allclose(out["volume"].to_numpy(), last_week)
    assert (out["lower"] <= out["volume"]).all() and (out["volume"] <= out["upper"]).all()
    assert out.attrs["method"] == "snaive"


def test_forecast_origin_uses_only_history_before_it(history):
    origin = pd.Timestamp("2026-01-26 08:00")
    full = wfm.forecast(history, origin=origin, horizon="1d", method="snaive")
    cut = wfm.forecast(history[history.index < origin], origin=origin, horizon="1d",
                       method="snaive")
    pd.testing.assert_frame_equal(full, cut)
    assert full.index[0] == origin


def test_a_missing_interval_is_not_a_zero(history):
    """snaive skips back a week where last week's slot is missing, so a NaN and a 0 differ."""
    origin = history.index[MISSING] + pd.Timedelta(days=7)
    a = wfm.forecast(history, origin=origin, horizon="30m", method="snaive")
    b = wfm.forecast(history.fillna(0.0), origin=origin, horizon="30m", method="snaive")
    assert a.index[0] == origin
    assert a["volume"].iloc[0] == history.iloc[MISSING - WEEK] > 0  # two weeks back
    assert b["volume"].sum() == 0  # last week's zero taken at its word


def test_time_zone_aware_input_is_refused(history):
    with pytest.raises(TypeError, match="local wall clock"):
        wfm.forecast(history.tz_localize("Europe/Berlin"))


def test_kpi_counts_calls_into_their_intervals():
    arrival = pd.to_datetime(["2026-03-02 08:01:10", "2026-03-02 08:14:59",
                              "2026-03-02 08:15:00", "2026-03-02 09:40:00"])
    calls = pd.DataFrame({"arrival": arrival, "wait_s": [5, 40, 10, 300],
                          "answered": [1, 1, 1, 0], "handle_s": [200, 100, 300, 0]})
    out = wfm.kpi(calls, interval="15m", sl_time_s=20)
    assert out.loc["2026-03-02 08:00", "offered"] == 2
    assert out.loc["2026-03-02 08:00", "sl"] == pytest.approx(0.5)
    assert out.loc["2026-03-02 08:15", "aht_s"] == 300
    assert out.loc["2026-03-02 09:30", "abandoned"] == 1
    assert out["offered"].sum() == 4 and len(out) == 96  # the whole day, zero-call intervals too
    day = wfm.kpi(calls, by="day")
    assert day["offered"].iloc[0] == 4 and day["answer_rate"].iloc[0] == pytest.approx(0.75)


def test_backtest_scores_each_method(history):
    out = wfm.backtest(history, methods=["snaive", "avg2"], origins=2, horizon="1d")
    assert {"snaive", "avg2"} <= set(out.index)
    assert (out["origins"] == 2).all() and (out["mae"] >= 0).all()
    assert (out["rmse"] >= out["mae"] - 1e-12).all()  # RMSE ≥ MAE always


def test_a_frame_gives_its_calls_else_offered_column(history):
    """wfm.kpi writes `offered`: a KPI frame forecasts as its Series does."""
    series = wfm.forecast(history, horizon="1d", method="snaive")
    frame = wfm.forecast(history.to_frame("offered").assign(aht_s=240.0), horizon="1d",
                         method="snaive")
    pd.testing.assert_frame_equal(series, frame)
    with pytest.raises(KeyError, match="no column 'calls'"):
        wfm.forecast(history.to_frame("volume"))
