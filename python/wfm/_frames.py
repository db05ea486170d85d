"""pandas ↔ the library's in-memory CSV text (parsed by the C++ library's own readers)."""

import io

import pandas as pd

TIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_index(index, what):
    if not isinstance(index, pd.DatetimeIndex):
        raise TypeError(f"{what} needs a DatetimeIndex, got {type(index).__name__}")
    if index.tz is not None:
        raise TypeError(f"{what}: wfm works on the local wall clock; drop the time zone "
                        "(tz_localize(None)) first")
    return index


def series_csv(series, column, what="history"):
    """A Series with a DatetimeIndex as `interval_start,<column>`: NaN is a missing interval
    (an empty cell), an absent timestamp a closed one."""
    _datetime_index(series.index, what)
    frame = pd.DataFrame({column: pd.to_numeric(series, errors="raise").astype(float)})
    return frame.to_csv(index_label="interval_start", date_format=TIME_FORMAT, na_rep="")


def frame_csv(frame, time_column, what="history"):
    """A DataFrame with a DatetimeIndex (or a `time_column` column) as interval CSV; CSV text
    passes through unchanged (the library reads it as it reads a file)."""
    if isinstance(frame, str):
        return frame
    if time_column in frame.columns:
        frame = frame.set_index(pd.to_datetime(frame[time_column])).drop(columns=[time_column])
    _datetime_index(frame.index, what)
    return frame.to_csv(index_label=time_column, date_format=TIME_FORMAT, na_rep="")


def timestamp_text(value):
    """A timestamp-like value as `YYYY-MM-DDTHH:MM`; None stays None."""
    if value is None:
        return None
    return pd.Timestamp(value).strftime(TIME_FORMAT)


def read_csv(text, time_columns=("interval_start",), index=None):
    """CSV text written by the library → DataFrame with parsed timestamps."""
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    for column in time_columns:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], format=TIME_FORMAT)
    if index is not None:
        frame = frame.set_index(index)
    return frame
