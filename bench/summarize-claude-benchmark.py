#!/usr/bin/env python3
"""Summarize the runs of run-claude-benchmark.sh into summary.json and summary.md.

Reads RESULTS/run-N/<step>.time (GNU time -v output) and the JSON reports that each
step wrote, and RESULTS/extra/ for the untimed cross-checks. MB means 2^20 bytes
throughout, so that a --size-mb 1024 corpus is 1024 MB. Prints summary.md.

Uses the Python 3 standard library only.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

MB = 1024 * 1024
STEPS = {
    "vm-import": "ValueMeter import",
    "vm-report": "ValueMeter report from ledger",
    "vm-import+report": "ValueMeter import + report",
    "vm-oneshot": "ValueMeter one-shot report",
    "ccusage": "ccusage claude daily",
}
TOKEN_NAMES = ("input", "output", "cacheWrite", "cacheRead")


def parse_elapsed(text: str) -> float:
    """Convert GNU time's wall clock field (h:mm:ss or m:ss.ss) to seconds."""
    seconds = 0.0
    for part in text.strip().split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def read_time_file(path: Path) -> dict:
    """Return wall seconds, peak RSS in MB and CPU seconds from a GNU time -v file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    user = re.search(r"User time \(seconds\): (\S+)", text)
    system = re.search(r"System time \(seconds\): (\S+)", text)
    status = re.search(r"Exit status: (\d+)", text)
    if not (wall and rss and user and system):
        raise ValueError(f"{path} is not GNU time -v output")
    return {
        "wall_s": parse_elapsed(wall.group(1)),
        "rss_mb": int(rss.group(1)) / 1024,
        "cpu_s": float(user.group(1)) + float(system.group(1)),
        "exit_status": int(status.group(1)) if status else None,
    }


def valuemeter_totals(report: dict) -> dict:
    totals = report["totals"]
    tokens = totals["tokens"]
    return {
        "input": tokens["input"],
        "output": tokens["output"],
        "cacheWrite": tokens["cacheWrite5m"] + tokens["cacheWrite1h"],
        "cacheRead": tokens["cacheRead"],
        "costUsd": totals["costUsd"],
        "reportedCostUsd": totals["reportedCostUsd"],
        "calls": totals["calls"],
        "recordsWithoutTime": report.get("recordsWithoutTime"),
    }


def ccusage_totals(report: dict) -> dict:
    totals = report["totals"]
    return {
        "input": totals["inputTokens"],
        "output": totals["outputTokens"],
        "cacheWrite": totals["cacheCreationTokens"],
        "cacheRead": totals["cacheReadTokens"],
        "costUsd": totals["totalCost"],
    }


def expected_totals(tokens: dict) -> dict:
    return {
        "input": tokens["input_tokens"],
        "output": tokens["output_tokens"],
        "cacheWrite": tokens["cache_creation_input_tokens"],
        "cacheRead": tokens["cache_read_input_tokens"],
    }


def compare_days(valuemeter: dict, ccusage: dict) -> dict:
    """Count the days whose four token counts differ between the two daily reports."""
    ours = {}
    for group in valuemeter["groups"]:
        tokens = group["tokens"]
        ours[group["key"]["day"]] = (
            tokens["input"],
            tokens["output"],
            tokens["cacheWrite5m"] + tokens["cacheWrite1h"],
            tokens["cacheRead"],
        )
    theirs = {
        row["date"]: (
            row["inputTokens"],
            row["outputTokens"],
            row["cacheCreationTokens"],
            row["cacheReadTokens"],
        )
        for row in ccusage["daily"]
    }
    days = sorted(set(ours) | set(theirs))
    differing = [day for day in days if ours.get(day) != theirs.get(day)]
    return {
        "valuemeter_days": len(ours),
        "ccusage_days": len(theirs),
        "differing_days": len(differing),
        "first_differing": differing[:5],
    }


def compare_costs(totals: dict) -> dict:
    """Compare costs: ValueMeter prices every call, ccusage --mode auto prefers costUSD fields."""
    ours = totals.get("ValueMeter ledger report")
    calculated = totals.get("ccusage --mode calculate")
    displayed = totals.get("ccusage --mode display")
    auto = totals.get("ccusage --mode auto")
    if not (ours and calculated and displayed and auto):
        return {}
    return {
        "ValueMeter costUsd - ccusage --mode calculate (USD)": round(ours["costUsd"] - calculated["costUsd"], 6),
        "ValueMeter reportedCostUsd - ccusage --mode display (USD)": round(ours["reportedCostUsd"] - displayed["costUsd"], 6),
        "ccusage auto - display = calculated cost of lines without costUSD (USD)": round(auto["costUsd"] - displayed["costUsd"], 6),
    }


def load_json(path: Path) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def collect_runs(results: Path) -> list[dict]:
    runs = []
    for run_dir in sorted(results.glob("run-*"), key=lambda p: int(p.name.split("-")[1])):
        run = {name: read_time_file(run_dir / f"{name}.time") for name in STEPS if (run_dir / f"{name}.time").is_file()}
        if "vm-import" in run and "vm-report" in run:
            run["vm-import+report"] = {
                key: run["vm-import"][key] + run["vm-report"][key] for key in ("wall_s", "cpu_s")
            }
            run["vm-import+report"]["rss_mb"] = max(run["vm-import"]["rss_mb"], run["vm-report"]["rss_mb"])
        load_file = run_dir / "loadavg.txt"
        if load_file.is_file():
            run["loadavg_1m"] = {
                line.split()[0]: float(line.split()[1]) for line in load_file.read_text().splitlines() if line.strip()
            }
        run["ledger_bytes"] = int((run_dir / "ledger-bytes.txt").read_text()) if (run_dir / "ledger-bytes.txt").is_file() else None
        runs.append(run)
    return runs


def median_table(runs: list[dict], corpus_bytes: int) -> dict:
    table = {}
    for name in STEPS:
        samples = [run[name] for run in runs if name in run]
        if not samples:
            continue
        wall = statistics.median(sample["wall_s"] for sample in samples)
        table[name] = {
            "runs": len(samples),
            "wall_s": wall,
            "wall_s_all": [sample["wall_s"] for sample in samples],
            "mb_per_s": corpus_bytes / MB / wall if wall > 0 else None,
            "rss_mb": statistics.median(sample["rss_mb"] for sample in samples),
            "rss_mb_max": max(sample["rss_mb"] for sample in samples),
            "cpu_s": statistics.median(sample["cpu_s"] for sample in samples),
        }
    return table


def format_markdown(summary: dict) -> str:
    corpus = summary["corpus"]
    lines = [
        f"Corpus: {corpus['bytes'] / MB:.1f} MB, {corpus['files']} files, {corpus['lines']} lines, "
        f"{corpus['usage_lines']} lines with usage, {corpus['distinct_responses']} distinct (message.id, requestId) pairs.",
        "",
        "| step | runs | median wall s | all wall s | MB/s | median peak RSS MB | max peak RSS MB | median CPU s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in summary["medians"].items():
        walls = ", ".join(f"{value:.2f}" for value in row["wall_s_all"])
        lines.append(
            f"| {STEPS[name]} | {row['runs']} | {row['wall_s']:.2f} | {walls} | {row['mb_per_s']:.1f} | "
            f"{row['rss_mb']:.0f} | {row['rss_mb_max']:.0f} | {row['cpu_s']:.2f} |"
        )
    lines.append("")
    for name, ratio in summary["throughput_ratios"].items():
        lines.append(f"Throughput ratio {name}: {ratio:.2f}x")
    lines += ["", "| totals | input | output | cache write | cache read | cost USD |", "|---|---|---|---|---|---|"]
    for name, totals in summary["totals"].items():
        if totals is None:
            continue
        cost = totals.get("costUsd")
        cost_text = f"{cost:.6f}" if isinstance(cost, (int, float)) else "-"
        lines.append(
            f"| {name} | {totals['input']} | {totals['output']} | {totals['cacheWrite']} | "
            f"{totals['cacheRead']} | {cost_text} |"
        )
    lines.append("")
    for name, result in summary["checks"].items():
        lines.append(f"- {name}: {result}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: summarize-claude-benchmark.py RESULTS_DIR CORPUS_DIR", file=sys.stderr)
        return 2
    results, corpus_dir = Path(argv[0]), Path(argv[1])
    stats = json.loads((corpus_dir / "corpus-stats.json").read_text(encoding="utf-8"))
    runs = collect_runs(results)
    if not runs:
        print(f"summarize-claude-benchmark: no run-N folders in {results}", file=sys.stderr)
        return 1
    medians = median_table(runs, stats["bytes"])
    ratios = {}
    if "ccusage" in medians:
        for name in ("vm-import+report", "vm-oneshot"):
            if name in medians:
                ratios[f"{STEPS[name]} vs ccusage"] = medians["ccusage"]["wall_s"] / medians[name]["wall_s"]

    last = results / f"run-{len(runs)}"
    extra = results / "extra"
    reports = {
        "ValueMeter ledger report": load_json(last / "vm-report.json"),
        "ValueMeter one-shot report": load_json(last / "vm-oneshot.json"),
        "ValueMeter ledger report, timed records only (--since 1970-01-01)": load_json(extra / "vm-report-since.json"),
    }
    totals = {name: valuemeter_totals(report) if report else None for name, report in reports.items()}
    for mode in ("auto", "calculate", "display"):
        report = load_json(last / "ccusage.json") if mode == "auto" else load_json(extra / f"ccusage-{mode}.json")
        totals[f"ccusage --mode {mode}"] = ccusage_totals(report) if report else None
    totals["generator: distinct responses, all"] = expected_totals(stats["deduplicated_tokens"])
    totals["generator: distinct responses with timestamp"] = expected_totals(stats["deduplicated_tokens_with_timestamp"])
    totals["generator: every usage line, duplicates included"] = expected_totals(stats["all_line_tokens"])

    def same_tokens(first: str, second: str) -> str:
        a, b = totals.get(first), totals.get(second)
        if a is None or b is None:
            return "not measured"
        differences = {name: a[name] - b[name] for name in TOKEN_NAMES if a[name] != b[name]}
        return "equal" if not differences else f"differ by {differences}"

    checks = {
        "ValueMeter ledger vs generator (all distinct responses)": same_tokens(
            "ValueMeter ledger report", "generator: distinct responses, all"
        ),
        "ValueMeter one-shot vs ledger": same_tokens("ValueMeter one-shot report", "ValueMeter ledger report"),
        "ccusage vs generator (distinct responses with timestamp)": same_tokens(
            "ccusage --mode auto", "generator: distinct responses with timestamp"
        ),
        "ValueMeter timed records only vs ccusage": same_tokens(
            "ValueMeter ledger report, timed records only (--since 1970-01-01)", "ccusage --mode auto"
        ),
    }
    if reports["ValueMeter ledger report"] and load_json(last / "ccusage.json"):
        checks["per-day tokens, ValueMeter ledger vs ccusage"] = compare_days(
            reports["ValueMeter ledger report"], load_json(last / "ccusage.json")
        )
    checks.update(compare_costs(totals))
    ledger_sizes = [run["ledger_bytes"] for run in runs if run.get("ledger_bytes")]
    summary = {
        "corpus": {key: stats[key] for key in ("bytes", "files", "lines", "usage_lines", "usage_lines_without_timestamp", "distinct_responses", "deduplicated_cost_usd_field")},
        "medians": medians,
        "throughput_ratios": ratios,
        "ledger_mb": [size / MB for size in ledger_sizes],
        "totals": totals,
        "checks": checks,
        "runs": runs,
    }
    (results / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    markdown = format_markdown(summary)
    if ledger_sizes:
        markdown += f"- ledger file size after import: {', '.join(f'{size / MB:.1f}' for size in ledger_sizes)} MB\n"
    loads = [value for run in runs for value in run.get("loadavg_1m", {}).values()]
    if loads:
        markdown += f"- 1-minute load average before the measured steps: {min(loads):.2f} to {max(loads):.2f}\n"
    (results / "summary.md").write_text(markdown, encoding="utf-8")
    print(markdown, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
