"""python3 -m wfm.distributed plan-many --scheduler ADDRESS --tasks DIR --out DIR

Plans every task folder of --tasks (each with history.csv and plan.json, and the special-days
file plan.json names, if any) on the Dask cluster at ADDRESS (`local:N` starts N local worker
processes) and writes each task's outputs to --out/<task>/ atomically: a task's folder appears
whole or not at all. Exit code 0 when every task succeeded, 1 otherwise (each failure is one
line on stderr: the task and the error).
"""

import argparse
import json
import os
import pathlib
import shutil
import sys
import tempfile

from . import plan_many

OUTPUTS = ("forecast", "requirements", "schedule", "coverage")


def read_tasks(folder):
    """(key, history CSV text, config dict, calendar CSV text or None) per task folder."""
    tasks = []
    for task in sorted(p for p in pathlib.Path(folder).iterdir() if p.is_dir()):
        if not (task / "plan.json").is_file() or not (task / "history.csv").is_file():
            continue
        config = json.loads((task / "plan.json").read_text())
        special = config.get("special_days") if isinstance(config, dict) else None
        calendar = (task / special).read_text() if isinstance(special, str) else None
        tasks.append((task.name, (task / "history.csv").read_text(), config, calendar))
    return tasks


def write_outputs(out, key, result):
    """Writes a task's files into a temporary sibling folder, then renames it into place."""
    out.mkdir(parents=True, exist_ok=True)
    staging = pathlib.Path(tempfile.mkdtemp(prefix=f".{key}.", dir=out))
    try:
        for name in OUTPUTS:
            getattr(result, name).to_csv(staging / f"{name}.csv", index=False,
                                         date_format="%Y-%m-%dT%H:%M")
        (staging / "report.json").write_text(json.dumps(result.report, indent=2) + "\n")
        (staging / "report.txt").write_text(result.text)
        (staging / "report.html").write_text(result.html)
        target = out / key
        if target.exists():
            old = pathlib.Path(tempfile.mkdtemp(prefix=f".{key}.old.", dir=out))
            os.replace(target, old / key)
            os.replace(staging, target)
            shutil.rmtree(old)
        else:
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def connect(address):
    from distributed import Client, LocalCluster
    if address.startswith("local:"):
        cluster = LocalCluster(n_workers=int(address[6:]), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        return Client(cluster), cluster
    return Client(address), None


def run(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m wfm.distributed")
    sub = parser.add_subparsers(dest="command", required=True)
    many = sub.add_parser("plan-many", help="plan every task folder on a Dask cluster")
    many.add_argument("--scheduler", required=True,
                      help="scheduler address (tcp://host:8786), or local:N for N local workers")
    many.add_argument("--tasks", required=True, help="folder of task folders")
    many.add_argument("--out", required=True, help="output folder (one folder per task)")
    many.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    args = parser.parse_args(argv)
    tasks = read_tasks(args.tasks)
    if not tasks:
        print(f"wfm.distributed: no task folder with history.csv and plan.json in "
              f"{args.tasks}", file=sys.stderr)
        return 2
    client, cluster = connect(args.scheduler)
    failed = 0
    try:
        outcomes = plan_many(client, tasks, progress=not args.quiet)
        for outcome in outcomes:
            if outcome.ok:
                write_outputs(pathlib.Path(args.out), outcome.key, outcome.result)
            else:
                failed += 1
                print(f"wfm.distributed: task {outcome.key}: {outcome.error}", file=sys.stderr)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"wfm.distributed: {len(tasks) - failed} of {len(tasks)} tasks planned into "
          f"{args.out}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(run())
