"""How well search answers what people type: the queries in ``tests/search/queries.yml``, run
through a built site's own search box in a browser, scored by the pages in the first three
results. Used by ``make bench`` (ours beside stock Material) and by the browser test.

The browser part drives a Playwright page handed in by the caller (``playwright`` is a test
and bench dependency, not a build one) and works with guide.js and with Material's own bundle:
both fill ``.md-search-result__list`` with one ``.md-search-result__item`` per page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

if TYPE_CHECKING:
    from pathlib import Path

TOP = 3
HOME = "/"
# Material's messages before any result: while the index loads, and for an empty box.
_WAITING = ("initializing", "type to start")
# Reads the first results' page addresses once the list has settled (the worker answers each
# typed character; the last answer wins).
_READ = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const links = [...document.querySelectorAll('.md-search-result__item')].map(
    (item) => { const a = item.querySelector('a'); return a ? a.href : ''; });
  return [meta ? meta.textContent.trim() : '', links];
}"""


@dataclass(frozen=True)
class Query:
    """One query and the pages any of which is a right answer."""

    text: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What the search box showed for one query."""

    query: Query
    results: tuple[str, ...]  # page addresses, best first

    @property
    def hit(self) -> bool:
        """True when a right page is among the first three results."""
        return any(page in self.query.pages for page in self.results[:TOP])


def load_queries(path: Path) -> list[Query]:
    """Read ``queries.yml``: ``queries: [{q: words, pages: [mixing/, ...]}, ...]``.

    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     file = Path(tmp) / "q.yml"
    ...     _ = file.write_text("queries:\\n  - {q: Xanax , pages: [mixing/, /]}\\n")
    ...     load_queries(file)
    [Query(text='Xanax', pages=('mixing/', '/'))]
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for entry in data["queries"]:
        pages = tuple(str(page) for page in entry["pages"])
        if not pages:
            msg = f"{path}: query {entry['q']!r} names no page"
            raise ValueError(msg)
        queries.append(Query(str(entry["q"]).strip(), pages))
    return queries


def page_of(href: str, base: str) -> str:
    """The page address of a result link, relative to the site's ``base`` URL ("/" for home).

    >>> page_of("http://127.0.0.1:8/guide/mixing/?h=xanax#benzos", "http://127.0.0.1:8/guide/")
    'mixing/'
    >>> page_of("http://127.0.0.1:8/guide/?h=signal", "http://127.0.0.1:8/guide/")
    '/'
    """
    path = urlsplit(href).path
    prefix = urlsplit(base).path
    rest = path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")
    rest = rest.removesuffix("index.html")
    return rest or HOME


def hit_rate(outcomes: list[Outcome]) -> float:
    """Share of queries with a right page in the first three results (0 to 1).

    >>> q = Query("k", ("law/",))
    >>> hit_rate([Outcome(q, ("mixing/", "law/")), Outcome(q, ("a/", "b/", "c/", "law/"))])
    0.5
    """
    return sum(o.hit for o in outcomes) / len(outcomes) if outcomes else 0.0


def search_results(page: Any, text: str, base: str, timeout: float = 20.0) -> tuple[str, ...]:
    """Type ``text`` into the open page's search box and return the result pages, best first,
    once the list has stayed the same for a moment."""
    box = page.locator("[data-md-component=search-query]")
    deadline = time.monotonic() + timeout
    box.fill("")
    box.press("End")  # Material's bundle reads the box on keyup, guide.js on input
    while page.evaluate(_READ)[1] and time.monotonic() < deadline:
        time.sleep(0.02)  # the last query's results are gone: what follows is this one's
    box.fill(text)
    box.press("End")
    last: Any = None
    same = 0
    while time.monotonic() < deadline:
        meta, links = page.evaluate(_READ)
        state = (meta, tuple(links))
        settled = meta and not meta.lower().startswith(_WAITING)
        if state == last and settled:
            same += 1
            if same >= 4:
                return tuple(page_of(link, base) for link in links)
        else:
            same = 0
        last = state
        time.sleep(0.05)
    msg = f"search for {text!r} did not settle in {timeout:.0f} s (last: {last!r})"
    raise TimeoutError(msg)


def run_queries(page: Any, queries: list[Query], base: str) -> list[Outcome]:
    """Run every query in the page's search (opened first) and return what it showed."""
    page.locator("[data-md-component=search-query]").focus()
    return [Outcome(query, search_results(page, query.text, base)) for query in queries]


def report(outcomes: list[Outcome]) -> list[str]:
    """One line per miss: the query, the pages that answer it, what came first.

    >>> q = Query("xanax", ("mixing/",))
    >>> report([Outcome(q, ("sources/", "about/"))])
    ['miss: "xanax" wants mixing/; got sources/, about/']
    """
    return [
        f'miss: "{o.query.text}" wants {" or ".join(o.query.pages)}; got '
        + (", ".join(o.results[:TOP]) or "nothing")
        for o in outcomes
        if not o.hit
    ]
