"""wfm: contact-centre workforce management (forecast, Erlang staffing, shift scheduling, the
weekly plan) from Python, with pandas in and out. See docs/python.md.

    import wfm
    req = wfm.erlang.staff(volume=[100, 250], interval_s=900, aht_s=240, model="a",
                           patience_s=180)
    result = wfm.plan(history, config)        # history: DataFrame, config: plan.json as a dict
    result.coverage.head(); result.report["channels"]; open("r.html", "w").write(result.html)

Every long call releases the GIL; results are plain picklable objects; library errors are
wfm.InvalidArgument, wfm.ConfigError (with .json_path) and wfm.ParseError, with the C++
library's messages.
"""

import dataclasses
import json

import pandas as pd

from . import _frames, _wfm, erlang
from ._errors import ConfigError, Error, InvalidArgument, ParseError

__version__ = "0.1.0"

_NAN = float("nan")


def _json_text(config, what):
    if isinstance(config, (str, bytes)):
        return config if isinstance(config, str) else config.decode()
    if not isinstance(config, dict):
        raise TypeError(f"{what}: config must be a dict (or JSON text), got "
                        f"{type(config).__name__}")
    return json.dumps(config)


def _calendar_csv(calendar):
    """None, CSV text, or a DataFrame with date, label[, closed] columns."""
    if calendar is None:
        return ""
    if isinstance(calendar, str):
        return calendar
    frame = calendar.copy()
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%Y-%m-%d")
    if "closed" in frame:
        frame["closed"] = frame["closed"].map(lambda v: "true" if v else "false")
    return frame.to_csv(index=False)


def kpi(calls, *, by="interval", interval="15m", sl_time_s=20):
    """Measured KPIs of a per-call log.

    calls: DataFrame with the generic log's columns (docs/formats.md "Per-call logs"):
    arrival and handle_s required; queue_entry, wait_s or answer_time, answered, channel,
    queue, agent optional. by: interval, day, week, month or total. Returns a DataFrame:
    offered, answered, abandoned, answered_within_t, answer_rate, sl, asa_s, aht_s.
    """
    frame = calls.copy()
    for column in ("arrival", "queue_entry", "answer_time"):
        if column in frame and pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%dT%H:%M:%S")
    text = _wfm.kpi(frame.to_csv(index=False, na_rep=""), str(interval), str(by), int(sl_time_s))
    out = _frames.read_csv(text, time_columns=() if by in ("total",) else ("interval_start",))
    if by in ("day", "week", "month"):
        out["interval_start"] = pd.to_datetime(out["interval_start"])
    return out.set_index("interval_start")


def _volume_input(history, column):
    """(CSV text, column): a DataFrame's `column`, by default `calls`, else `offered` (the
    column wfm.kpi writes), as `wfm forecast` reads them."""
    if isinstance(history, pd.DataFrame):
        if column is None:
            column = next((c for c in ("calls", "offered") if c in history), None)
        if column is None or column not in history:
            raise KeyError(f"history has no column '{column or 'calls'}' (nor 'offered')")
        history = history[column]
    column = column or "calls"
    return _frames.series_csv(history, column), column


def forecast(history, *, origin=None, horizon="7d", method="auto", calendar=None, level=80,
             interval=None, column=None):
    """Interval volume forecast with prediction intervals.

    history: Series (or DataFrame with `column`: default calls, else offered) with a DatetimeIndex on a 5-60 minute grid;
    NaN marks a missing interval, an absent timestamp a closed one. origin: first forecast
    interval (default: end of history; only history before it is used). horizon: "7d", "36h",
    "90m". method: auto, snaive, avgK, topdown, svd, ensemble, regression. calendar: special
    days (DataFrame date,label[,closed] or CSV text). level: interval level in percent.
    interval: forecast grid (default the history's). Returns a DataFrame indexed by
    interval_start: volume, lower, upper; attrs["method"] is the method used.
    """
    if not 1.0 <= float(level) <= 99.9:
        raise InvalidArgument(f"forecast: level must be in [1, 99.9] percent, got {level}", 2)
    text, column = _volume_input(history, column)
    out = _wfm.forecast(text, column, interval or "",
                        _frames.timestamp_text(origin) or "", str(horizon), str(method),
                        _calendar_csv(calendar), float(level) / 100.0)
    frame = _frames.read_csv(out["csv"], index="interval_start")
    frame.attrs["method"] = out["method"]
    frame.attrs["calibrated"] = bool(out["calibrated"])
    return frame


def backtest(history, *, methods=("snaive", "avg4", "topdown", "svd", "regression", "ensemble"),
             origins=4, horizon="5d", calendar=None, level=80, interval=None, column=None):
    """Rolling-origin backtest over `origins` weekly origins: one row per method (the
    baselines are always added) with mae, rmse, wape, mase, bias, coverage, points, origins."""
    text, column = _volume_input(history, column)
    names, rows = _wfm.backtest(text, column, interval or "",
                                list(methods), int(origins), str(horizon),
                                _calendar_csv(calendar), float(level) / 100.0)
    frame = pd.DataFrame(rows, index=pd.Index(names, name="method"))
    frame[["points", "origins"]] = frame[["points", "origins"]].astype(int)
    return frame


@dataclasses.dataclass
class ScheduleResult:
    """A weekly schedule: one row per agent (`schedule`), required vs scheduled agents per
    interval (`coverage`), and the solver's `summary` (docs/formats.md "schedule summary")."""

    schedule: pd.DataFrame
    coverage: pd.DataFrame
    summary: dict
    feasible: bool
    message: str


def _optional_count(value, name):
    if value is None:
        return 0
    if int(value) < 1:
        raise InvalidArgument(f"{name} must be a whole number >= 1, got {value}", 2)
    return int(value)


def schedule(requirements, config, *, seed=1, iterations=None, time_limit_s=None):
    """Shifts (tours with breaks and days off) fitting a week of requirements.

    requirements: Series of agents required per interval with a DatetimeIndex covering one
    week; config: the schedule configuration (docs/formats.md "schedule.json") as a dict.
    iterations: a fixed search budget (results then do not depend on the machine);
    time_limit_s: wall-clock limit (default 5 s, or none with `iterations`).
    """
    if time_limit_s is not None and not 0.0 < float(time_limit_s) <= 86400.0:
        raise InvalidArgument(f"schedule: time_limit_s must be in (0, 86400] seconds, got "
                              f"{time_limit_s}", 2, field="time_limit_s")
    text = _frames.series_csv(requirements, "required", "requirements")
    out = _wfm.schedule(text, _json_text(config, "schedule"), int(seed),
                        _optional_count(iterations, "iterations"),
                        _NAN if time_limit_s is None else float(time_limit_s))
    return ScheduleResult(
        schedule=_frames.read_csv(out["schedule"], time_columns=()),
        coverage=_frames.read_csv(out["coverage"], index="interval_start"),
        summary=json.loads(out["summary"]), feasible=out["status"] == "feasible",
        message=out["message"])


@dataclasses.dataclass
class PlanResult:
    """The weekly plan: forecast, requirements, schedule and coverage as DataFrames (the
    columns of `wfm plan`'s CSV files), the report as a dict (report.json), the text and the
    self-contained HTML report. `infeasible` names pools without a feasible schedule."""

    forecast: pd.DataFrame
    requirements: pd.DataFrame
    schedule: pd.DataFrame
    coverage: pd.DataFrame
    report: dict
    text: str
    html: str
    infeasible: str = ""

    def summary(self):
        """The week's figures per channel and for all channels (from the report): service
        level, answer rate, ASA, occupancy, fit, shortage, … one row each."""
        rows = {c["name"]: c["week"] for c in self.report["channels"]}
        rows["all"] = self.report["all_channels"]["week"]
        frame = pd.DataFrame(rows).T.drop(columns=["start"], errors="ignore")
        return frame.apply(pd.to_numeric, errors="coerce")


def plan(history, config, *, calendar=None):
    """Forecast, staff, schedule and report one week (what `wfm plan` does, in memory).

    history: DataFrame of interval history with a DatetimeIndex (or the config's time column),
    columns as plan.json names them (e.g. voice_volume, voice_aht_s), or that table as CSV
    text; config: plan.json as a
    dict (its history file and special-days file are not read: pass `calendar`, a DataFrame
    date,label[,closed] or CSV text). Returns a PlanResult.
    """
    doc = json.loads(_json_text(config, "plan"))
    if isinstance(doc, dict) and isinstance(doc.get("history", {}), dict):
        # the history comes as an argument: a file name, required in plan.json, is not read
        doc["history"] = dict(doc.get("history", {}))
        doc["history"].setdefault("file", "history.csv")
    text = json.dumps(doc)
    time_column = doc.get("history", {}).get("time_column", "interval_start")
    out = _wfm.plan(_frames.frame_csv(history, time_column), text, _calendar_csv(calendar))
    return PlanResult(
        forecast=_frames.read_csv(out["forecast"]),
        requirements=_frames.read_csv(out["requirements"]),
        schedule=_frames.read_csv(out["schedule"], time_columns=()),
        coverage=_frames.read_csv(out["coverage"]),
        report=json.loads(out["report_json"]), text=out["report_text"], html=out["report_html"],
        infeasible=out["infeasible"])


__all__ = ["ConfigError", "Error", "InvalidArgument", "ParseError", "PlanResult",
           "ScheduleResult", "backtest", "erlang", "forecast", "kpi", "plan", "schedule"]
