"""Checks that editors can trust: links on the built site, content in ``docs/``.

``run_link_checks`` and ``run_content_checks`` are what ``make site`` calls; the scripts
``scripts/check_links.py`` and ``scripts/check_content.py`` are thin command lines over them.
"""

from __future__ import annotations

from pocketguide.validators.config import CheckConfig, load_check_config
from pocketguide.validators.content import run_content_checks
from pocketguide.validators.links import run_link_checks
from pocketguide.validators.privacy import scan_site as find_external_resources

__all__ = [
    "CheckConfig",
    "find_external_resources",
    "load_check_config",
    "run_content_checks",
    "run_link_checks",
]
