"""Options of the ``pocketguide/csp`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError

from .policy import allow_problem


class CspConfig(Config):
    """Options of the ``pocketguide/csp`` plugin."""

    enabled = c.Type(bool, default=True)
    """Put a Content-Security-Policy ``<meta>`` in every page. Off under ``mkdocs serve``
    (its live-reload script is inline and added after the build)."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns, relative to the site root, of HTML files left without the policy.
    Pages that already declare a policy (the single-file edition) are always left alone."""

    allow = c.DictOfItems(c.ListOfItems(c.Type(str)), default={})
    """Extra sources per directive, added to the policy, e.g. ``img-src:
    [https://img.example.org]``. Any fetch directive but ``default-src``; never
    ``'unsafe-inline'``, ``'unsafe-eval'``, ``'strict-dynamic'`` or ``*``. A page that loads
    from another origin is not private and does not work offline: prefer copying the file
    into ``docs/``."""

    style_attributes = c.Choice(("hash", "block"), default="hash")
    """``style=`` attributes (Markdown's table alignment, icon SVGs): ``hash`` allows each one
    the build wrote by its SHA-256 (``'unsafe-hashes'``, CSP Level 3); ``block`` leaves them
    out of the policy, and the build warns about each one."""

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """Check each ``allow`` entry: a directive the policy can widen, sources that are safe."""
        failed, warnings = super().validate()
        for directive, sources in (self.allow or {}).items():
            problem = allow_problem(directive, sources)
            if problem:
                failed.append(("allow", ValidationError(f"{directive}: {problem}")))
        return failed, warnings
