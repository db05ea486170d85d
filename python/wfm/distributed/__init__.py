"""Many weekly plans on a Dask distributed cluster (docs/distributed.md).

    from dask.distributed import Client
    import wfm.distributed
    client = Client("tcp://scheduler:8786")
    for outcome in wfm.distributed.plan_many(client, tasks):   # (key, history, config) triples
        if outcome.ok:
            outcome.result.coverage.to_csv(f"{outcome.key}.csv")
        else:
            print(outcome.key, outcome.error)
"""

import dataclasses
import sys
import time
import uuid

from distributed import as_completed

import wfm

__all__ = ["PlanOutcome", "plan_many", "plan_task"]


@dataclasses.dataclass
class PlanOutcome:
    """One task's outcome: `result` (a wfm.PlanResult) or `error` (the exception, e.g. a
    wfm.ConfigError with its json_path), the task's wall `seconds` and `cpu_seconds` (of its
    worker process) and the worker's address."""

    key: object
    result: object = None
    error: BaseException = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    worker: str = ""

    @property
    def ok(self):
        return self.error is None


def plan_task(key, history, config, calendar=None):
    """Runs one plan on a worker. A wfm error (bad history or config: deterministic) is
    returned in the outcome, not raised, so it is neither retried nor allowed to stop the
    others; a worker that dies is the scheduler's to retry."""
    started, cpu = time.perf_counter(), time.process_time()
    worker = ""
    try:
        from distributed import get_worker
        worker = get_worker().address
    except (ImportError, ValueError):
        pass
    try:
        outcome = PlanOutcome(key, result=wfm.plan(history, config, calendar=calendar))
    except (wfm.Error, ValueError, TypeError, KeyError) as e:
        outcome = PlanOutcome(key, error=e)
    outcome.seconds = time.perf_counter() - started
    outcome.cpu_seconds = time.process_time() - cpu
    outcome.worker = worker
    return outcome


def _size(history):
    try:
        return int(history.memory_usage(deep=False).sum())
    except AttributeError:
        return len(history) if isinstance(history, (str, bytes)) else 0


class _Progress:
    """Dask's progress widget in a notebook; a one-line counter on stderr otherwise."""

    def __init__(self, futures, enabled):
        self.total = len(futures)
        self.done = 0
        self.enabled = enabled
        self.line = enabled and not _in_notebook()
        if enabled and not self.line:
            from distributed import progress
            progress(futures, notebook=True)

    def step(self):
        self.done += 1
        if self.line:
            end = "\n" if self.done == self.total else ""
            print(f"\rwfm: planned {self.done}/{self.total}", end=end, file=sys.stderr,
                  flush=True)


def _in_notebook():
    try:
        from IPython import get_ipython
        shell = get_ipython()
        return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"
    except ImportError:
        return False


def plan_many(client, tasks, *, calendar=None, progress=True, scatter_bytes=64 * 1024):
    """Plans each (key, history, config[, calendar]) of `tasks` on the cluster of `client`; yields a
    PlanOutcome per task as it completes.

    - A task whose worker dies is rescheduled by Dask (up to the scheduler's
      `distributed.scheduler.allowed-failures`, 3 by default); one that fails for good is
      yielded with its error (distributed.KilledWorker), the others go on.
    - A task whose plan fails (wfm.ConfigError, wfm.ParseError, …) is yielded with the error.
    - A history larger than `scatter_bytes` is sent to the cluster once with client.scatter;
      tasks sharing the same history object share the one copy.
    - progress: Dask's progress bar in a notebook, a counter on stderr otherwise.
    """
    scattered = {}
    futures = {}
    run = uuid.uuid4().hex[:12]  # Dask keys name one computation: unique per call, task
    for task in tasks:
        key, history, config = task[:3]
        task_calendar = task[3] if len(task) > 3 else calendar
        if _size(history) > scatter_bytes:
            if id(history) not in scattered:
                scattered[id(history)] = (history, client.scatter(history, hash=False))
            history = scattered[id(history)][1]
        future = client.submit(plan_task, key, history, config, task_calendar, pure=False,
                               key=f"wfm-plan-{key}-{run}-{len(futures)}")
        futures[future] = key
    bar = _Progress(list(futures), progress)
    for future in as_completed(futures):
        bar.step()
        if future.status == "finished":
            yield future.result()
        else:
            yield PlanOutcome(futures[future], error=future.exception())
        future.release()
