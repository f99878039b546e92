"""Parse an uploaded file in a separate process with a wall-clock and a memory limit.

A .docx is a zip archive and a PDF a program of sorts: a small upload can unpack to
gigabytes or keep a parser busy for minutes. :func:`extract_isolated` runs
:func:`bot.core.readings.extract.extract` in a child process (``python -m bot.core.worker``)
that limits its own address space and CPU time (``resource.setrlimit``) before it reads the
file; the parent kills it after ``seconds`` of wall-clock time. Either way the caller gets a
:class:`ReadingError` with a German message and nothing has been stored: storing starts only
after the text is back.

Protocol: the file's bytes on stdin, the name and limits as arguments, one JSON object on
stdout — the :class:`Extracted` fields, or ``{"error": "<German message>"}``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import PurePath

from bot.core.readings.extract import FORMATS, Extracted, ReadingError, extract
from bot.texts import robust as t

WORKER_SECONDS = 8.0  # wall clock for one file, start-up of the child included
WORKER_MEMORY_MB = 400  # address space the parser may add on top of the interpreter's
IN_PROCESS_BYTES = 512 * 1024
_EXIT_MEMORY = 3


def extract_isolated(
    data: bytes,
    file_name: str,
    *,
    seconds: float = WORKER_SECONDS,
    memory_mb: int = WORKER_MEMORY_MB,
) -> Extracted:
    """Like :func:`extract`, in a child process; ReadingError (German) on any limit.

    Small plain-text and HTML files (linear parsers, at most ``IN_PROCESS_BYTES``) and UTF-8
    texts of any size are read in this process: a child costs up to a second of start-up.
    """
    name = PurePath(file_name).name or "Datei"
    suffix = PurePath(name).suffix.lower()
    if len(data) <= IN_PROCESS_BYTES and FORMATS.get(suffix) in ("txt", "html"):
        return extract(data, file_name)
    if FORMATS.get(suffix) == "txt" and _is_utf8(data):
        # plain UTF-8 text is read in linear time at any size: a child would only add its
        # start-up (about a second for a book); other encodings are guessed in the child
        return extract(data, file_name)
    env = dict(os.environ)
    env["PYTHONWARNINGS"] = "ignore"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "bot.core.worker", file_name, str(seconds), str(memory_mb)],
            input=data,
            capture_output=True,
            timeout=seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise ReadingError(t.FILE_TOO_SLOW.format(name=name, seconds=round(seconds))) from None
    except OSError:
        raise ReadingError(t.FILE_WORKER_FAILED.format(name=name)) from None
    if proc.returncode == _EXIT_MEMORY or b"MemoryError" in proc.stderr[-2000:]:
        raise ReadingError(t.FILE_TOO_BIG.format(name=name, mb=memory_mb))
    if proc.returncode < 0:  # killed by a signal: SIGXCPU (CPU limit) or SIGKILL
        raise ReadingError(t.FILE_TOO_SLOW.format(name=name, seconds=round(seconds)))
    try:
        answer = json.loads(proc.stdout)
    except ValueError:
        raise ReadingError(t.FILE_WORKER_FAILED.format(name=name)) from None
    if "error" in answer:
        raise ReadingError(answer["error"])
    return Extracted(**answer)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _limit_self(seconds: float, memory_mb: int) -> None:
    """Cap this process: address space (what it has now + ``memory_mb``) and CPU seconds."""
    import resource

    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[0])
    now = pages * os.sysconf("SC_PAGE_SIZE")
    limit = now + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = max(1, int(seconds) + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def main(argv: list[str]) -> int:
    """The child: read the file from stdin, print the result as JSON."""
    file_name, seconds, memory_mb = argv[0], float(argv[1]), int(argv[2])
    data = sys.stdin.buffer.read()
    # import the parsers before the limit: their code is not what the limit is about
    import docx  # noqa: F401
    import pypdf  # noqa: F401

    try:
        _limit_self(seconds, memory_mb)
    except (OSError, ValueError):  # no /proc or no rlimits: the wall clock still applies
        pass
    try:
        result: dict[str, str] = dataclasses.asdict(extract(data, file_name))
    except ReadingError as exc:
        result = {"error": str(exc)}
    except MemoryError:
        return _EXIT_MEMORY
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
