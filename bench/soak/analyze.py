#!/usr/bin/env python3
"""Summary of one soak run (bench/soak/run.sh): per process, the least-squares memory slope in MB/hour
with its standard error and the residual noise, the ranges of fds, threads and database connections;
then every error count. Usage: analyze.py RUN_DIR (holds processes.csv, clients.csv, log-errors.csv).
The first WARMUP minutes (default 5: JIT, pools, caches filling) are left out of the slope."""
import csv
import math
import os
import sys

WARMUP = float(os.environ.get("WARMUP_MINUTES", "5"))


def fit(xs, ys):
    """Least squares y = a + b x; returns slope b, its standard error and the residual SD."""
    n = len(xs)
    if n < 3:
        return float("nan"), float("nan"), float("nan")
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    sse = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys))
    sd = math.sqrt(sse / (n - 2))
    return b, sd / math.sqrt(sxx), sd


def main(run):
    rows = list(csv.DictReader(open(os.path.join(run, "processes.csv"))))
    by = {}
    for r in rows:
        by.setdefault(r["process"], []).append(r)
    minutes = max(float(r["minute"]) for r in rows)
    loads = [float(r["load1"]) for r in rows]
    print(f"Run {os.path.basename(run)}: {minutes:.0f} min sampled, {len(by)} processes, "
          f"load average (1 min) {min(loads):.1f}-{max(loads):.1f}, median {sorted(loads)[len(loads) // 2]:.1f}\n")
    print("| process | RSS start → end (MB) | slope MB/h (± 2 SE) | residual SD (MB) | slope × run vs 2 SD | fds | threads | DB conns primary / replica |")
    print("|---|---|---|---|---|---|---|---|")
    for name in sorted(by):
        rs = [r for r in by[name] if float(r["minute"]) >= WARMUP]
        xs = [float(r["minute"]) / 60 for r in rs]
        ys = [float(r["rss_mb"]) for r in rs]
        b, se, sd = fit(xs, ys)
        hours = (xs[-1] - xs[0]) if len(xs) > 1 else 0
        verdict = "within noise" if abs(b * hours) <= 2 * sd or abs(b) <= 2 * se else "above noise"
        rng = lambda key: f"{min(int(r[key]) for r in by[name])}-{max(int(r[key]) for r in by[name])}"
        print(f"| {name} | {float(by[name][0]['rss_mb']):.0f} → {float(by[name][-1]['rss_mb']):.0f} | {b:+.1f} (± {2 * se:.1f}) | {sd:.1f} | "
              f"{b * hours:+.1f} vs {2 * sd:.1f}: {verdict} | {rng('fds')} | {rng('threads')} | {rng('db_primary')} / {rng('db_replica')} |")
    clients = list(csv.DictReader(open(os.path.join(run, "clients.csv"))))
    if clients:
        last = clients[-1]
        print(f"\nClients at the end: {last['hub_open']} hub connections open, {last['hub_messages']} batches received; "
              f"{last['pages_interactive']} of {last['pages_open']} pages interactive (lowest in any minute: "
              f"{min(int(c['pages_interactive']) for c in clients)}); {last['api_requests']} API reads; "
              f"{last['forecasts_ok']} forecasts on demand succeeded.")
        errors = {k: last[k] for k in ("hub_closed", "hub_connect_failures", "page_errors", "api_errors", "forecasts_failed")}
        print("Errors: " + ", ".join(f"{k} {v}" for k, v in errors.items()), end="")
    path = os.path.join(run, "log-errors.csv")
    if os.path.exists(path):
        print("; app log lines at Error/Critical: " + ", ".join(f"{p} {n}" for p, n in csv.reader(open(path))), end="")
    path = os.path.join(run, "nginx-status.txt")
    if os.path.exists(path):
        print("; nginx statuses: " + ", ".join(" ".join(l.split()[::-1]) for l in open(path) if l.strip()), end="")
    print()


if __name__ == "__main__":
    main(sys.argv[1])
