"""The Qt Widgets GUI: the only package that imports PySide6 (through ``desktop_app.ui.qt``)."""
