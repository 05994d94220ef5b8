"""Tận Tay — offline-first visits and payment-access records for community digital-technology teams."""

__version__ = "0.1.0"
