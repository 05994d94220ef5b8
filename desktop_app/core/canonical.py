"""Canonical JSON used wherever bytes are hashed or signed."""

import json
from typing import Any

# one encoder (json.dumps with these options would build a new one on every call)
_dump = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode

# A list longer than this is written this many items at a time (the same bytes): json.dumps holds the
# interpreter for the whole call, ~3-10 ms for a batch of 500 changes, and the GUI thread waited
# that long for each of its own steps while a sync ran (issue 17, search_during_sync).
SPLIT_LIST = 64


def canonical_json(obj: Any) -> bytes:
    """Serialise ``obj`` deterministically (sorted keys, no spaces, UTF-8)."""
    return _text(obj).encode("utf-8")


def _text(obj: Any) -> str:
    if isinstance(obj, list | tuple) and len(obj) > SPLIT_LIST:
        step = max(SPLIT_LIST, 1)
        chunks = (_dump(list(obj[i : i + step]))[1:-1] for i in range(0, len(obj), step))
        return "[" + ",".join(chunks) + "]"
    if isinstance(obj, dict) and all(isinstance(k, str) for k in obj) and _holds_long_list(obj):
        return "{" + ",".join(_dump(k) + ":" + _text(obj[k]) for k in sorted(obj)) + "}"
    return _dump(obj)


def _holds_long_list(obj: dict) -> bool:
    for value in obj.values():
        if isinstance(value, list | tuple) and len(value) > SPLIT_LIST:
            return True
        if isinstance(value, dict) and _holds_long_list(value):
            return True
    return False
