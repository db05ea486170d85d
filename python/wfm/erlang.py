"""Erlang B, C and A: metrics at given staffing and the staffing that meets targets.

Every argument may be a scalar, a numpy array or a pandas Series; they are broadcast together
and the result is a DataFrame with one row per element (the Series' index when one is given).
"""

import numpy as np
import pandas as pd

from . import _wfm
from ._errors import InvalidArgument

_NONE = float("nan")


# The two arguments the library sees only as the arrival rate derived from them: checked here so
# a message names what was passed (volume=-1, not arrivals_per_s); the others reach the library.
_DOMAINS = {"volume": (0.0, True), "interval_s": (0.0, False)}


def _check(name, values):
    low, inclusive = _DOMAINS[name]
    bad = ~np.isfinite(values) | ((values < low) if inclusive else (values <= low))
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        sign = ">=" if inclusive else ">"
        raise InvalidArgument(f"{name}[{k}] must be a finite number {sign} {low:g}, "
                              f"got {values[k]!r}", 2, field=name)


def _arrays(**values):
    index = next((v.index for v in values.values() if isinstance(v, pd.Series)), None)
    arrays = np.broadcast_arrays(*[np.asarray(v, dtype=float) for v in values.values()])
    flat = [np.ascontiguousarray(a, dtype=float).ravel() for a in arrays]
    named = dict(zip(values, flat))
    for name in _DOMAINS:
        if name in named:
            _check(name, named[name])
    return named, index


def _opt(value):
    return _NONE if value is None else float(value)


def _shape(model, concurrency, compose_ratio, lines):
    return _wfm.QueueShape(str(model), int(concurrency), float(compose_ratio or 0.0),
                           int(lines or 0))


METRICS = ("servers", "offered_load_erl", "stable", "erlang_b", "p_block", "p_wait", "p_abandon",
           "p_virtual_wait_gt_t", "p_wait_gt_t", "p_served_and_wait_gt_t",
           "sl_answered_within_t_over_offered", "sl_answered_within_t_over_answered",
           "sl_virtual", "asa_all_s", "asa_served_s", "mean_virtual_wait_s", "avg_queue_len",
           "occupancy", "answer_rate")


def _frame(columns, index):
    order = [c for c in ("agents", "agents_fractional", "feasible") if c in columns]
    frame = pd.DataFrame({c: columns[c] for c in order + list(METRICS)})
    for name in ("stable", "feasible"):
        if name in frame:
            frame[name] = frame[name].astype(bool)
    if index is not None and len(index) == len(frame):
        frame.index = index
    return frame


def metrics(*, volume, interval_s, aht_s, agents, model="c", patience_s=None, sl_time_s=20,
            concurrency=1, compose_ratio=None, lines=None):
    """Every metric of a queue with `agents` agents (real values allowed).

    volume: contacts offered per interval; interval_s: interval length in seconds; aht_s: mean
    handle time; model: "b", "c" or "a" (Erlang A needs patience_s, the mean patience);
    lines: finite lines K (Erlang A); concurrency / compose_ratio: text sessions per agent.
    Returns a DataFrame: agents, servers, offered_load_erl, stable, erlang_b, p_block, p_wait,
    p_abandon, the SL variants, ASA, queue length, occupancy and answer_rate.
    """
    a, index = _arrays(volume=volume, interval_s=interval_s, aht_s=aht_s, agents=agents,
                       patience_s=_opt(patience_s))
    rows = _wfm.Rows(a["volume"], a["interval_s"], a["aht_s"], a["patience_s"])
    shape = _shape(model, concurrency, compose_ratio, lines)
    return _frame(_wfm.erlang_metrics(rows, a["agents"], shape, float(sl_time_s)), index)


def staff(*, volume, interval_s, aht_s, model="c", patience_s=None, target_sl=0.8, sl_time_s=20,
          sl_definition="offered", max_asa_s=None, max_abandon=None, min_answer_rate=None,
          max_occupancy=None, max_blocking=None, concurrency=1, compose_ratio=None, lines=None,
          shrinkage=0.0):
    """The smallest whole number of agents meeting every target, per interval.

    Targets: target_sl (SL over `sl_definition`: "offered", "answered" or "virtual", within
    sl_time_s seconds; None for no SL target), max_asa_s, max_abandon, min_answer_rate,
    max_occupancy, max_blocking. Returns a DataFrame: agents (NaN where no count can meet the
    targets), agents_fractional, scheduled_agents (agents / (1 − shrinkage)), feasible and the
    metrics at `agents`.
    """
    if not 0.0 <= shrinkage < 1.0:
        raise ValueError(f"erlang: shrinkage must be in [0, 1), got {shrinkage}")
    a, index = _arrays(volume=volume, interval_s=interval_s, aht_s=aht_s,
                       patience_s=_opt(patience_s))
    rows = _wfm.Rows(a["volume"], a["interval_s"], a["aht_s"], a["patience_s"])
    shape = _shape(model, concurrency, compose_ratio, lines)
    targets = {"sl_time_s": float(sl_time_s), "target_sl": _opt(target_sl),
               "max_asa_s": _opt(max_asa_s), "max_abandon": _opt(max_abandon),
               "min_answer_rate": _opt(min_answer_rate), "max_occupancy": _opt(max_occupancy),
               "max_blocking": _opt(max_blocking)}
    frame = _frame(_wfm.erlang_staff(rows, shape, targets, str(sl_definition)), index)
    frame.insert(2, "scheduled_agents", frame["agents"] / (1.0 - shrinkage))
    return frame


__all__ = ["metrics", "staff"]
