"""wfm.plan and wfm.schedule equal the CLI's outputs; results pickle; errors map."""

import json
import pickle
import subprocess

import pandas as pd
import pytest

import wfm
from conftest import SOURCE, read_cli_csv

TABLES = ("forecast", "requirements", "schedule", "coverage")


@pytest.fixture(scope="module")
def planned(sample):
    history, config, calendar = sample
    return wfm.plan(history, config, calendar=calendar)


def test_plan_equals_the_cli_on_the_sample(planned, cli_plan):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(planned, name), read_cli_csv(cli_plan / f"{name}.csv"),
                                      check_dtype=False, obj=name)
    report = json.loads((cli_plan / "report.json").read_text())
    for key in report:
        if key == "schedules":  # solver_seconds is a wall time
            for ours, theirs in zip(planned.report[key], report[key]):
                ours.pop("solver_seconds"), theirs.pop("solver_seconds")
        if key != "notes":  # the CLI notes its input files
            assert planned.report[key] == report[key], key
    assert planned.html.startswith("<!DOCTYPE html>") and "<svg" in planned.html
    assert (cli_plan / "report.txt").read_text().startswith(planned.text.split("\n")[0])


def test_plan_result_pickles_and_summarises(planned):
    back = pickle.loads(pickle.dumps(planned))
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(planned, name))
    assert back.report == planned.report and back.html == planned.html
    summary = planned.summary()
    assert list(summary.index) == ["voice", "text", "video", "all"]
    assert ((summary["service_level"] > 0) & (summary["service_level"] <= 1)).all()
    # the week's offered volume is the sum of the forecast's channels (after self-service)
    assert summary.loc["all", "offered"] == pytest.approx(summary["offered"].iloc[:3].sum())


def test_config_error_names_the_json_path(sample):
    history, config, _ = sample
    bad = json.loads(json.dumps(config))
    bad["channels"][1]["aht_s"] = -5
    with pytest.raises(wfm.ConfigError) as e:
        wfm.plan(history, bad)
    assert e.value.json_path == "/channels/1/aht_s"
    assert str(e.value).startswith("/channels/1/aht_s: ")
    assert e.value.exit_code == 5
    assert pickle.loads(pickle.dumps(e.value)).json_path == "/channels/1/aht_s"


def test_parse_error_names_line_and_column(sample):
    _, config, _ = sample
    text = (SOURCE / "data" / "sample_history.csv").read_text().splitlines()
    text[3] = text[3].replace(",", ",x", 1)
    with pytest.raises(wfm.ParseError) as e:
        wfm.plan("\n".join(text) + "\n", config)
    assert (e.value.line, e.value.column) == (4, 18)
    assert str(e.value).startswith("history:4:18: ")


def test_schedule_equals_the_cli(cli, planned, tmp_path):
    voice = planned.requirements[planned.requirements["channel"] == "voice"]
    required = voice.set_index("interval_start")["scheduled_agents"]
    config = dict(json.loads((SOURCE / "data" / "plan.json").read_text())["shifts"],
                  interval_minutes=15)
    out = wfm.schedule(required, config, seed=3, iterations=5000)
    (tmp_path / "req.csv").write_text(required.rename("required").to_csv(
        date_format="%Y-%m-%dT%H:%M"))
    (tmp_path / "cfg.json").write_text(json.dumps(config))
    subprocess.run([cli, "schedule", "--requirements", str(tmp_path / "req.csv"), "--config",
                    str(tmp_path / "cfg.json"), "--seed", "3", "--iterations", "5000", "-o",
                    str(tmp_path / "s.csv"), "--coverage", str(tmp_path / "c.csv")],
                   check=True, stdout=subprocess.DEVNULL)
    pd.testing.assert_frame_equal(out.schedule, read_cli_csv(tmp_path / "s.csv"), check_dtype=False)
    pd.testing.assert_frame_equal(out.coverage.reset_index(), read_cli_csv(tmp_path / "c.csv"),
                                  check_dtype=False)
    assert out.feasible and out.summary["seed"] == 3
    # coverage is on the requirement's own timestamps, and carries it unchanged
    week = out.coverage.loc[required.index]
    assert (week["required"] == required).all()


def test_long_calls_release_the_gil(planned):
    """While a schedule solves in another thread, this thread keeps running Python: the longest
    pause between its ticks is far below the solve's length (a held GIL would stall it)."""
    import threading
    import time

    voice = planned.requirements[planned.requirements["channel"] == "voice"]
    required = voice.set_index("interval_start")["scheduled_agents"]
    config = dict(json.loads((SOURCE / "data" / "plan.json").read_text())["shifts"],
                  interval_minutes=15)
    worker = threading.Thread(target=wfm.schedule, args=(required, config),
                              kwargs={"iterations": 300000})
    started = time.perf_counter()
    worker.start()
    last, longest = started, 0.0
    while worker.is_alive():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    solve = time.perf_counter() - started
    assert solve > 0.2  # long enough to tell
    assert longest < solve / 4
