"""Text from people and laptops stays text in every spreadsheet the project writes.

A spreadsheet takes a cell starting with "=" (and, typed in or read from CSV, "+", "-", "@", a
tab or a carriage return) for a formula: a laptop enrolled as '=HYPERLINK("http://…")' became a
live link in the city admin's device list (issue 14, tryout). openpyxl stores any string that
starts with "=" as a formula and "#N/A"-like strings as errors, and refuses control characters
outright, so:

- ``sheet_text`` drops the characters a worksheet cannot hold (a bell in a laptop's name would
  otherwise fail the whole export);
- ``keep_text`` runs over a built workbook just before it is saved and makes every such string a
  text cell again, marked with Excel's "quote prefix" so editing the cell keeps it text;
- ``csv_text`` follows OWASP's CSV-injection advice (a leading apostrophe; write with
  ``csv.QUOTE_ALL``), since CSV has no cell types.

The project writes no formulas on purpose; one added later must be set after ``keep_text``.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
# what openpyxl refuses in a cell (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE)
_NOT_IN_SHEETS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_text(text: str) -> str:
    """``text`` without the control characters a worksheet cannot hold."""
    return _NOT_IN_SHEETS.sub("", text)


def keep_text(book: Any) -> None:
    """Every string in the openpyxl workbook ``book`` a text cell, whatever it starts with."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                if cell.data_type != "s":  # "f" (formula) or "e" (error) made from text
                    cell.data_type = "s"
                if value.startswith(FORMULA_LEADS):
                    cell.quotePrefix = True


def csv_text(value: Any) -> Any:
    """A CSV field that no spreadsheet runs: text starting like a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value
