"""wfm.distributed on a real LocalCluster of 2 worker processes."""

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from distributed import Client, LocalCluster

import wfm
import wfm.distributed
from wfm.distributed.sample import queue_config, queue_weeks

ITERATIONS = 500  # a small fixed budget: each plan takes a few tens of milliseconds


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    with Client(cluster) as c:
        yield c
    cluster.close()


def test_twenty_queue_weeks_equal_local_plans(client):
    tasks = queue_weeks(20, seed=11, iterations=ITERATIONS)
    outcomes = list(wfm.distributed.plan_many(client, tasks, progress=False))
    assert sorted(o.key for o in outcomes) == [k for k, _, _ in tasks]
    assert all(o.ok for o in outcomes), [str(o.error) for o in outcomes if not o.ok]
    assert len({o.worker for o in outcomes}) == 2  # both workers took part
    by_key = {o.key: o.result for o in outcomes}
    for key, history, config in tasks[:3]:  # the cluster computes what a local call does
        local = wfm.plan(history, config)
        pd.testing.assert_frame_equal(by_key[key].coverage, local.coverage)
        assert by_key[key].report["channels"] == local.report["channels"]


def test_one_failing_task_leaves_the_others_intact(client):
    tasks = queue_weeks(6, seed=30, iterations=ITERATIONS)
    key, history, config = tasks[2]
    bad = dict(config, channels=[dict(config["channels"][0], patience_s=-1)])
    tasks[2] = (key, history, bad)
    outcomes = {o.key: o for o in wfm.distributed.plan_many(client, tasks, progress=False)}
    assert len(outcomes) == 6
    failed = outcomes.pop(key)
    assert isinstance(failed.error, wfm.ConfigError)
    assert failed.error.json_path == "/channels/0/patience_s"
    assert all(o.ok and o.result.coverage["scheduled"].sum() > 0 for o in outcomes.values())


def _run_of(key, client):
    """The run token of plan_many's Dask keys `wfm-plan-<key>-<run>-<i>` (from the scheduler's
    log: the last run that planned `key`)."""
    def last(dask_scheduler):
        names = [e[0] for e in dask_scheduler.transition_log
                 if str(e[0]).startswith(f"wfm-plan-{key}-")]
        return names[-1].split("-")[-2]
    return client.run_on_scheduler(last)


def _rescheduled(dask_scheduler, run):
    """How many tasks of one plan_many call went to `processing` more than once."""
    count = {}
    for key, _, finish, *_ in dask_scheduler.transition_log:
        if f"-{run}-" in str(key) and finish == "processing":
            count[key] = count.get(key, 0) + 1
    return sum(1 for n in count.values() if n > 1)


def test_a_killed_worker_has_its_tasks_retried(client):
    tasks = queue_weeks(10, seed=50, iterations=8 * ITERATIONS)  # running when the kill comes
    pids = client.run(os.getpid)
    outcomes = []
    killed = False
    for outcome in wfm.distributed.plan_many(client, tasks, progress=False):
        outcomes.append(outcome)
        if not killed:  # the first result is in: others are running; kill one worker
            os.kill(pids[outcome.worker], signal.SIGKILL)
            killed = True
    assert sorted(o.key for o in outcomes) == [k for k, _, _ in tasks]
    assert all(o.ok for o in outcomes), [str(o.error) for o in outcomes if not o.ok]
    assert client.run_on_scheduler(_rescheduled, run=_run_of(tasks[0][0], client)) >= 1
    deadline = time.time() + 20  # the nanny restarts the worker
    while len(client.scheduler_info()["workers"]) < 2 and time.time() < deadline:
        time.sleep(0.2)
    assert len(client.scheduler_info()["workers"]) == 2


def test_large_histories_are_scattered_once(client):
    tasks = queue_weeks(1, seed=70, iterations=ITERATIONS)
    key, history, config = tasks[0]
    shared = [(f"scenario{k}", history, dict(config, solver={"seed": k, "iterations": 200}))
              for k in range(4)]
    before = set(client.who_has())
    outcomes = list(wfm.distributed.plan_many(client, shared, progress=False, scatter_bytes=1))
    assert all(o.ok for o in outcomes)
    scattered = [k for k in client.who_has() if k not in before and "wfm-plan" not in k]
    assert len(scattered) <= 1  # one copy of the history, not four


def test_plan_many_command_writes_each_task_atomically(client, tmp_path):
    tasks_dir, out = tmp_path / "tasks", tmp_path / "out"
    for key, history, config in queue_weeks(3, seed=90, iterations=ITERATIONS):
        (tasks_dir / key).mkdir(parents=True)
        history.to_csv(tasks_dir / key / "history.csv", date_format="%Y-%m-%dT%H:%M")
        (tasks_dir / key / "plan.json").write_text(json.dumps(config))
    bad = tasks_dir / "q00001" / "plan.json"
    bad.write_text(json.dumps(queue_config(iterations=0) | {"interval": "7m"}))
    (out / "q00002").mkdir(parents=True)  # an earlier run's folder: replaced whole
    (out / "q00002" / "stale.csv").write_text("old\n")
    run = subprocess.run([sys.executable, "-m", "wfm.distributed", "plan-many", "--scheduler",
                          client.scheduler.address, "--tasks", str(tasks_dir), "--out", str(out),
                          "-q"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    assert "task q00001: /interval: " in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["q00000", "q00002"]  # no partial folder
    for key in ("q00000", "q00002"):
        names = sorted(p.name for p in (out / key).iterdir())
        assert names == ["coverage.csv", "forecast.csv", "report.html", "report.json",
                         "report.txt", "requirements.csv", "schedule.csv"]
