"""Checks that editors can trust: links on the built site, content in ``docs/``.

``run_link_checks`` and ``run_content_checks`` are what ``make site`` calls; the scripts
``scripts/check_links.py`` and ``scripts/check_content.py`` are thin command lines over them.
"""

from __future__ import annotations

from pocketguide.validators.config import CheckConfig, load_check_config
from pocketguide.validators.links import run_link_checks

__all__ = ["CheckConfig", "load_check_config", "run_link_checks"]
