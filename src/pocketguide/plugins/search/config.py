"""Options of the ``pocketguide/search`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    """Options of the ``pocketguide/search`` plugin."""

    enabled = c.Type(bool, default=True)
    """Rewrite ``search/search_index.json`` after Material's search plugin has written it.
    Off: Material's index as it is."""

    synonyms = c.Optional(c.Type(str))
    """The synonyms file, relative to ``docs/`` (``groups:``, a list of lists of names that
    should find each other). Default: ``data/synonyms.yml`` when it exists. A file named here
    must exist."""

    mixing_data = c.Type(str, default="data/mixing.yml")
    """The mixing data, relative to ``docs/``: each substance's ``name``, ``short`` and
    ``also_called`` find each other too. Read only when the file exists."""

    lang = c.Optional(c.Type(str))
    """The language words are stemmed in (a lunr-languages code: ``en``, ``es``…). Default:
    the first language of Material's search plugin, else ``theme.language``."""
