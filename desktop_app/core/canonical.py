"""Canonical JSON used wherever bytes are hashed or signed."""

from __future__ import annotations

import json
from typing import Any

_dump = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode

# canonical_json_in_pieces writes a list longer than this so many items at a time.
SPLIT_LIST = 64


def canonical_json(obj: Any) -> bytes:
    """Serialise ``obj`` deterministically (sorted keys, no spaces, UTF-8)."""
    return _dump(obj).encode("utf-8")


def canonical_text(obj: Any) -> str:
    """``canonical_json`` as text (what the laptop's outbox keeps, ``canonical = 1``)."""
    return _dump(obj)


def canonical_json_in_pieces(obj: Any) -> bytes:
    """``canonical_json`` (the same bytes) for a large document on a worker thread: its long
    lists are written ``SPLIT_LIST`` items at a time. One json.dumps of a 500-change batch holds
    the interpreter for 3-10 ms, and the GUI thread waited that long at each of its own steps
    while a sync ran (issue 17, search_during_sync). An ``EncodedList`` in it is written as its
    texts (the sync client's batches: ``store.syncing.SentChanges``)."""
    return _text(obj).encode("utf-8")


def _text(obj: Any) -> str:
    if isinstance(obj, EncodedList):  # canonical texts already: written as they are
        return "[" + ",".join(obj.texts) + "]"
    if isinstance(obj, list | tuple) and len(obj) > SPLIT_LIST:
        step = max(SPLIT_LIST, 1)
        chunks = (_dump(list(obj[i : i + step]))[1:-1] for i in range(0, len(obj), step))
        return "[" + ",".join(chunks) + "]"
    if isinstance(obj, dict) and all(isinstance(k, str) for k in obj):
        return "{" + ",".join(_dump(k) + ":" + _text(obj[k]) for k in sorted(obj)) + "}"
    return _dump(obj)


class EncodedList:
    """A JSON list whose items are already canonical JSON texts, for the bundle writer.

    ``core.bundle`` writes them into the payload as they are (a USB export of 100,000 changes
    otherwise parsed and re-encoded every one: 1.5 s of 5). ``canonical_json`` refuses it (it is
    not a list), so it cannot leak anywhere that encodes with ``json``. ``decoded()`` gives the
    list itself.
    """

    __slots__ = ("texts",)

    def __init__(self, texts: list[str]):
        self.texts = texts

    def __len__(self) -> int:
        return len(self.texts)

    def __repr__(self) -> str:
        return f"EncodedList({len(self.texts)} items)"

    def __add__(self, other: EncodedList) -> EncodedList:
        return EncodedList(self.texts + other.texts)

    def decoded(self) -> list:
        """The items as Python values (one ``json.loads`` of the whole list)."""
        return json.loads("[" + ",".join(self.texts) + "]")

    def pieces(self, step: int):
        """Yield ``(bytes of items i..i+step joined by commas, count)`` in order."""
        for start in range(0, len(self.texts), step):
            part = self.texts[start : start + step]
            yield ",".join(part).encode("utf-8"), len(part)
