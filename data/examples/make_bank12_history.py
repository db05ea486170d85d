#!/usr/bin/python3
"""Writes bank12_history.csv: 8 weeks of 15-minute history for the 12 queues of bank12.json.

Deterministic (fixed seed, standard library only): run `python3 make_bank12_history.py` here
to regenerate the file byte for byte. Each queue has a daily volume, a two-peak intraday
profile, weekday factors and Poisson noise; outside the queue's opening hours the volume is 0
and the AHT cell is empty. Rows cover 07:00-22:00, the union of the opening hours.
"""

import datetime
import math
import random

# name: (contacts per weekday, AHT s, {weekday: (open, close) in hours})
WEEKDAYS = range(0, 5)
ALL_DAYS = range(0, 7)


def hours(days, open_h, close_h, extra=None):
    out = {d: (open_h, close_h) for d in days}
    out.update(extra or {})
    return out


QUEUES = [
    ("retail-voice", 1400, 240, hours(WEEKDAYS, 8, 20, {5: (9, 17)})),
    ("retail-text", 500, 480, hours(ALL_DAYS, 8, 22)),
    ("retail-video", 120, 420, hours(WEEKDAYS, 9, 18)),
    ("retail-en-voice", 150, 300, hours(WEEKDAYS, 9, 17)),
    ("cards-voice", 900, 210, hours(ALL_DAYS, 7, 22)),
    ("cards-text", 300, 420, hours(ALL_DAYS, 8, 22)),
    ("cards-fraud", 80, 360, hours(ALL_DAYS, 7, 22)),
    ("cards-en-voice", 100, 300, hours(WEEKDAYS, 8, 18)),
    ("wealth-voice", 250, 420, hours(WEEKDAYS, 8, 19)),
    ("wealth-video", 60, 900, hours(WEEKDAYS, 9, 17)),
    ("wealth-text", 90, 600, hours(WEEKDAYS, 8, 19)),
    ("wealth-en-voice", 40, 480, hours(WEEKDAYS, 9, 17)),
]
DAY_FACTOR = [1.15, 1.05, 1.0, 1.0, 1.05, 0.6, 0.45]
FIRST = datetime.date(2026, 9, 7)  # a Monday
WEEKS = 8
STEP = 15  # minutes


def poisson(rng, lam):
    if lam > 40:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def profile(minute):
    """Weight of the interval starting at `minute`: a morning and an afternoon peak."""
    h = minute / 60.0
    return 0.3 + math.exp(-((h - 10.5) ** 2) / 3.0) + 0.8 * math.exp(-((h - 15.0) ** 2) / 4.0)


def main():
    rng = random.Random(13)
    header = ["interval_start"]
    for name, *_ in QUEUES:
        header += [name + "_volume", name + "_aht_s"]
    lines = [",".join(header)]
    for day in range(WEEKS * 7):
        date = FIRST + datetime.timedelta(days=day)
        wd = date.weekday()
        for minute in range(7 * 60, 22 * 60, STEP):
            row = [f"{date.isoformat()}T{minute // 60:02d}:{minute % 60:02d}"]
            for name, daily, aht, open_hours in QUEUES:
                span = open_hours.get(wd)
                if span is None or not span[0] * 60 <= minute < span[1] * 60:
                    row += ["0", ""]
                    continue
                slots = range(span[0] * 60, span[1] * 60, STEP)
                total = sum(profile(m) for m in slots)
                lam = daily * DAY_FACTOR[wd] * profile(minute) / total
                n = poisson(rng, lam)
                row += [str(n), f"{aht * math.exp(rng.gauss(0.0, 0.08)):.1f}" if n else ""]
            lines.append(",".join(row))
    with open("bank12_history.csv", "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
