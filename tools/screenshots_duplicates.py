"""Screenshots of the Sync page's status, held-back and duplicates cards and of the merge dialog.

    .venv/bin/python tools/screenshots_duplicates.py docs/screenshots      # Vietnamese
    .venv/bin/python tools/screenshots_duplicates.py /tmp/shots-en en      # English, to look at

Made-up data: a small demo commune, the same grandmother registered by two laptops, one change
the server refused and one received change whose household has not arrived. 1366×768 at 150 %
text, as the other screenshots (docs/DEVELOPING.md).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.core.ids import new_id  # noqa: E402
from desktop_app.store.demo import create_demo_store, fill_demo_data  # noqa: E402
from desktop_app.store.store import Store  # noqa: E402
from desktop_app.store.sync_access import for_sync  # noqa: E402
from desktop_app.ui import i18n  # noqa: E402
from desktop_app.ui.app import (  # noqa: E402
    SCREEN_SIZE,
    _grab_with_dialogs,
    _process,
    _settle,
    make_application,
)
from desktop_app.ui.fonts import missing_glyph_report  # noqa: E402
from desktop_app.ui.login import open_and_assign  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402
from desktop_app.ui.ops import Ops, install_thread_guard  # noqa: E402
from desktop_app.ui.prefs import Prefs  # noqa: E402
from desktop_app.ui.qt import QRect  # noqa: E402
from desktop_app.ui.screen_fit import fit_into_screen  # noqa: E402
from desktop_app.ui.style import apply_style  # noqa: E402

PASSWORD = "demo1234"


def made_up_data(data_dir: Path) -> None:
    """A demo commune with look-alikes and held-back changes."""
    create_demo_store(data_dir).close()
    store = Store.open(data_dir, "lead", PASSWORD)
    try:
        fill_demo_data(store, 40, seed=11)
        village = store.list_villages()[0]["id"]
        for address, name, person in (
            ("Số 5 ngõ 2 Hàng Bạc", "Nguyễn Thị Hoà", {"phones": ["0912345678"]}),
            (
                "Số 17 ngõ 2 Hàng Bạc",
                "Nguyen Thi Hoa",
                {"notes": "Bị liệt, cần người rút tiền hộ", "birth_date": "1941-03-12"},
            ),
        ):
            store.add_household(
                {"address": address, "village_id": village},
                {"full_name": name, "birth_year": 1941, "sex": "female", **person},
            )
        # one house, two households headed by a father and his son of the same name
        for born in (1952, 1979):
            store.add_household(
                {"address": "Cạnh chùa Vua, ngõ Hàng Chĩnh", "village_id": village},
                {"full_name": "Lê Văn Tám", "birth_year": born, "sex": "male"},
            )
        # a change the server refused
        store.db.execute(
            "UPDATE outbox SET state = 'quarantined', error = 'invalid_citizen_id' WHERE seq ="
            " (SELECT MIN(seq) FROM outbox WHERE entity = 'person' AND state = 'pending')"
        )
        # a change from another laptop whose household has not arrived yet
        for_sync(store)
        template = next(
            e["change"]
            for e in store.outbox_entries(limit=5000)
            if e["change"]["entity"] == "person"
        )
        store.apply_incoming(
            [
                {
                    **template,
                    "id": new_id(),
                    "version": 1,
                    "base_version": 0,
                    "origin_device": "may-to-2",
                    "updated_by": "to_vien_2",
                    "updated_at": datetime.now(UTC).isoformat(),
                    "fields": {
                        **template["fields"],
                        "household_id": new_id(),
                        "full_name": "Đỗ Văn Khải",
                        "citizen_id": None,
                    },
                }
            ]
        )
    finally:
        store.close()


def main(folder: Path, lang: str = "vi") -> int:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        made_up_data(data_dir)  # before the GUI: the thread guard would refuse it after
        app = make_application()
        install_thread_guard()
        i18n.install(lang)
        apply_style(app, 150)
        ops = Ops(lang=lambda: lang)
        box: dict = {}
        ops.run(
            lambda _s: open_and_assign(ops, data_dir, "lead", PASSWORD),
            lambda s: box.setdefault("session", s),
            lambda e: box.setdefault("error", e),
        )
        while not box:
            _process(50)
        if "error" in box:
            raise box["error"]
        window = MainWindow(ops, box["session"], Prefs(), data_dir)
        window.sync_worker.auto_sync = False
        window.resize(*SCREEN_SIZE)
        window.show()
        window.activate()
        window.show_page("sync")
        view = window.pages["sync"]
        _settle(window.busy, 1500)
        folder.mkdir(parents=True, exist_ok=True)
        # "On this laptop" and the start of "Held back"
        view.scroll.verticalScrollBar().setValue(view.summary.y() - 12)
        _process(300)
        _save(window, folder / "22-sync-status.png", [])
        # held back and possible duplicates
        bottom = view.duplicates.y() + view.duplicates.height() + 12
        view.scroll.verticalScrollBar().setValue(bottom - view.scroll.viewport().height())
        _process(300)
        _save(window, folder / "20-sync-duplicates.png", [])
        view.duplicates.select_candidate(0)
        dialog = view.duplicates.open_selected()
        fit_into_screen(dialog, QRect(0, 0, *SCREEN_SIZE))
        _process(500)
        _save(window, folder / "21-merge.png", [dialog])
        dialog.reject()
        if os.environ.get("TANTAY_SHOT_HOUSEHOLD"):  # to look at, not for the guide
            view.duplicates.select_candidate(1)
            dialog = view.duplicates.open_selected()
            fit_into_screen(dialog, QRect(0, 0, *SCREEN_SIZE))
            _process(500)
            _save(window, folder / "23-merge-household.png", [dialog])
        dialog.reject()
        window.close()
        window.shutdown()
    return 0


def _save(widget, path: Path, dialogs) -> None:
    boxes = missing_glyph_report([widget, *dialogs])
    if boxes:
        raise RuntimeError(f"{path.name} shows missing glyphs:\n  " + "\n  ".join(boxes[:20]))
    if not _grab_with_dialogs(widget, dialogs).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    print(path)


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(Path(args[0] if args else "docs/screenshots"), *args[1:2]))
