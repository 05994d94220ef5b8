"""Maintain the translation sources.

    python tools/i18n.py update   # lupdate over desktop_app/ui, then apply fragments
    python tools/i18n.py check    # list Vietnamese strings still untranslated (exit 1 if any)

Vietnamese is the default language; the code's source strings are English. Translations live in
``resources/i18n/tantay_vi.ts`` (edit with Qt Linguist or by hand). While a feature is being built,
its Vietnamese strings may be kept in ``resources/i18n/fragments/*.json`` ({"context|source" or
"source": "bản dịch"}); ``update`` writes them into the .ts and removes the applied fragment files.
``tantay_en.ts`` holds the same entries, translated to themselves, so that English is complete too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
FRAGMENTS = I18N / "fragments"
LANGS = ("vi", "en")


def _lupdate() -> str:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return str(exe) if exe.exists() else "pyside6-lupdate"


def sources() -> list[str]:
    """The Python files whose tr() strings are translated."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop_app" / "ui").rglob("*.py"))


def run_lupdate() -> None:
    """Refresh both .ts files from the sources (existing translations are kept)."""
    for lang in LANGS:
        ts = I18N / f"tantay_{lang}.ts"
        subprocess.run(
            [
                _lupdate(),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                "-target-language",
                "vi_VN" if lang == "vi" else "en_GB",
                *sources(),
                "-ts",
                str(ts),
            ],
            cwd=ROOT,
            check=True,
        )


def _load_fragments() -> tuple[dict[str, str], list[Path]]:
    merged: dict[str, str] = {}
    files = sorted(FRAGMENTS.glob("*.json")) if FRAGMENTS.exists() else []
    for f in files:
        merged.update(json.loads(f.read_text(encoding="utf-8")))
    return merged, files


def english_numerus(source: str) -> tuple[str, str]:
    """English's two forms of a ``%n`` source: "%n household(s)" → "%Ln household",
    "%Ln households" (the number with the language's thousands separator, as Vietnamese has it;
    "entr(y|ies)" picks a word's two spellings)."""
    source = source.replace("%n", "%Ln")
    one = re.sub(r"\((\w*)\|(\w*)\)", r"\1", re.sub(r"\((s|es)\)", "", source))
    many = re.sub(r"\((\w*)\|(\w*)\)", r"\2", re.sub(r"\((s|es)\)", r"\1", source))
    return one, many


def apply(lang: str, fragments: dict[str, str]) -> list[tuple[str, str]]:
    """Fill translations; returns the (context, source) pairs still unfinished."""
    ts = I18N / f"tantay_{lang}.ts"
    tree = ET.parse(ts)
    missing = []
    for context in tree.getroot().iter("context"):
        ctx_name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            if tr is None:
                tr = ET.SubElement(message, "translation")
            if lang == "en":
                if message.get("numerus") == "yes":
                    for nf in list(tr):
                        tr.remove(nf)
                    for form in english_numerus(source):
                        ET.SubElement(tr, "numerusform").text = form
                else:
                    tr.text = source
                tr.attrib.pop("type", None)
                continue
            text = fragments.get(f"{ctx_name}|{source}", fragments.get(source))
            if text is not None:
                if message.get("numerus") == "yes":
                    for nf in list(tr):
                        tr.remove(nf)
                    ET.SubElement(tr, "numerusform").text = text
                else:
                    tr.text = text
                tr.attrib.pop("type", None)
            if tr.get("type") == "unfinished" or not (tr.text or len(tr)):
                missing.append((ctx_name, source))
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        run_lupdate()
        fragments, files = _load_fragments()
        apply("en", {})
        missing = apply("vi", fragments)
        for f in files:
            f.unlink()
        for ctx, src in missing:
            print(f"untranslated: {ctx}: {src}")
        return 0
    if argv[:1] == ["check"]:
        fragments, _ = _load_fragments()
        missing = apply("vi", fragments)
        for ctx, src in missing:
            print(f"untranslated: {ctx}: {src}")
        return 1 if missing else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
