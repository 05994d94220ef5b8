"""Logging to rotating files under the data folder; ID numbers and phones never reach a log."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

# 9 to 12 digits in a row (ID numbers, old CMND, phones), also with +84 or spaces inside phones.
_SENSITIVE = re.compile(r"(?<!\d)(?:\+?84|0)?(?:\d[ .-]?){8,11}\d(?!\d)")


def redact(text: str) -> str:
    """Replace anything that looks like an ID or phone number with a placeholder."""
    return _SENSITIVE.sub("[số đã ẩn]", text)


class RedactingFormatter(logging.Formatter):
    """A formatter whose output never contains ID numbers or phone numbers.

    Only what the program logged is redacted (the message, tracebacks, stacks): the timestamp
    and the other fields of the format are the formatter's own and stay readable (redacting the
    whole line turned "2026-12-04 11:54:24,506" into "[số đã ẩn]:54:24,506")."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        record.message = redact(record.message)
        return super().formatMessage(record)

    def formatException(self, ei) -> str:  # noqa: N802
        return redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:  # noqa: N802
        return redact(super().formatStack(stack_info))


class ConsoleFormatter(RedactingFormatter):
    """One line per message on the console: the detail (tracebacks) goes to the log file only,
    so a command's error is one clear line (issue 12)."""

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        return self.formatMessage(record).splitlines()[0] if record.message else ""


def setup_logging(data_dir: Path | None, level: int = logging.INFO) -> Path | None:
    """Log to ``data_dir/logs/tantay.log`` (rotating, 5 × 1 MB) and warnings to stderr."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_tantay", False):
            root.removeHandler(h)
            h.close()
    root.setLevel(level)
    fmt = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(ConsoleFormatter("%(levelname)s: %(message)s"))
    console._tantay = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if data_dir is None:
        return None
    log_dir = Path(data_dir) / "logs"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / "tantay.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None  # a read-only folder must not stop the app; the store reports it clearly
    handler.setFormatter(fmt)
    handler._tantay = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return log_dir / "tantay.log"
