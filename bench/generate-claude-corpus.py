#!/usr/bin/env python3
"""Generate a Claude Code log corpus of a given size by replicating real session logs.

Every *.jsonl file under --source is copied many times into
OUT/projects/<project>/<session>.jsonl, the layout that Claude Code uses under
CLAUDE_CONFIG_DIR. Lines that are not JSON objects are dropped, every other line is
kept. Each copy is one session file that contains the source file --rounds-per-file
times in a row. Each copy gets a fresh sessionId, and each round a fresh message.id,
requestId, uuid, parentUuid and leafUuid. Lines that share these ids in the source
share them in the round, so the lines that repeat one API response stay duplicates
and exercise de-duplication. Fields that a source line lacks stay absent.

Timestamps keep their spacing within a file. Rounds follow each other with a gap of
one minute, and each copy starts at a random time, so that copies spread over
--days days from --start. Lines are written as compact JSON in UTF-8, like Claude
Code writes them.

Copying stops after the first full pass over the source files that brings the
corpus to --size-mb. The script prints what it wrote and stores the same figures,
with the expected token totals, in OUT/corpus-stats.json.

Uses the Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ROUND_GAP = timedelta(minutes=1)
TOKEN_FIELDS = (
    "input_tokens",
    "output_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
)


@dataclass
class SourceLine:
    """One JSON object line of a source file, with the original values of the fields that each copy rewrites."""

    record: dict
    time: datetime | None
    time_has_fraction: bool
    session_id: str | None
    request_id: str | None
    message_id: str | None
    uuid: str | None
    parent_uuid: str | None
    leaf_uuid: str | None


@dataclass
class SourceFile:
    """The JSON object lines of one source file and the time range they cover."""

    relative_path: str
    lines: list[SourceLine]
    first_time: datetime | None
    span: timedelta


@dataclass
class CorpusStats:
    """Counts of what was written, with token totals that a correct reader must reproduce."""

    files: int = 0
    bytes: int = 0
    lines: int = 0
    usage_lines: int = 0
    usage_lines_with_message_id: int = 0
    usage_lines_without_timestamp: int = 0
    distinct_responses: int = 0
    # Token sums over usage lines, counting each (message.id, requestId) pair once and
    # each line without message.id on its own.
    deduplicated_tokens: dict = field(default_factory=lambda: dict.fromkeys(TOKEN_FIELDS, 0))
    # The same sums restricted to lines that carry a timestamp.
    deduplicated_tokens_with_timestamp: dict = field(
        default_factory=lambda: dict.fromkeys(TOKEN_FIELDS, 0)
    )
    # Token sums over every usage line, duplicates included.
    all_line_tokens: dict = field(default_factory=lambda: dict.fromkeys(TOKEN_FIELDS, 0))
    deduplicated_cost_usd_field: float = 0.0
    deduplicated_by_model: dict = field(default_factory=dict)


def parse_timestamp(text: object) -> tuple[datetime | None, bool]:
    """Parse an ISO-8601 timestamp, returning (None, False) when it is missing or invalid.

    The second value is True when the text had a fractional second, so that the copy
    is written in the same style.
    """
    if not isinstance(text, str):
        return None, False
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None, False
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc), "." in text


def format_timestamp(value: datetime, with_fraction: bool) -> str:
    """Format a UTC time as Claude Code does, with milliseconds when the source had a fraction."""
    if with_fraction:
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def load_source_file(path: Path, root: Path) -> tuple[SourceFile, int]:
    """Read one source file, returning it and the number of lines dropped as not JSON objects."""
    lines: list[SourceLine] = []
    dropped = 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for text in handle:
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError:
                dropped += 1
                continue
            if not isinstance(record, dict):
                dropped += 1
                continue
            message = record.get("message")
            message = message if isinstance(message, dict) else {}
            time, has_fraction = parse_timestamp(record.get("timestamp"))
            lines.append(
                SourceLine(
                    record=record,
                    time=time,
                    time_has_fraction=has_fraction,
                    session_id=text_or_none(record.get("sessionId")),
                    request_id=text_or_none(record.get("requestId")),
                    message_id=text_or_none(message.get("id")),
                    uuid=text_or_none(record.get("uuid")),
                    parent_uuid=text_or_none(record.get("parentUuid")),
                    leaf_uuid=text_or_none(record.get("leafUuid")),
                )
            )
    times = [line.time for line in lines if line.time is not None]
    first_time = min(times) if times else None
    span = max(times) - first_time if times else timedelta(0)
    relative_path = path.relative_to(root).as_posix()
    return SourceFile(relative_path, lines, first_time, span), dropped


class IdFactory:
    """Factory of ids in the shapes that Claude Code and the Anthropic API use.

    A running counter is part of every message and request id, so those ids never
    repeat. UUIDs are random version-4 UUIDs from the seeded generator.
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.counter = 0

    def _base62(self, value: int, width: int) -> str:
        digits = []
        for _ in range(width):
            value, digit = divmod(value, 62)
            digits.append(BASE62[digit])
        return "".join(reversed(digits))

    def _counted(self, random_width: int) -> str:
        self.counter += 1
        random_part = self._base62(self.rng.getrandbits(6 * random_width), random_width)
        return self._base62(self.counter, 8) + random_part

    def message_id(self) -> str:
        return "msg_01" + self._counted(14)

    def request_id(self) -> str:
        return "req_011C" + self._counted(12)

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


class FreshIds:
    """Mapping from each original id to a new id, created on first use."""

    def __init__(self, create):
        self.create = create
        self.mapping: dict[str, str] = {}

    def __call__(self, original: str) -> str:
        new = self.mapping.get(original)
        if new is None:
            new = self.create()
            self.mapping[original] = new
        return new


def add_tokens(totals: dict, usage: dict) -> None:
    for name in TOKEN_FIELDS:
        value = usage.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            totals[name] += value


def rewrite_line(
    line: SourceLine,
    time_shift: timedelta,
    session_ids: FreshIds,
    round_ids: dict[str, FreshIds],
) -> tuple[dict, str | None, str | None]:
    """Set fresh ids and the shifted timestamp on the line's record, and return it with its new message and request id.

    The record is changed in place. That is safe because every round sets the same
    fields again from the original values kept in SourceLine.
    """
    record = line.record
    if line.time is not None:
        record["timestamp"] = format_timestamp(line.time + time_shift, line.time_has_fraction)
    if line.session_id is not None:
        record["sessionId"] = session_ids(line.session_id)
    if line.uuid is not None:
        record["uuid"] = round_ids["uuid"](line.uuid)
    if line.parent_uuid is not None:
        record["parentUuid"] = round_ids["uuid"](line.parent_uuid)
    if line.leaf_uuid is not None:
        record["leafUuid"] = round_ids["uuid"](line.leaf_uuid)
    request_id = None
    if line.request_id is not None:
        request_id = round_ids["request"](line.request_id)
        record["requestId"] = request_id
    message_id = None
    if line.message_id is not None:
        message_id = round_ids["message"](line.message_id)
        record["message"]["id"] = message_id
    return record, message_id, request_id


def count_line(
    stats: CorpusStats,
    record: dict,
    line: SourceLine,
    message_id: str | None,
    request_id: str | None,
    seen_responses: set,
) -> None:
    stats.lines += 1
    message = record.get("message")
    usage = message.get("usage") if isinstance(message, dict) else None
    if not isinstance(usage, dict):
        return
    stats.usage_lines += 1
    add_tokens(stats.all_line_tokens, usage)
    if line.time is None:
        stats.usage_lines_without_timestamp += 1
    if message_id is not None:
        stats.usage_lines_with_message_id += 1
        key = (message_id, request_id)
        if key in seen_responses:
            return
        seen_responses.add(key)
        stats.distinct_responses += 1
    add_tokens(stats.deduplicated_tokens, usage)
    if line.time is not None:
        add_tokens(stats.deduplicated_tokens_with_timestamp, usage)
    cost = record.get("costUSD")
    if isinstance(cost, (int, float)) and not isinstance(cost, bool):
        stats.deduplicated_cost_usd_field += cost
    model = message.get("model") if isinstance(message.get("model"), str) else "(none)"
    by_model = stats.deduplicated_by_model.setdefault(
        model, {"responses": 0, **dict.fromkeys(TOKEN_FIELDS, 0)}
    )
    by_model["responses"] += 1
    add_tokens(by_model, usage)


def write_copy(
    source: SourceFile,
    path_dir: Path,
    start: datetime,
    window: timedelta,
    rounds: int,
    ids: IdFactory,
    rng: random.Random,
    stats: CorpusStats,
) -> None:
    """Write one copy of a source file as a new session file in path_dir."""
    round_span = source.span + ROUND_GAP
    copy_span = round_span * rounds
    latest_offset = max(0.0, (window - copy_span).total_seconds())
    copy_start = start + timedelta(seconds=rng.uniform(0.0, latest_offset))
    session_ids = FreshIds(ids.uuid)
    first_session = next((line.session_id for line in source.lines if line.session_id), None)
    file_name = (session_ids(first_session) if first_session else ids.uuid()) + ".jsonl"

    chunks: list[str] = []
    for round_index in range(rounds):
        time_shift = timedelta(0)
        if source.first_time is not None:
            time_shift = copy_start + round_span * round_index - source.first_time
        round_ids = {
            "uuid": FreshIds(ids.uuid),
            "request": FreshIds(ids.request_id),
            "message": FreshIds(ids.message_id),
        }
        seen_responses: set = set()
        for line in source.lines:
            record, message_id, request_id = rewrite_line(line, time_shift, session_ids, round_ids)
            chunks.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
            count_line(stats, record, line, message_id, request_id, seen_responses)
    data = ("\n".join(chunks) + "\n").encode("utf-8")
    path_dir.mkdir(parents=True, exist_ok=True)
    (path_dir / file_name).write_bytes(data)
    stats.files += 1
    stats.bytes += len(data)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Generate a Claude Code log corpus (OUT/projects/<project>/<session>.jsonl) "
        "by replicating real session logs with fresh ids and shifted timestamps."
    )
    parser.add_argument("--source", required=True, type=Path, help="folder searched for *.jsonl source logs")
    parser.add_argument("--out", required=True, type=Path, help="corpus folder, used as CLAUDE_CONFIG_DIR; its projects/ must be missing or empty")
    parser.add_argument("--size-mb", type=float, default=1024, help="target corpus size in MB of 2^20 bytes (default: 1024)")
    parser.add_argument("--seed", type=int, default=1, help="seed for ids and copy start times (default: 1)")
    parser.add_argument("--days", type=float, default=90, help="length of the time window that copies spread over, in days (default: 90)")
    parser.add_argument("--start", default="2026-01-01T00:00:00Z", help="start of that window, ISO-8601 (default: 2026-01-01T00:00:00Z)")
    parser.add_argument("--rounds-per-file", type=int, default=32, help="times each source file is repeated in one session file (default: 32)")
    parser.add_argument("--projects", type=int, default=40, help="number of project folders (default: 40)")
    arguments = parser.parse_args(argv)
    if arguments.size_mb <= 0:
        parser.error(f"--size-mb must be positive, got {arguments.size_mb}")
    if arguments.rounds_per_file < 1:
        parser.error(f"--rounds-per-file must be at least 1, got {arguments.rounds_per_file}")
    if arguments.projects < 1:
        parser.error(f"--projects must be at least 1, got {arguments.projects}")
    if arguments.days <= 0:
        parser.error(f"--days must be positive, got {arguments.days}")
    start, _ = parse_timestamp(arguments.start)
    if start is None:
        parser.error(f"--start is not an ISO-8601 timestamp: {arguments.start!r}")
    arguments.start = start
    return arguments


def main(argv: list[str]) -> int:
    arguments = parse_arguments(argv)
    source_root: Path = arguments.source
    if not source_root.is_dir():
        print(f"generate-claude-corpus: source folder not found: {source_root}", file=sys.stderr)
        return 2
    projects_dir = arguments.out / "projects"
    if projects_dir.exists() and any(projects_dir.iterdir()):
        print(
            f"generate-claude-corpus: {projects_dir} is not empty; delete it or choose another --out",
            file=sys.stderr,
        )
        return 2

    sources: list[SourceFile] = []
    dropped_lines = 0
    for path in sorted(source_root.rglob("*.jsonl")):
        source, dropped = load_source_file(path, source_root)
        dropped_lines += dropped
        if source.lines:
            sources.append(source)
    if not sources:
        print(f"generate-claude-corpus: no JSON object lines in *.jsonl under {source_root}", file=sys.stderr)
        return 2

    rng = random.Random(arguments.seed)
    ids = IdFactory(rng)
    stats = CorpusStats()
    target_bytes = int(arguments.size_mb * 1024 * 1024)
    window = timedelta(days=arguments.days)
    passes = 0
    copy_index = 0
    while stats.bytes < target_bytes:
        for source in sources:
            project = f"-home-dev-src-project-{copy_index % arguments.projects:03d}"
            write_copy(
                source,
                projects_dir / project,
                arguments.start,
                window,
                arguments.rounds_per_file,
                ids,
                rng,
                stats,
            )
            copy_index += 1
        passes += 1

    report = {
        "source": str(source_root),
        "source_files": [source.relative_path for source in sources],
        "source_lines_dropped_per_pass": dropped_lines,
        "seed": arguments.seed,
        "size_mb_target": arguments.size_mb,
        "rounds_per_file": arguments.rounds_per_file,
        "passes": passes,
        "files": stats.files,
        "bytes": stats.bytes,
        "lines": stats.lines,
        "usage_lines": stats.usage_lines,
        "usage_lines_with_message_id": stats.usage_lines_with_message_id,
        "usage_lines_without_timestamp": stats.usage_lines_without_timestamp,
        "distinct_responses": stats.distinct_responses,
        "deduplicated_tokens": stats.deduplicated_tokens,
        "deduplicated_tokens_with_timestamp": stats.deduplicated_tokens_with_timestamp,
        "all_line_tokens": stats.all_line_tokens,
        "deduplicated_cost_usd_field": round(stats.deduplicated_cost_usd_field, 6),
        "deduplicated_by_model": stats.deduplicated_by_model,
    }
    (arguments.out / "corpus-stats.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"files: {stats.files}")
    print(f"bytes: {stats.bytes} ({stats.bytes / 1024 / 1024:.1f} MiB)")
    print(f"lines: {stats.lines}")
    print(f"lines with usage: {stats.usage_lines}")
    print(f"distinct (message.id, requestId) pairs: {stats.distinct_responses}")
    print(f"details: {arguments.out / 'corpus-stats.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
