"""Which language a page is written in, from its file name (mkdocs-static-i18n's suffix layout).

The Spanish version of ``docs/X.md`` is ``docs/X.es.md``: a page named ``X.<lang>.md``, where
``<lang>`` is a language code Babel knows (``es``, ``fr``, ``pt_BR``), is in that language; any
other page is in the default language (``default_language`` in the checks settings, ``en``
unless set). With the ``languages`` setting, only the codes listed there count, so a page
named ``notes.fr.md`` stays a default-language page in a guide that lists only ``es``. A page
named with the default language's own code (``X.en.md``) is the default-language page ``X.md``,
as mkdocs-static-i18n reads it.

The language decides which word rules and which reading measure apply: English rules never
run on Spanish text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError

_SUFFIX = re.compile(r"^(?P<base>.+)\.(?P<lang>[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?)\.md$")


@dataclass(frozen=True)
class PageLanguage:
    """A page's language and the path of the default-language page it translates.

    ``base`` is the path inside ``docs/`` of the default-language page (``emergency.md`` for
    ``emergency.es.md``, the page itself for a default-language page); ``translation`` says
    whether the page is a translation (it has a language suffix).
    """

    language: str
    base: str
    translation: bool


@lru_cache(maxsize=64)
def is_language(code: str) -> bool:
    """Whether Babel knows ``code`` as a language (``es``, ``pt_BR``; not ``min`` or ``old``)."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def page_language(rel: str, default: str = "en", languages: tuple[str, ...] = ()) -> PageLanguage:
    """Return the language of the page at ``rel`` (a posix path inside ``docs/``).

    >>> page_language("help/emergency.es.md")
    PageLanguage(language='es', base='help/emergency.md', translation=True)
    >>> page_language("emergency.md")
    PageLanguage(language='en', base='emergency.md', translation=False)
    >>> page_language("notes.old.md").language
    'en'
    """
    match = _SUFFIX.match(rel)
    if match:
        code = match.group("lang")
        base = f"{match.group('base')}.md"
        if code == default:  # X.en.md: the default language's page, named with its code
            return PageLanguage(default, base, translation=False)
        if code in languages if languages else is_language(code):
            return PageLanguage(code, base, translation=True)
    return PageLanguage(default, rel, translation=False)


def primary(language: str) -> str:
    """Return the language without its region (``pt`` for ``pt_BR``), lower-case."""
    return re.split(r"[_-]", language, maxsplit=1)[0].lower()


@lru_cache(maxsize=64)
def language_name(code: str) -> str:
    """Return the English name of a language code (``Spanish`` for ``es``), else the code."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    return name or code
