"""The user guide: shipped with the app (``resources/help/guide_vi.html`` and ``guide_en.html``),
readable offline, in the language the app is in, with the app's own screenshots.

F1 and Help → "User guide" open it; on a page, F1 opens that page's section (``PAGE_SECTIONS``).
The window is not modal, so the guide can stay open beside the work.
"""

from __future__ import annotations

import re

from desktop_app.paths import RESOURCES
from desktop_app.ui.qt import (
    QDialog,
    QEvent,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    Qt,
    QTextBrowser,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from desktop_app.ui.widgets import current_lang

HELP_DIR = RESOURCES / "help"

# Sections of the guide, in order: anchor → nothing (titles come from the guide's own <h2>).
SECTIONS = (
    "start",
    "households",
    "visit",
    "follow-ups",
    "payments",
    "report",
    "verification",
    "sync",
    "backup",
    "settings",
    "problems",
)
# Which section F1 opens on each page of the main window.
PAGE_SECTIONS = {
    "households": "households",
    "household": "visit",
    "follow_ups": "follow-ups",
    "payments": "payments",
    "verification": "verification",
    "reports": "report",
    "sync": "sync",
    "settings": "settings",
}


def section_titles(html: str) -> list[tuple[str, str]]:
    """(anchor, title) of each section of the guide, in order."""
    found = _SECTION.findall(html)
    return [(a, re.sub(r"<[^>]+>", "", t).strip()) for a, t in found]


_SECTION = re.compile(r'<h2><a name="([a-z-]+)"></a>(.*?)</h2>', re.S)


def guide_path(lang: str):
    """The guide's HTML file for ``lang`` (Vietnamese when there is none for it)."""
    path = HELP_DIR / f"guide_{lang}.html"
    return path if path.exists() else HELP_DIR / "guide_vi.html"


class HelpWindow(QDialog):
    """The guide: contents on the left, the text on the right."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setModal(False)
        self.contents = QListWidget(self)
        self.contents.setObjectName("helpContents")
        self.contents.setFixedWidth(260)
        self.contents.setWordWrap(True)  # long section titles wrap, never scroll sideways
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.itemActivated.connect(self._contents_chosen)
        self.contents.itemClicked.connect(self._contents_chosen)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(HELP_DIR)])
        row = QHBoxLayout()
        row.addWidget(self.contents)
        row.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(row)
        self._lang = ""
        self.resize(1000, 680)
        self.load()

    def load(self) -> None:
        """Read the guide in the current language (again after a language switch)."""
        lang = current_lang()
        if lang == self._lang:
            return
        self._lang = lang
        self.setWindowTitle(self.tr("Tận Tay — User guide"))
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path(lang))))
        self._fill_contents()

    def _fill_contents(self) -> None:
        """One entry per section, titled as in the guide (``<h2><a name="…"></a>Title</h2>``)."""
        self.contents.clear()
        text = guide_path(self._lang).read_text(encoding="utf-8")
        for anchor, title in section_titles(text):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, anchor)
            self.contents.addItem(item)

    def show_section(self, anchor: str | None) -> None:
        """Scroll to a section and select it in the contents."""
        self.load()
        if anchor:
            self.browser.scrollToAnchor(anchor)
            for row in range(self.contents.count()):
                if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == anchor:
                    self.contents.setCurrentRow(row)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def _contents_chosen(self, item: QListWidgetItem) -> None:
        self.browser.scrollToAnchor(item.data(Qt.ItemDataRole.UserRole))

    def changeEvent(self, event: QEvent) -> None:
        """Reload in the new language when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._lang = ""
            if self.isVisible():
                self.load()
        super().changeEvent(event)
