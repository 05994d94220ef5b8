"""Pure-Python domain core: no Qt, no SQL."""
