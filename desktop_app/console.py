"""Text streams the command line writes: UTF-8 whatever the console, pipe or file.

Windows gives a Python program writing into a pipe or a file the ANSI code page (cp1252 on
most machines), in which Vietnamese cannot be written: ``tantay-cli --version | more`` crashed
with ``UnicodeEncodeError`` and messages on stderr came out as ``T\\xe2n \\u0111\\u0103ng``.
``use_utf8_streams`` switches stdout and stderr to UTF-8 and replaces anything that still cannot
be written instead of raising. A real Windows console already takes UTF-16 from Python, and
the switch changes nothing there.
"""

from __future__ import annotations

import contextlib
import io
import sys


def use_utf8_streams() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` write UTF-8, never raising on a character.

    Called first thing by the command line. Streams that are absent (the windowed program on
    Windows has none) or that are not text files (a test's capture) are left alone.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if isinstance(stream, io.TextIOWrapper):
            # ValueError: closed, or already read from in a way that forbids a new encoding
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(encoding="utf-8", errors="replace")
