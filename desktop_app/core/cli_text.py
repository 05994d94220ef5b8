"""Command-line help in Vietnamese (the default) or English, for the laptop's and the server's
command lines.

A parser is built with short English help; ``localize_parser`` walks the finished parser and
gives every command and option its explanation in the chosen language from a table keyed by
command path and option (``(path, None)`` is a command's own entry; ``("*", option)`` an option
several commands share), plus examples in each epilog. ``undocumented`` lists what has none.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

Texts = dict[tuple[str, str | None], tuple[str, str]]

# argparse's own words
_ARGPARSE_VI = {
    "usage: ": "cách dùng: ",
    "options": "tuỳ chọn",
    "positional arguments": "tham số",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
}


def early_lang(argv: list[str] | None) -> str:
    """The language asked for before the parser exists: --lang, else TANTAY_LANG, else vi."""
    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "vi"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "vi"
    return "en" if os.environ.get("TANTAY_LANG") == "en" else "vi"


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


class _VietnameseFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's "usage:" in Vietnamese."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: D102
        return super().add_usage(usage, actions, groups, prefix or "cách dùng: ")


def localize_parser(
    parser: argparse.ArgumentParser,
    lang: str,
    texts: Texts,
    examples: dict[str, tuple[str, str]],
    path: str = "",
) -> None:
    """Give every command and option of ``parser`` its help in ``lang``, with examples."""
    parser.formatter_class = (
        argparse.RawDescriptionHelpFormatter if lang == "en" else _VietnameseFormatter
    )
    own = texts.get((path, None))
    if own:
        parser.description = _pick(own, lang)
    if path in examples:
        parser.epilog = _pick(examples[path], lang)
    for group in parser._action_groups:
        if lang == "vi" and group.title in _ARGPARSE_VI:
            group.title = _ARGPARSE_VI[group.title]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            action.help = "lệnh con" if lang == "vi" else "subcommand"
            helps = {a.dest: a for a in action._choices_actions}
            for name, sub in action.choices.items():
                sub_path = f"{path} {name}".strip()
                entry = texts.get((sub_path, None))
                if entry and name in helps:
                    helps[name].help = _pick(entry, lang)
                localize_parser(sub, lang, texts, examples, sub_path)
            continue
        key = action.option_strings[0] if action.option_strings else action.dest
        entry = texts.get((path, key)) or texts.get(("", key) if key == "-h" else ("*", key))
        if entry:
            action.help = _pick(entry, lang)


def help_keys(parser: argparse.ArgumentParser, path: str = ""):
    """Every command and option of ``parser`` as the help tables key them: ``(path, None)`` for a
    command, ``(path, option)`` for an option (for the tests that every one has its words)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (f"{path} {name}".strip(), None)
                yield from help_keys(sub, f"{path} {name}".strip())
        elif "-h" not in action.option_strings:
            yield (path, action.option_strings[0] if action.option_strings else action.dest)


def undocumented(parser: argparse.ArgumentParser, path: str = "") -> list[str]:
    """Commands and options with no explanation at all (for the test)."""
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                if not helps.get(name):
                    out.append(f"{path} {name}".strip())
                out += undocumented(sub, f"{path} {name}".strip())
        elif not action.help:
            key = action.option_strings[0] if action.option_strings else action.dest
            out.append(f"{path} {key}".strip())
    return out


# argparse's own error messages (Python 3.11–3.13), first match wins; an option's own message
# (a ``type=`` check) is already in both languages and is kept after "tham số X:".
_ARGPARSE_ERRORS_VI = tuple(
    (re.compile(pattern, re.S), vi)
    for pattern, vi in (
        (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
        (r"unrecognized arguments: (.*)", r"không hiểu tham số: \1"),
        (r"one of the arguments (.*) is required", r"cần một trong các tham số: \1"),
        (r"ambiguous option: (\S+) could match (.*)", r"tuỳ chọn \1 chưa rõ, có thể là: \2"),
        (
            r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
            r"tham số \1: không có lựa chọn \2 (chọn một trong: \3)",
        ),
        (r"argument (\S+): expected one argument", r"tham số \1: cần một giá trị"),
        (r"argument (\S+): expected at least one argument", r"tham số \1: cần ít nhất một giá trị"),
        (r"argument (\S+): expected (.*) arguments?", r"tham số \1: cần \2 giá trị"),
        (r"argument (\S+): invalid \w+ value: (.*)", r"tham số \1: giá trị không hợp lệ: \2"),
        (r"argument (\S+): not allowed with argument (.*)", r"tham số \1: không dùng cùng \2"),
        (r"argument (\S+): ignored explicit argument (.*)", r"tham số \1: không nhận giá trị \2"),
        (r"argument (\S+): (.*)", r"tham số \1: \2"),
    )
)


def argparse_vi(text: str) -> str:
    """argparse's fixed English words in a usage or error line, in Vietnamese."""
    for pattern, vi in _ARGPARSE_ERRORS_VI:
        if pattern.fullmatch(text):
            return pattern.sub(vi, text, count=1)
    for en, vi in _ARGPARSE_VI.items():
        text = text.replace(en, vi)
    return text


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line in the chosen language (``lang``, set by the program's main from
    --lang or TANTAY_LANG before parsing) with the way to the help, exit code 2. Subcommands'
    parsers are of the same class (argparse's default)."""

    lang = "vi"

    def error(self, message: str):  # noqa: D102
        # an option's own check says "English / tiếng Việt": only the chosen half
        head, sep, said = message.partition(": ")
        if sep and head.startswith("argument ") and " / " in said:
            english, _, vietnamese = said.rpartition(" / ")
            message = f"{head}: {english if self.lang == 'en' else vietnamese}"
        if self.lang == "en":
            self.exit(2, f"{self.prog}: invalid command: {message} (see: {self.prog} --help)\n")
        self.exit(
            2, f"{self.prog}: lệnh không hợp lệ: {argparse_vi(message)} (xem: {self.prog} --help)\n"
        )


def count_en(n: int, singular: str, plural: str | None = None) -> str:
    """``1 change``, ``2 changes``: a count and its English noun (Vietnamese nouns do not change;
    the eighteenth tryout read "1 changes" and "1 people")."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
