"""The city's web dashboard (issue 14): pages, accounts, charts and exports served by city_server.

``mount(app, storage)`` (routes.py) adds the pages under ``/`` to the API's FastAPI app. The figures
come from ``desktop_app.core.payment_metrics`` (the laptop's own code) through the metric cells of
``desktop_app.core.metrics_cells``, kept up to date by ``cells.refresh`` after batches are applied.
This module imports nothing heavy: ``city_server.apply`` imports ``cells.marks_for`` from here.
"""
