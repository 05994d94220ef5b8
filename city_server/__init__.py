"""Tận Tay reference city intake server: receives batches from laptops, answers signed receipts.

Imports only ``desktop_app.core``. Entry points: ``city_server.app.create_app`` (HTTP),
``city_server.apply.apply_batch`` (pushed batches and USB bundles), ``python -m city_server`` (CLI).
"""
