"""The shape of a built site: where it lives on the web, and which Markdown made each page.

Read from ``mkdocs.yml`` without running MkDocs: ``site_url`` (a sub-path such as
``/guide/`` changes what absolute links must start with), ``use_directory_urls`` and
``docs_dir``. Pages map back to their Markdown source with MkDocs' own naming rule.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from pocketguide import buildinfo
from pocketguide.findings import Finding
from pocketguide.sitelayout import SiteLayout, page_for_source

if TYPE_CHECKING:
    from pathlib import Path


class _MkDocsLoader(yaml.SafeLoader):
    """SafeLoader that reads ``!ENV`` like MkDocs and tolerates any other tag."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        names, default = [str(v) for v in values[:-1]], values[-1] if values else None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    del loader, suffix, node
    return None


_MkDocsLoader.add_constructor("!ENV", _env)
_MkDocsLoader.add_multi_constructor("", _any_tag)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_mkdocs_config(config_file: Path) -> tuple[dict[str, Any], list[Finding]]:
    """Return the parsed ``mkdocs.yml`` (``!ENV`` resolved), or an empty dict and a finding."""
    try:
        loaded = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_MkDocsLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        message = f"cannot read the MkDocs configuration: {exc}".splitlines()[0]
        return {}, [Finding(str(config_file), 0, 0, "LNK040", message, "fix mkdocs.yml")]
    return (loaded if isinstance(loaded, dict) else {}), []


def load_layout(
    site_dir: Path, docs_dir: Path, config_file: Path
) -> tuple[SiteLayout, list[Finding]]:
    """Return the layout of ``site_dir`` built from ``docs_dir`` with ``config_file``.

    The build manifest, when the site has one, says where the site lives and which Markdown
    made each page (:mod:`pocketguide.buildinfo`); else ``mkdocs.yml`` is read and MkDocs'
    naming rule applied to ``docs_dir``.
    """
    info = buildinfo.read(site_dir)
    if info is not None and info.pages is not None:
        layout = SiteLayout(
            site_dir=site_dir,
            docs_dir=docs_dir,
            site_url=_with_slash(info.site_url),
            base_path=info.base_path,
            use_directory_urls=info.use_directory_urls,
            sources={page: docs_dir / src for page, src in info.pages.items()},
        )
        return layout, []
    config, problems = read_mkdocs_config(config_file)
    site_url = str(config.get("site_url") or "")
    base = urlsplit(site_url).path or "/"
    if not base.endswith("/"):
        base += "/"
    directory_urls = config.get("use_directory_urls", True) is not False
    layout = SiteLayout(
        site_dir=site_dir,
        docs_dir=docs_dir,
        site_url=_with_slash(site_url),
        base_path=base,
        use_directory_urls=directory_urls,
        sources=source_map(docs_dir, use_directory_urls=directory_urls),
    )
    return layout, problems


def _with_slash(url: str) -> str:
    return url if url.endswith("/") or not url else url + "/"


def source_map(docs_dir: Path, *, use_directory_urls: bool) -> dict[str, Path]:
    """Map each page MkDocs would build from ``docs_dir`` to its Markdown file."""
    pages: dict[str, Path] = {}
    for md in sorted(docs_dir.rglob("*.md")):
        rel = md.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        page = page_for_source(rel, use_directory_urls=use_directory_urls)
        # index.md wins over README.md, as in MkDocs.
        if page not in pages or md.stem == "index":
            pages[page] = md
    return pages


def list_files(site_dir: Path) -> set[str]:
    """Return every file under ``site_dir`` as a site-relative posix path."""
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
