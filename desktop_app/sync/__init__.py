"""Sync with the city server: HTTP client and USB bundles (no Qt)."""
