"""Seeded synthetic queue-weeks for tests, benchmarks and examples: one voice queue with a
weekday/intraday Poisson pattern, a fixed solver iteration budget (so the work per task does
not depend on the machine) and no backtest table."""

import numpy as np
import pandas as pd

_SHIFTS = {
    "mode": "weighted",
    "weights": {"labour": 1.0, "under": 6.0, "over": 0.4},
    "days_off": {"kind": "consecutive", "working_days": 5},
    "templates": [
        {"name": "full 8h", "length_minutes": 510, "start_earliest": "07:00",
         "start_latest": "12:30", "start_step_minutes": 60,
         "breaks": [{"name": "lunch", "length_minutes": 30, "earliest_minutes": 210,
                     "latest_minutes": 300, "paid": False}]},
    ],
}


def queue_config(iterations=2000, seed=1, aht_s=240.0):
    """plan.json (as a dict) of one Erlang A voice queue open 08:00-20:00 on a 30-minute grid."""
    return {
        "title": "Synthetic queue-week",
        "interval": "30m",
        "history": {"file": "history.csv", "time_column": "interval_start"},
        "forecast": {"method": "snaive", "level": 80, "backtest_origins": 0},
        "channels": [{"name": "voice", "model": "a", "aht_s": aht_s, "patience_s": 180,
                      "shrinkage": 0.3, "targets": {"service_level": 0.8, "sl_time_s": 20}}],
        "pools": "separate",
        "shifts": _SHIFTS,
        "solver": {"seed": seed, "iterations": iterations},
    }


def queue_history(seed, weeks=4, start="2026-01-05", scale=None):
    """Interval history: voice_volume and voice_aht_s on a 30-minute grid, 08:00-20:00 every
    day (the night is closed: no rows); Poisson volumes around a seeded daily level."""
    rng = np.random.default_rng(seed)
    scale = scale if scale is not None else rng.uniform(20.0, 60.0)
    days = pd.date_range(start, periods=7 * weeks, freq="D")
    times = [d + pd.Timedelta(minutes=30 * k) for d in days for k in range(16, 40)]
    index = pd.DatetimeIndex(times, name="interval_start")
    hour = index.hour + index.minute / 60.0
    intraday = np.exp(-((hour - 11.0) ** 2) / 8.0) + 0.8 * np.exp(-((hour - 15.5) ** 2) / 6.0)
    weekday = np.where(index.dayofweek >= 5, 0.6, 1.0)
    volume = rng.poisson(scale * (0.3 + intraday) * weekday).astype(float)
    aht = np.round(rng.normal(240.0, 15.0, len(index)), 1)
    return pd.DataFrame({"voice_volume": volume, "voice_aht_s": aht}, index=index)


def queue_weeks(count, seed=1, weeks=4, iterations=2000):
    """`count` (key, history, config) tasks, task k seeded with seed + k."""
    return [(f"q{k:05d}", queue_history(seed + k, weeks), queue_config(iterations, seed + k))
            for k in range(count)]
