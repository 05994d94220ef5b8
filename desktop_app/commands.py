"""Headless subcommands beyond the basics: verification, reports, imports, sync, USB bundles."""

from __future__ import annotations

import json

from desktop_app.cli import EXIT_OK, command, register_commands
from desktop_app.core.records import VERIFICATION_METHODS, VERIFICATION_RESULTS


def _register(sub) -> None:
    v = sub.add_parser("verify", help="record an identity verification (police officer)")
    v.add_argument("person_id")
    v.add_argument("--method", required=True, choices=VERIFICATION_METHODS)
    v.add_argument("--result", required=True, choices=VERIFICATION_RESULTS)
    v.add_argument(
        "--mismatch",
        action="append",
        default=[],
        metavar="FIELD",
        help="a field that did not match (repeat for several)",
    )
    v.add_argument("--note", default="")


register_commands(_register)


@command("verify")
def _verify(args, ctx) -> int:
    store = ctx.open_store()
    try:
        record = store.record_verification(
            args.person_id, args.method, args.result, args.mismatch, note=args.note
        )
    finally:
        store.close()
    print(json.dumps({"id": record["id"], "person_id": args.person_id, "result": args.result}))
    return EXIT_OK
