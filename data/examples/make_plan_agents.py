#!/usr/bin/env python3
"""Writes data/examples/plan_agents.csv: 200 agents for the bundled sample plan (data/plan.json),
hired as a centre would for its weekly schedule (about 124 full-time and 52 part-time lines:
voice 78 + 33, text 33 + 14, video 13 + 5) with a 12% margin for leave and the second week;
a quarter of the agents also take a second queue. Deterministic: no random numbers."""
import csv
import os

HIRE = [  # queue, full-time, part-time
    ("voice", 88, 38),
    ("text", 37, 16),
    ("video", 15, 6),
]
SECOND = {"voice": "text", "text": "voice", "video": "voice"}

rows = []
n = 0
for queue, full, part in HIRE:
    for k in range(full + part):
        n += 1
        part_time = k >= full
        skills = [queue]
        if n % 4 == 0:
            skills.append(SECOND[queue])
        rows.append({
            "agent": f"p{n:03d}",
            "name": f"Agent {n:03d}",
            "skills": ";".join(skills),
            "contract": "part" if part_time else "full",
            "min_hours_week": 16 if part_time else 32,
            "max_hours_week": 20 if part_time else 40,
            "max_days_week": 5,
            "part_time": "true" if part_time else "false",
            "preferred_start": ["", "08:00", "", "10:00", ""][n % 5],
            "preferred_days_off": ["", "", "Sun", "", "Sat"][n % 5],
            "seniority": n % 10,
        })

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plan_agents.csv")
with open(path, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
