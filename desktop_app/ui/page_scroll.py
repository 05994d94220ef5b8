"""Pages that scroll when their content is taller than the window (large text on a 720-pixel
screen) instead of squeezing their table to a row or overlapping their texts."""

from __future__ import annotations

from desktop_app.ui.qt import (
    QAbstractItemView,
    QBoxLayout,
    QEvent,
    QFrame,
    QObject,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
)


def scrolled_page(page: QWidget) -> QVBoxLayout:
    """Give `page` a vertical scroll area filling it; returns the layout to put the page's
    content in. The content keeps the whole width (no sideways scrolling) and fills the height
    when there is room, so a stretching table still grows with the window."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea(page)
    scroll.setObjectName("pageScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content = QWidget(scroll)
    content.setObjectName("pageContent")
    scroll.setWidget(content)
    outer.addWidget(scroll)
    return QVBoxLayout(content)


def min_rows_height(view: QAbstractItemView, rows: int) -> int:
    """The height a table needs to show its header, `rows` rows and a sideways scroll bar."""
    row = max(view.fontMetrics().height() + 10, 26)
    header = getattr(view, "horizontalHeader", lambda: None)()
    top = header.sizeHint().height() if header is not None else 0
    bar = view.horizontalScrollBar().sizeHint().height()
    return top + rows * row + bar + 2 * view.frameWidth()


class StackWhenNarrow(QObject):
    """Lays `row`'s items side by side while `watched` (the scroll area's viewport) is wide
    enough for them, one under the other when it is not (a new household's two columns needed
    1,518 px at 175 % text: the dialog scrolled sideways on a 1280-pixel screen)."""

    def __init__(self, row: QBoxLayout, watched: QWidget):
        super().__init__(watched)
        self.row = row
        self.watched = watched
        watched.installEventFilter(self)

    def needed(self) -> int:
        """The width of the items side by side."""
        items = [self.row.itemAt(i) for i in range(self.row.count())]
        widths = [item.minimumSize().width() for item in items if not item.isEmpty()]
        return sum(widths) + self.row.spacing() * max(0, len(widths) - 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Choose the direction on every resize of the watched widget."""
        if watched is self.watched and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            beside = self.needed() <= self.watched.width()
            direction = (
                QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
            )
            if self.row.direction() != direction:
                self.row.setDirection(direction)
        return False
