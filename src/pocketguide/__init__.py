"""Pocket Guide: build an offline, installable harm-reduction guide from Markdown."""

__all__ = ["__version__"]

__version__ = "0.1.0"
