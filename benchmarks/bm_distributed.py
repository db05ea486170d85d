#!/usr/bin/python3
"""Many-queue planning on a Dask LocalCluster: 1 vs 2 worker processes (docs/performance.md).

    PYTHONPATH=build/dev/python /usr/bin/python3 benchmarks/bm_distributed.py

200 seeded synthetic queue-weeks (wfm.distributed.sample), each planned with a fixed solver
iteration budget, so the work does not depend on the machine. Per worker count: a fresh
LocalCluster (one thread per worker process), one warm-up task per worker, then every task
through wfm.distributed.plan_many. Prints a table: wall time, Σ task time on the workers, the
speed-up over 1 worker, and the overhead per task — (workers × wall − Σ task wall time) / tasks:
scheduling, serialisation, transfer and idle tail — in ms and as a share of a task's time.
"""

import argparse
import os
import statistics
import time

from distributed import Client, LocalCluster

import wfm.distributed
from wfm.distributed.sample import queue_weeks


def run(tasks, workers):
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=50)
    with Client(cluster) as client:
        warm = queue_weeks(workers, seed=10**6, iterations=1000)
        list(wfm.distributed.plan_many(client, warm, progress=False))
        started = time.perf_counter()
        outcomes = list(wfm.distributed.plan_many(client, tasks, progress=False))
        wall = time.perf_counter() - started
    cluster.close()
    failed = [o for o in outcomes if not o.ok]
    if failed:
        raise SystemExit(f"bm_distributed: {len(failed)} tasks failed: {failed[0].error}")
    return wall, [o.seconds for o in outcomes], [o.cpu_seconds for o in outcomes]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--iterations", type=int, default=200000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    tasks = queue_weeks(args.tasks, seed=args.seed, iterations=args.iterations)
    print(f"{args.tasks} queue-weeks, solver iterations {args.iterations}, seed {args.seed}; "
          f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'workers':>7} {'wall s':>8} {'sum task s':>10} {'task ms':>8} {'task cpu ms':>11} "
          f"{'speed-up':>8} {'overhead ms':>11} {'overhead %':>10}")
    base = None
    for workers in [int(w) for w in args.workers.split(",")]:
        for _ in range(args.repeats):
            wall, seconds, cpu = run(tasks, workers)
            base = base or wall
            per_task = statistics.mean(seconds)
            overhead = (workers * wall - sum(seconds)) / len(seconds)
            print(f"{workers:>7} {wall:>8.2f} {sum(seconds):>10.2f} {1e3 * per_task:>8.1f} "
                  f"{1e3 * statistics.mean(cpu):>11.1f} {base / wall:>8.2f} "
                  f"{1e3 * overhead:>11.1f} {100 * overhead / per_task:>10.1f}")


if __name__ == "__main__":
    main()
