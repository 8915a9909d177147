"""Unit tests of the single-file assembly (pocketguide.plugins.edition.singlefile)."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from pocketguide.content.strings import load
from pocketguide.plugins.edition.singlefile import (
    EditionMeta,
    EditionPage,
    NavItem,
    assemble,
    csp,
    external_references,
    human_date,
    nav_pages,
    page_slug,
    resolve,
    unique_slugs,
)

META = EditionMeta(site_name="Guide", site_url="https://guide.example/sub/")

HOME = EditionPage(
    key="index.md",
    url="",
    title="Home",
    content=(
        '<h1 id="welcome">Welcome<a class="headerlink" href="#welcome">¶</a></h1>\n'
        '<p><a href="emergency/">Emergency</a> <a href="emergency/#recovery-position">RP</a> '
        '<a href="help/uk/index.html#phone">UK</a> <a href="#welcome">top</a> '
        '<a href="https://nhs.example/k">NHS</a> <a href="tel:999">999</a> '
        '<a href="assets/card.pdf">card</a> <a href=".">home</a></p>'
    ),
    last_reviewed="2026-11-20",
)
EMERGENCY = EditionPage(
    key="emergency.md",
    url="emergency/",
    title="Emergency",
    content=(
        '<h2 id="recovery-position">Recovery position</h2>'
        '<p>See <a href="../">home</a> and <a href="../#welcome">welcome</a>'
        '<sup id="fnref:1"><a href="#fn:1">1</a></sup> '
        '<a href="../mixing/#nope">missing anchor</a> <a href="javascript:alert(1)">js</a></p>'
        '<label for="q">Q</label><input id="q">'
        '<div class="footnote"><ol><li id="fn:1">Note <a href="#fnref:1">↩</a></li></ol></div>'
    ),
    last_reviewed="2026-11-21",
)
UK = EditionPage(
    key="help/uk.md",
    url="help/uk/",
    title="Help in the UK",
    content='<h2 id="phone">Phone</h2><p><img src="../../assets/dot.png" alt="a dot"></p>',
    last_reviewed="2025-01-01",
)
MIXING = EditionPage(key="mixing.md", url="mixing/", title="Mixing", content="<p>x</p>")
NAV = (
    NavItem("Home", "index.md"),
    NavItem("Emergency", "emergency.md"),
    NavItem("Help", children=(NavItem("UK", "help/uk.md"),)),
    NavItem("Mixing", "mixing.md"),
)
PNG = b"\x89PNG\r\n\x1a\nfake"


def read_asset(path: str) -> bytes | None:
    return PNG if path == "assets/dot.png" else None


@pytest.fixture(scope="module")
def edition():
    return assemble([EMERGENCY, HOME, UK, MIXING], NAV, META, read_asset)


@pytest.fixture(scope="module")
def tree(edition):
    return LexborHTMLParser(edition.html)


def section_links(tree, slug):
    return [a.attrs["href"] for a in tree.css(f"section#{slug} a")]


@pytest.mark.parametrize(
    # key, expected slug
    ("key", "slug"),
    [
        ("index.md", "index"),
        ("emergency.md", "emergency"),
        ("help/index.md", "help"),
        ("help/uk.md", "help-uk"),
        ("Safer Use.md", "safer-use"),
        ("___.md", "page"),
    ],
)
def test_page_slug(key, slug):
    assert page_slug(key) == slug


def test_unique_slugs_suffix_collisions():
    assert unique_slugs(["a-b.md", "a/b.md", "a_b.md"]) == {
        "a-b.md": "a-b",
        "a/b.md": "a-b-2",
        "a_b.md": "a-b-3",
    }


@pytest.mark.parametrize(
    # href, page url, expected (site path, fragment), or None when it names another host
    ("href", "page_url", "expected"),
    [
        ("../mixing/#alcohol", "emergency/", ("mixing/", "alcohol")),
        ("mixing.html", "emergency.html", ("mixing.html", "")),
        (".", "", ("", "")),
        ("../", "emergency/", ("", "")),
        ("#x", "emergency/", ("emergency/", "x")),
        ("sub%20dir/", "", ("sub dir/", "")),
        ("../../..", "emergency/", ("", "")),  # clamped at the root, as browsers do
        ("https://example.org/", "", None),
        ("//cdn.example/x.js", "", None),
    ],
)
def test_resolve(href, page_url, expected):
    assert resolve(href, page_url) == expected


def test_pages_in_nav_order_with_sections(edition, tree):
    slugs = [node.attrs["id"] for node in tree.css("main > section.page")]
    assert slugs == ["index", "emergency", "help-uk", "mixing"]
    toc = tree.css_first("#contents").html
    assert (
        '<li><span>Help</span><ol><li><a href="#help-uk">Help in the UK</a></li></ol></li>' in toc
    )


def test_links_between_pages_land_on_in_file_anchors(tree):
    assert section_links(tree, "index") == [
        "#emergency",
        "#emergency--recovery-position",
        "#help-uk--phone",
        "#index--welcome",
        "https://nhs.example/k",
        "tel:999",
        "https://guide.example/sub/assets/card.pdf",
        "#index",
        "#contents",
    ]


def test_links_inside_a_page_and_footnotes(tree):
    assert section_links(tree, "emergency") == [
        "#index",
        "#index--welcome",
        "#emergency--fn:1",
        "#mixing",
        "#emergency--fnref:1",
        "#contents",
    ]
    assert tree.css_first("section label").attrs["for"] == "emergency--q"


def test_every_id_is_unique_and_every_internal_link_lands(tree):
    ids = [node.attrs["id"] for node in tree.css("[id]")]
    assert len(ids) == len(set(ids))
    targets = {href[1:] for a in tree.css("a[href^='#']") if (href := a.attrs["href"])}
    assert targets - set(ids) == set()


def test_problems_name_the_page(edition):
    assert edition.problems == [
        "emergency.md: link to missing anchor #nope on mixing.md",
    ]


def test_headerlinks_and_javascript_links_removed(edition):
    assert "headerlink" not in edition.html
    assert "javascript:" not in edition.html
    assert "<p>See" in edition.html


def test_images_inlined_and_missing_ones_become_alt_text():
    edition = assemble([UK], (NavItem("UK", "help/uk.md"),), META, read_asset)
    assert '<img src="data:image/png;base64,iVBORw0KGgpmYWtl" alt="a dot">' in edition.html
    gone = assemble([UK], (NavItem("UK", "help/uk.md"),), META)
    assert "<img" not in gone.html
    assert "a dot" in gone.html
    assert gone.problems == [
        "help/uk.md: image '../../assets/dot.png' not found; replaced by its alt text"
    ]


@pytest.mark.parametrize(
    "src",
    [
        # an image on another site: never fetched, reported as the privacy problem it is
        "https://other.example/x.png",
        "//other.example/x.png",
    ],
)
def test_an_image_from_another_site_is_left_out_as_a_privacy_problem(src):
    page = EditionPage(
        key="x.md", url="x/", title="X", content=f'<p><img src="{src}" alt="a chart"></p>'
    )
    edition = assemble([page], (NavItem("X", "x.md"),), META, read_asset)
    assert "other.example" not in edition.html
    assert "a chart" in edition.html
    assert edition.problems == [
        f"x.md: image '{src}' is on another site (the guide loads nothing from other sites); "
        "replaced by its alt text"
    ]


def test_task_list_checkboxes_become_glyphs():
    page = EditionPage(
        key="x.md",
        url="x/",
        title="X",
        content='<ul><li class="task-list-item"><label class="task-list-control">'
        '<input type="checkbox" disabled checked><span class="task-list-indicator"></span>'
        '</label> Ask</li><li class="task-list-item"><label class="task-list-control">'
        '<input type="checkbox" disabled></label> Tell</li></ul>',
    )
    edition = assemble([page], (NavItem("X", "x.md"),), META)
    assert (
        '<li class="task-list-item"><span class="task-box" aria-hidden="true">☑</span> Ask</li>'
        '<li class="task-list-item"><span class="task-box" aria-hidden="true">☐</span> Tell</li>'
    ) in edition.html
    assert "<input" not in edition.html.split("<main>")[1]


def test_page_without_h1_gets_its_title(tree):
    assert tree.css_first("section#mixing h1").text() == "Mixing"
    assert tree.css_first("section#index h1").text() == "Welcome"


def test_version_and_date_stamped(edition):
    assert re.fullmatch(r"[0-9a-f]{8}", edition.version)
    assert edition.date == "2026-11-21"
    assert (
        f'<p class="stamp">Version {edition.version} · facts checked up to '
        '<time datetime="2026-11-21">21 November 2026</time></p>'
    ) in edition.html


def test_version_is_stable_and_follows_content():
    again = assemble([MIXING], (NavItem("M", "mixing.md"),), META)
    same = assemble([MIXING], (NavItem("M", "mixing.md"),), META)
    changed = EditionPage(key="mixing.md", url="mixing/", title="Mixing", content="<p>y</p>")
    other = assemble([changed], (NavItem("M", "mixing.md"),), META)
    assert again.html == same.html
    assert again.version != other.version


def test_no_links_outside_without_site_url():
    meta = EditionMeta(site_name="Guide")
    edition = assemble([HOME], (NavItem("Home", "index.md"),), meta)
    assert "card.pdf" not in edition.html
    assert " card " in LexborHTMLParser(edition.html).css_first("section#index p").text()


def test_nav_page_not_rendered_is_a_problem():
    edition = assemble([HOME], (NavItem("Home", "index.md"), NavItem("Gone", "gone.md")), META)
    assert "navigation names gone.md, which was not rendered" in edition.problems
    assert "<span>Gone</span>" in edition.html


def test_assembled_file_has_no_external_references(edition):
    assert external_references(edition.html) == []


def test_dangerous_tags_dropped():
    page = EditionPage(
        key="x.md",
        url="x/",
        title="X",
        content='<p style="background:url(https://t.example/p.gif)">a</p>'
        '<script src="https://cdn.example/a.js"></script><iframe src="https://v.example"></iframe>',
    )
    edition = assemble([page], (NavItem("X", "x.md"),), META)
    assert external_references(edition.html) == []
    assert edition.problems == [
        "x.md: dropped <script> (not allowed in the file)",
        "x.md: dropped <iframe> (not allowed in the file)",
    ]


@pytest.mark.parametrize(
    # html, what external_references reports
    ("document", "found"),
    [
        ('<a href="https://x.example/">ok</a><a href="#a">ok</a><a href="mailto:a@b">ok</a>', []),
        ('<img src="data:image/png;base64,AA">', []),
        ('<img src="https://x.example/a.png">', ["<img src='https://x.example/a.png'>"]),
        ('<img src="a.png">', ["<img src='a.png'>"]),
        ('<a href="other.html">x</a>', ["<a href='other.html'>"]),
        (
            '<link rel="stylesheet" href="https://x.example/a.css">',
            ["<link href='https://x.example/a.css'>"],
        ),
        ('<svg><use href="sprite.svg#i"></use></svg>', ["<use href='sprite.svg#i'>"]),
        ('<svg><use href="#i"></use></svg>', []),
        ("<style>body{background:url(x.png)}</style>", ["<style> with url()"]),
        (
            "<p style=\"background: url('https://x.example/p.gif')\">",
            ["<p style=\"background: url('https://x.example/p.gif')\">"],
        ),
        ('<video poster="//x.example/p.jpg"></video>', ["<video poster='//x.example/p.jpg'>"]),
    ],
)
def test_external_references(document, found):
    assert external_references(document) == found


def test_csp_allows_only_the_inline_script_by_hash():
    assert csp("") == (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
        "form-action 'none'"
    )
    assert "script-src 'sha256-" in csp("alert(1)")


def test_nav_pages_order_each_once():
    nav = (
        NavItem("A", "a.md"),
        NavItem("S", children=(NavItem("B", "b.md"), NavItem("A", "a.md"))),
    )
    assert nav_pages(nav) == ["a.md", "b.md"]


@pytest.mark.parametrize(("iso", "text"), [("2026-11-20", "20 November 2026"), ("soon", "soon")])
def test_human_date(iso, text):
    assert human_date(iso) == text


def test_the_file_speaks_the_site_s_language():
    meta = EditionMeta(
        site_name="Guía",
        site_url="https://guide.example/",
        emergency_page="emergency.md",
        script="x()",
        words=load("es"),
    )
    nav = (NavItem("Inicio", "index.md"), NavItem("Emergencia", "emergency.md"))
    edition = assemble([HOME, EMERGENCY], nav, meta)
    tree = LexborHTMLParser(edition.html)

    assert tree.css_first("html").attributes["lang"] == "es"
    assert tree.css_first("title").text() == "Guía (edición sin conexión)"
    assert tree.css_first(".sos a").text() == "Emergencia: qué hacer ahora"
    assert tree.css_first("#contents-title").text() == "Contenido"
    assert tree.css_first("label[for=find]").text() == "Buscar en esta guía"
    found = tree.css_first("output#found").attributes
    assert (found["data-one"], found["data-many"]) == (
        "{count} página coincide",
        "{count} páginas coinciden",
    )
    assert 'En línea y para instalar: <a href="https://guide.example/">' in edition.html
    assert "Versión " in tree.css_first(".stamp").text()
    assert tree.css_first("p.top a").text() == "Volver al contenido"
