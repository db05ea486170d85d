#!/usr/bin/python3
"""Prototypes of the day-ahead daily total on the US bank VALIDATION weeks (issue 14, second
attempt; docs/performance.md, "Second attempt at the daily total").

    build/dev/benchmarks/bm_forecast_accuracy --dump /tmp/dump.csv
    /usr/bin/python3 benchmarks/bm_forecast_accuracy_prototypes.py /tmp/dump.csv [shared-dir]

`topdown` and `regression` use the same weekday intraday profile, so a forecast with another
daily total T is the dumped `regression` forecast rescaled to T, and the ensemble is the profile
times the mean of T and topdown's total: the interval MAE of a new daily total is exact. This
file re-implements `regression`'s daily total (src/forecast/regression.cpp: log-linear effects
with week intercepts, ridge 1, exponentially smoothed level) and checks it against the dump
before scoring the variants. Only the validation origins are scored. Standard library only.
"""
import csv
import datetime as dt
import math
import sys
from collections import defaultdict

D = dt.date
FIRST = D(2003, 3, 3)
CLOSED = {D(2003, 5, 26), D(2003, 7, 4)}  # the calendar the benchmark passes
VALIDATION = [D(2003, 4, 7) + dt.timedelta(7 * k) for k in range(8)]
NE = 14  # 7 weekdays, 4 month positions, 3 mid-month positions


def pdate(s):
    return D(int(s[0:4]), int(s[5:7]), int(s[8:10]))


def business(d):
    return d.weekday() < 5 and d not in CLOSED


def month_pos(d):
    if not business(d):
        return 0
    k = sum(1 for i in range(d.day) if business(D(d.year, d.month, 1 + i)))
    if k <= 3:
        return k
    x = d + dt.timedelta(1)
    while x.month == d.month:
        if business(x):
            return 0
        x += dt.timedelta(1)
    return 4


def mid_pos(d):
    if not business(d) or d.day < 15:
        return 0
    k = sum(1 for i in range(d.day - 14) if business(D(d.year, d.month, 15 + i)))
    return k if k <= 3 else 0


def eff_weekday(d):
    # the first business day after a calendar-closed weekday takes Monday's effect
    if business(d) and (d - dt.timedelta(1)) in CLOSED:
        return 0
    return d.weekday()


def cols(d):
    c = [eff_weekday(d)]
    if month_pos(d):
        c.append(7 + month_pos(d) - 1)
    if mid_pos(d):
        c.append(11 + mid_pos(d) - 1)
    return c


def bdays_between(a, b):
    """Business days in (a, b]."""
    return sum(1 for i in range(1, (b - a).days + 1) if business(a + dt.timedelta(i)))


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for i in range(n):
        p = max(range(i, n), key=lambda r: abs(m[r][i]))
        m[i], m[p] = m[p], m[i]
        for r in range(n):
            if r != i and m[r][i] != 0:
                f = m[r][i] / m[i][i]
                for c in range(i, n + 1):
                    m[r][c] -= f * m[i][c]
    return [m[i][n] / m[i][i] for i in range(n)]


class data:
    def __init__(self, dump, shared):
        self.tot = defaultdict(float)
        for r in csv.DictReader(open(f"{shared}/data/us_bank_2003_5min.csv")):
            if r["calls"]:
                self.tot[pdate(r["interval_start"])] += float(r["calls"])
        self.rows = defaultdict(list)  # (minutes, origin) -> (day, actual, avg4, topdown, regression)
        for r in csv.DictReader(open(dump)):
            if r["period"] == "validation":
                self.rows[(int(r["minutes"]), pdate(r["origin"]))].append(
                    (pdate(r["interval_start"]), float(r["actual"]), float(r["avg4"]),
                     float(r["topdown"]), float(r["regression"])))
        self.cache = {}

    def train_days(self, origin):
        out, d = [], max(FIRST, origin - dt.timedelta(182))
        while d < origin:
            if d in self.tot and d not in CLOSED and eff_weekday(d) == d.weekday():
                out.append(d)
            d += dt.timedelta(1)
        return out

    def fit(self, days, ncal=NE, colsf=cols, weight=None):
        blk = lambda d: (d - FIRST).days // 7
        w0 = blk(days[0])
        p = ncal + blk(days[-1]) - w0
        a = [[0.0] * p for _ in range(p)]
        b = [0.0] * p
        for d in days:
            c = colsf(d) + ([ncal + blk(d) - w0 - 1] if blk(d) > w0 else [])
            y = math.log(self.tot[d] + 1)
            w = 1.0 if weight is None else weight(d)
            for i in c:
                b[i] += w * y
                for j in c:
                    a[i][j] += w
        for i in range(p):
            a[i][i] += 1.0 if 7 <= i < ncal else (1.0 if a[i][i] == 0 else 0.0)
        return solve(a, b)

    def prep(self, o):
        """Training days, effects and deseasonalised log totals z at origin o."""
        if o not in self.cache:
            days = self.train_days(o)
            beta = self.fit(days)[:NE]
            z = [math.log(self.tot[x] + 1) - effect(beta, x) for x in days]
            self.cache[o] = (days, beta, z)
        return self.cache[o]

    def score(self, minutes, total):
        """Pooled ensemble MAE / avg4 and the per-week ratios for a daily total total(o, d)."""
        num = den = 0.0
        per = []
        for o in VALIDATION:
            rows = self.rows[(minutes, o)]
            rg, td = defaultdict(float), defaultdict(float)
            for d, _, _, t, r in rows:
                rg[d] += r
                td[d] += t
            n = b = 0.0
            for d, a, a4, t, r in rows:
                tt = 0.5 * (td[d] + total(o, d))
                n += abs((r / rg[d] * tt if rg[d] > 0 else 0.0) - a)
                b += abs(a4 - a)
            num += n
            den += b
            per.append(n / b)
        return num / den, per


def effect(beta, d, colsf=cols):
    return sum(beta[c] for c in colsf(d))


def holt_path(z, a, bt, phi, clip=1.0):
    """Damped-trend recursion (bt = 0: exponential smoothing); states before each day, last."""
    m = min(7, len(z))
    level, slope, states = sum(z[:m]) / m, 0.0, []
    for v in z:
        states.append((level, slope))
        f = level + phi * slope
        e = max(-clip, min(clip, v - f))
        level, slope = f + a * e, phi * slope + a * bt * e
    return states, (level, slope)


def ahead(state, phi, h):
    return state[0] + sum(phi ** i for i in range(1, h + 1)) * state[1]


def history_error(z, a, bt, phi, check, metric):
    """Mean 1-5-day-ahead error of the recursion over the history's last `check` days."""
    states, _ = holt_path(z, a, bt, phi)
    s = n = 0
    for j in range(max(len(z) - check, 6), len(z)):
        for h in range(1, 6):
            e = z[j] - (ahead(states[j - h + 1], phi, h - 1) if h > 1 else ahead(states[j], phi, 1))
            s += e * e if metric == "mse" else abs(e)
            n += 1
    return s / n


def kalman(days, z, q, phi, q2=None):
    """Concentrated -2 log likelihood and final state of a local level (q2 None: plus an AR(1)
    deviation with coefficient phi) or a damped local trend (q2: slope variance)."""
    trend = q2 is not None
    m = [z[0], 0.0]
    p = [[1e4, 0.0], [0.0, 1e-2]] if trend else [[1e6, 0.0], [0.0, 1.0 / (1 - phi * phi)]]
    ll = s2 = 0.0
    n = 0
    prev = None
    for d, v in zip(days, z):
        if prev is not None:
            for _ in range(bdays_between(prev, d)):
                if trend:
                    a, b, c = p[0][0], p[0][1], p[1][1]
                    m = [m[0] + m[1], phi * m[1]]
                    p = [[a + 2 * b + c + q, phi * (b + c)], [phi * (b + c), phi * phi * c + q2]]
                else:
                    m = [m[0], phi * m[1]]
                    p = [[p[0][0] + q, phi * p[0][1]], [phi * p[1][0], phi * phi * p[1][1] + 1.0]]
        h = [1.0, 0.0] if trend else [1.0, 1.0]
        ph = [p[0][0] * h[0] + p[0][1] * h[1], p[1][0] * h[0] + p[1][1] * h[1]]
        f = h[0] * ph[0] + h[1] * ph[1] + (1.0 if trend else 0.0)
        e = v - (h[0] * m[0] + h[1] * m[1])
        if prev is not None:
            ll += math.log(f)
            s2 += e * e / f
            n += 1
        k = [ph[0] / f, ph[1] / f]
        m = [m[0] + k[0] * e, m[1] + k[1] * e]
        p = [[p[i][j] - k[i] * ph[j] for j in range(2)] for i in range(2)]
        prev = d
    return n * math.log(s2 / n) + ll, m, prev


def variants(x):
    """(name, total(o, d)) for every prototype in the table."""
    def level_total(level_of):
        def total(o, d):
            days, beta, z = x.prep(o)
            return math.exp(level_of(days, z, bdays_between(days[-1], d)) + effect(beta, d)) - 1
        return total

    def memo(f):
        cache = {}
        return lambda days, z, h: f(cache, days, z, h)

    yield "today: level alpha 0.3", level_total(lambda days, z, h: holt_path(z, 0.3, 0, 1)[1][0])
    ses = [(a, 0.0, 1.0) for a in (0.05, 0.1, 0.2, 0.3, 0.5)]
    damped = [(a, b, p) for a in (0.1, 0.2, 0.3) for b in (0.1, 0.2, 0.4) for p in (0.8, 0.9, 0.95)]
    for name, grid, metric in (("alpha per origin by the history's 1-5-day MSE", ses, "mse"),
                               ("the same by MAE", ses, "mae"),
                               ("alpha or a damped trend per origin by MAE", ses + damped, "mae")):
        def pick(cache, days, z, h, grid=grid, metric=metric):
            key = len(z)
            if key not in cache:
                best = min(grid, key=lambda g: history_error(z, *g, 40, metric))
                cache[key] = (best, holt_path(z, *best)[1])
            (a, b, p), last = cache[key]
            return ahead(last, p, h)
        yield name, level_total(memo(pick))
    for name, phis, q2s in (("local level, ML signal-to-noise", [0.0], None),
                            ("local level + AR(1) deviation, ML", [0.0, 0.2, 0.4, 0.6, 0.8], None),
                            ("local linear trend, ML", [1.0], [0, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2]),
                            ("damped local trend, ML", [0.8, 0.9, 0.95, 1.0],
                             [0, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2])):
        def ml(cache, days, z, h, phis=phis, q2s=q2s):
            key = len(z)
            if key not in cache:
                qs = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3] if q2s is None else \
                    [0.01, 0.03, 0.1, 0.3, 1.0]
                fits = [(kalman(days, z, q, phi, q2), phi) for q in qs for phi in phis
                        for q2 in (q2s or [None])]
                cache[key] = min(fits, key=lambda f: f[0][0])
            (nll, m, last), phi = cache[key]
            if q2s is None:
                return m[0] + phi ** h * m[1]
            return m[0] + sum(phi ** i for i in range(h)) * m[1]
        yield name, level_total(memo(ml))
    alphas = [0.05, 0.1, 0.2, 0.3, 0.5, 1.0]
    for check, power in ((20, 1), (1000, 8)):
        def averaged(days, z, h, check=check, power=power):
            w = [(1 / history_error(z, a, 0, 1, check, "mse")) ** power for a in alphas]
            return sum(wi * holt_path(z, a, 0, 1)[1][0] for wi, a in zip(w, alphas)) / sum(w)
        yield f"levels averaged, weights 1/MSE^{power} over {check} days", level_total(averaged)
    yield "short level fading into a long one (alpha 1 -> 0.2, weight 0.5^h)", level_total(
        lambda days, z, h: 0.5 ** h * holt_path(z, 1.0, 0, 1)[1][0] +
        (1 - 0.5 ** h) * holt_path(z, 0.2, 0, 1)[1][0])

    def refit(ncal, colsf, weight=None, robust=None):
        cache = {}

        def total(o, d):
            if o not in cache:
                days = x.train_days(o)
                w = weight
                for _ in range(20 if robust else 1):
                    full = x.fit(days, ncal, colsf, w)
                    if robust:
                        blk = lambda t: (t - FIRST).days // 7
                        res = {t: math.log(x.tot[t] + 1) - effect(full, t, colsf) -
                               (full[ncal + blk(t) - blk(days[0]) - 1] if blk(t) > blk(days[0])
                                else 0.0) for t in days}
                        mad = sorted(abs(v) for v in res.values())[len(res) // 2] / 0.6745
                        ws = {t: min(1.0, robust * mad / abs(v)) if v else 1.0
                              for t, v in res.items()}
                        w = lambda t, ws=ws: ws[t]
                beta = full[:ncal]
                z = [math.log(x.tot[t] + 1) - effect(beta, t, colsf) for t in days]
                cache[o] = (beta, holt_path(z, 0.3, 0, 1)[1][0])
            beta, level = cache[o]
            return math.exp(level + effect(beta, d, colsf)) - 1
        return total

    yield "Huber effects (k = 1.345 MAD)", refit(NE, cols, robust=1.345)
    yield "Poisson-type weights (the day's total)", refit(NE, cols, weight=lambda t: x.tot[t] / 31000.0)

    def interaction(kind):
        def c(d):
            out = cols(d)
            if kind == "monday" and (month_pos(d) or mid_pos(d)) and eff_weekday(d) == 0:
                out.append(NE)
            if kind == "weekday" and month_pos(d):
                out.append(NE + eff_weekday(d))
            return out
        return c
    yield "weekday x month-start interaction", refit(NE + 7, interaction("weekday"))
    yield "Monday x month-position interaction", refit(NE + 1, interaction("monday"))


def main():
    dump = sys.argv[1]
    shared = sys.argv[2] if len(sys.argv) > 2 else "../shared"
    x = data(dump, shared)
    # The re-implementation reproduces the library's regression totals.
    _, today = next(variants(x))
    worst = 0.0
    for (minutes, o), rows in x.rows.items():
        rg = defaultdict(float)
        for d, _, _, _, r in rows:
            rg[d] += r
        worst = max(worst, max(abs(today(o, d) / rg[d] - 1) for d in rg))
    print(f"largest relative difference to the dumped regression totals: {worst:.1e}")
    print("| daily level or effects of `regression` | 30 min | 15 min | per week (30 min) |")
    for name, total in variants(x):
        r30, r15 = x.score(30, total), x.score(15, total)
        print(f"| {name} | {r30[0]:.3f} | {r15[0]:.3f} | {' '.join(f'{v:.2f}' for v in r30[1])} |")


if __name__ == "__main__":
    main()
