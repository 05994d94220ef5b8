"""The main window's header at large text: its labels wrap only when one line each does not fit.

A word-wrapped QLabel asks for less than its one-line width even when there is room (the demo
badge broke in two at 100 %), and a label that never wraps made the header wider than a 1280-pixel
screen at 150–175 % (texts overlapped). So the labels wrap exactly when the header, measured with
every label on one line, is wider than it is.
"""

from __future__ import annotations

from desktop_app.ui.qt import QEvent, QLabel, QObject, QWidget


class HeaderWrap(QObject):
    """Watches `header`; turns word wrap of `labels` on when they do not fit on one line each."""

    def __init__(self, header: QWidget, labels: list[QLabel]):
        super().__init__(header)
        self.header = header
        self.labels = labels
        self._width = -1
        self._fitting = False
        header.installEventFilter(self)

    @property
    def wrapping(self) -> bool:
        """True when the labels are allowed to wrap now."""
        return any(label.wordWrap() for label in self.labels)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Refit when the header's width or its text size changes."""
        kind = event.type()
        watched_kinds = (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        )
        if watched is not self.header or kind not in watched_kinds:
            return False
        if kind != QEvent.Type.Resize or self.header.width() != self._width:
            self.refit()
        return False

    def refit(self) -> None:
        """Measure the header with one-line labels; wrap them only if that is too wide."""
        layout = self.header.layout()
        if self._fitting or layout is None:
            return
        self._fitting = True
        try:
            self._width = self.header.width()
            for label in self.labels:
                label.setWordWrap(False)
            need = layout.minimumSize().width()
            if need > self._width:
                for label in self.labels:
                    label.setWordWrap(True)
        finally:
            self._fitting = False
