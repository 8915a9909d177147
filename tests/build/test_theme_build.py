"""pocketguide/theme on a fixture site: pages load guide.js, not Material's bundle, which is
left out of the site; tables are wrapped and admonition icons written in when built; the
palette is applied while parsing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from material import templates

from pocketguide.plugins.theme.markup import (
    DEFAULT_ICON,
    ICON_CLASS,
    SVG_CLASS,
    WRAP_OPEN,
    admonition_icons,
)

if TYPE_CHECKING:
    import logging
    from collections.abc import Callable

CASE = "theme"
SCRIPT_SRC = re.compile(r'<script[^>]*\ssrc="([^"]+)"')
# An admonition title that carries its icon: (its fill, the title's text).
INLINE_ICON = re.compile(
    rf'<p class="admonition-title {ICON_CLASS}"><svg class="{SVG_CLASS}" viewBox="[^"]+"'
    r' fill="([^"]+)" aria-hidden="true"><path [^>]+></svg>([^<]*)</p>'
)
Built = tuple["Path", list["logging.LogRecord"]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., Built]) -> Built:
    return build_site(tmp_path_factory.mktemp("theme"), CASE)


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., Built]) -> Built:
    """The same site with the plugin switched off: stock Material."""
    plugins = [{"search": {"lang": "en"}}, {"pocketguide/theme": {"enabled": False}}]
    return build_site(tmp_path_factory.mktemp("stock"), CASE, {"plugins": plugins})


def scripts(site: Path, page: str) -> list[str]:
    return SCRIPT_SRC.findall((site / page).read_text(encoding="utf-8"))


def test_pages_load_guide_js_and_materials_bundle_is_not_in_the_site(built: Built) -> None:
    site, _ = built
    assert scripts(site, "index.html") == ["assets/javascripts/guide.js"]
    assert scripts(site, "other/index.html") == ["../assets/javascripts/guide.js"]
    assert list(site.glob("assets/javascripts/bundle.*")) == []
    assert (
        (site / "assets/javascripts/guide.js")
        .read_text(encoding="utf-8")
        .startswith("// Pocket Guide")
    )
    # Search still works the way Material's did: its worker and the index are there.
    assert list(site.glob("assets/javascripts/workers/search.*.min.js"))
    assert (site / "search/search_index.json").exists()


def test_switched_off_the_site_is_stock_material(stock: Built) -> None:
    site, _ = stock
    (bundle,) = site.glob("assets/javascripts/bundle.*.min.js")
    assert scripts(site, "index.html") == [f"assets/javascripts/{bundle.name}"]
    assert not (site / "assets/javascripts/guide.js").exists()
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "__pgPalette" not in page
    assert "md-typeset__scrollwrap" not in page


def test_tables_without_a_class_are_wrapped_when_built(built: Built) -> None:
    site, _ = built
    page = (site / "index.html").read_text(encoding="utf-8")
    assert page.count(WRAP_OPEN) == 1
    assert f"{WRAP_OPEN}<table>" in page
    assert '<table class="plain">' in page


def test_admonition_icons_are_written_into_their_titles_with_materials_colours(
    built: Built, stock: Built
) -> None:
    site, _ = built
    page = (site / "index.html").read_text(encoding="utf-8")
    (stylesheet,) = site.glob("assets/stylesheets/main.*.min.css")
    icons = admonition_icons(stylesheet.read_text(encoding="utf-8"))
    assert INLINE_ICON.findall(page) == [
        (icons["warning"].color, "Mixing"),
        (icons[DEFAULT_ICON].color, "Unknown"),
    ]
    assert icons["warning"].color != icons[DEFAULT_ICON].color
    stock_page = (stock[0] / "index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Mixing</p>' in stock_page
    assert SVG_CLASS not in stock_page


def test_icons_set_in_the_theme_are_left_to_material(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    """With ``theme.icon.admonition`` Material puts the chosen icons in each page's styles: the
    titles are left for its stylesheet to draw."""

    def choose_icon(root: Path) -> None:
        config = root / "mkdocs.yml"
        icon = "  icon:\n    admonition:\n      warning: octicons/alert-16\n"
        text = config.read_text(encoding="utf-8").replace(
            "  font: false\n", f"  font: false\n{icon}"
        )
        config.write_text(text, encoding="utf-8")

    site, _ = build_site(tmp_path, CASE, prepare=choose_icon)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Mixing</p>' in page
    assert SVG_CLASS not in page


def test_a_stylesheet_without_icons_is_named_in_a_warning_and_the_titles_are_left_alone(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    """A Material release that writes its icons differently: the build says which file and
    what to update, and leaves the icons to Material's stylesheet."""
    (material_css,) = Path(templates.__file__).parent.glob("assets/stylesheets/main.*.min.css")
    replaced = f"docs/assets/stylesheets/{material_css.name}"

    def new_material(root: Path) -> None:
        (root / replaced).parent.mkdir(parents=True, exist_ok=True)
        (root / replaced).write_text("body{color:red}", encoding="utf-8")

    site, records = build_site(tmp_path, CASE, prepare=new_material)
    warnings = [r.getMessage() for r in records if r.levelname == "WARNING"]
    assert any(
        message.startswith(f"pocketguide/theme: {tmp_path / CASE / replaced}: no admonition icons")
        and "update the patterns in pocketguide/plugins/theme/markup.py" in message
        for message in warnings
    ), warnings
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Mixing</p>' in page


def test_inline_scripts_come_before_the_stylesheets(built: Built, stock: Built) -> None:
    """A script after a stylesheet stops the parser until the stylesheet has loaded: under
    pocketguide/theme every inline script of the <head> comes before the first stylesheet, and
    the palette is applied from there with Material's storage helpers (its own inline palette
    script is gone)."""
    site, _ = built
    page = (site / "index.html").read_text(encoding="utf-8")
    head = page[: page.index("</head>")]
    stylesheet = head.index('rel="stylesheet"')
    assert head.index("window.__pgPalette = function") < stylesheet
    assert head.rindex("<script>") < stylesheet
    assert head.index("__md_scope") < head.index("window.__pgPalette = function")
    assert page.count("__md_scope=") == 1
    assert 'var palette=__md_get("__palette")' not in page
    stock_page = (stock[0] / "index.html").read_text(encoding="utf-8")
    assert "__md_scope" in stock_page
    assert 'var palette=__md_get("__palette")' in stock_page


def test_a_feature_guide_js_does_not_do_keeps_materials_bundle_and_says_so(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    """Code copy buttons need Material's bundle: it stays in the site and on every page, the
    templates are Material's own, and one line names the feature."""

    def copy_buttons(root: Path) -> None:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8").replace(
            "  font: false\n", "  font: false\n  features:\n    - content.code.copy\n"
        )
        config.write_text(text, encoding="utf-8")

    site, records = build_site(tmp_path, CASE, prepare=copy_buttons)
    (bundle,) = site.glob("assets/javascripts/bundle.*.min.js")
    assert scripts(site, "index.html") == [f"assets/javascripts/{bundle.name}"]
    assert not (site / "assets/javascripts/guide.js").exists()
    assert "__pgPalette" not in (site / "index.html").read_text(encoding="utf-8")
    theme_lines = [
        (r.levelname, r.getMessage())
        for r in records
        if r.getMessage().startswith("pocketguide/theme") and r.levelname != "DEBUG"
    ]
    assert theme_lines == [
        (
            "INFO",
            "pocketguide/theme: Material's JavaScript bundle is kept, as guide.js does not do "
            "what this site uses: content.code.copy (theme.features) — leave these out of "
            "mkdocs.yml and the pages to load guide.js instead",
        )
    ]


def test_a_script_that_uses_more_than_document_subscribe_keeps_the_bundle(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    def add_script(root: Path) -> None:
        (root / "docs/extra.js").write_text(
            "document$.subscribe(init);\nlocation$.subscribe(track);\n", encoding="utf-8"
        )
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + "extra_javascript:\n  - extra.js\n",
            encoding="utf-8",
        )

    site, records = build_site(tmp_path, CASE, prepare=add_script)
    assert [p.name for p in site.glob("assets/javascripts/bundle.*.min.js")]
    assert any(
        "location$.subscribe (extra_javascript: extra.js)" in r.getMessage() for r in records
    )
    # document$.subscribe alone is what guide.js provides: guide.js stays.
    site, records = build_site(
        tmp_path / "subscribe-only",
        CASE,
        prepare=lambda root: (
            add_script(root),
            (root / "docs/extra.js").write_text("document$.subscribe(init);\n", encoding="utf-8"),
        ),
    )
    assert scripts(site, "index.html") == ["assets/javascripts/guide.js", "extra.js"]
    assert not any("bundle is kept" in r.getMessage() for r in records)


def test_scripts_and_templates_in_custom_dir_are_read_too(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    def add_overrides(root: Path) -> None:
        (root / "overrides/assets").mkdir(parents=True)
        (root / "overrides/assets/site.js").write_text("viewport$.subscribe(f);\n", "utf-8")
        (root / "overrides/main.html").write_text(
            '{% extends "pocketguide/main.html" %}\n{% block scripts %}{{ super() }}'
            "<script>tablet$.subscribe(f)</script>{% endblock %}\n",
            encoding="utf-8",
        )
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8").replace(
            "  font: false\n", "  font: false\n  custom_dir: overrides\n"
        )
        config.write_text(text + "extra_javascript:\n  - assets/site.js\n", encoding="utf-8")

    site, records = build_site(tmp_path, CASE, prepare=add_overrides)
    (line,) = [r.getMessage() for r in records if "bundle is kept" in r.getMessage()]
    assert "viewport$.subscribe (extra_javascript: assets/site.js)" in line
    assert "tablet$.subscribe (overrides/main.html)" in line
    (bundle,) = site.glob("assets/javascripts/bundle.*.min.js")
    assert scripts(site, "index.html")[0] == f"assets/javascripts/{bundle.name}"
