"""Unit tests of :mod:`pocketguide.plugins.pwa.chunks`: content-defined chunks and the pack."""

from __future__ import annotations

import hashlib
import random
import zlib

from hypothesis import given
from hypothesis import strategies as st

from pocketguide.plugins.pwa import chunks
from pocketguide.plugins.pwa.chunks import (
    CHUNK_DIR,
    MAX_SIZE,
    MIN_SIZE,
    content_type,
    is_chunked,
    plan_chunks,
    split,
)


def page(body: str, seed: int = 0) -> bytes:
    """A page like the guide's: a long shared header and footer around ``body``."""
    rng = random.Random(seed)
    nav = "".join(f'<li class="nav"><a href="../p{i}/">Page {i}</a></li>\n' for i in range(300))
    words = " ".join(rng.choice(["ketamine", "water", "help", "friend", "sleep"]) for _ in range(9))
    return f"<header>{nav}</header><main>{body}<p>{words}</p></main><footer>{nav}</footer>".encode()


@given(st.binary(max_size=20_000) | st.text(alphabet="<>}\n ab", max_size=20_000).map(str.encode))
def test_chunks_put_back_together_give_the_input(data: bytes) -> None:
    assert b"".join(split(data)) == data


def test_chunks_end_at_markup_and_respect_the_size_bounds() -> None:
    data = page("<p>" + "a sentence about safety. " * 2000 + "</p>")

    chunks = split(data)

    assert len(chunks) > 5
    for chunk in chunks[:-1]:
        assert MIN_SIZE <= len(chunk) <= MAX_SIZE
        # Cut after markup; only a stretch with no markup at all is cut by size.
        assert chunk[-1:] in (b">", b"}", b"\n") or len(chunk) == MAX_SIZE
    assert len(chunks[-1]) <= MAX_SIZE


def test_an_edit_changes_only_the_chunks_around_it() -> None:
    before = page("<p>Start low.</p>" * 200)
    middle = len(before) // 2
    cut = before.index(b">", middle) + 1
    after = before[:cut] + b"<p>This sentence is new.</p>" + before[cut:]

    old, new = split(before), split(after)

    changed = [chunk for chunk in new if chunk not in old]
    assert 1 <= len(changed) <= 2
    assert sum(map(len, changed)) <= 2 * MAX_SIZE  # a few KiB, however long the page
    assert len(old) > 8
    kept = len(new) - len(changed)
    assert kept >= len(old) - 2


def test_pages_that_share_markup_share_chunks() -> None:
    files = {f"p{i}/index.html": page(f"<p>Page {i} says something else.</p>", i) for i in range(5)}

    result = plan_chunks(files, files)

    total = sum(map(len, files.values()))
    assert len(result.pack) < total * 0.4  # each shared chunk once, not five times
    for url, data in files.items():
        assert b"".join(result.bodies[i] for i in result.files[url]) == data


def test_plan_puts_page_chunks_first_as_the_pack() -> None:
    files = {
        "index.html": page("<p>home</p>"),
        "search/search_index.json": b'{"docs":[' + b'{"text":"x"},\n' * 400 + b"]}",
        "app.js": b"console.log(1);\n" * 100,
    }

    result = plan_chunks(files, ["app.js", "search/search_index.json", "index.html"])

    assert sorted(result.files) == ["index.html", "search/search_index.json"]  # no .js
    assert result.packed == len(set(result.files["index.html"]))
    assert min(result.files["search/search_index.json"]) >= result.packed
    assert result.pack == b"".join(result.bodies[: result.packed])
    assert result.pack_url == f"_pg/pack.{hashlib.sha256(result.pack).hexdigest()[:32]}.txt"
    for index, body in enumerate(result.bodies):
        assert result.ids[index] == hashlib.sha256(body).hexdigest()[:32]  # 128 bits
        assert result.sizes[index] == len(body)
    assert len(set(result.ids)) == len(result.ids)


def test_outputs_one_file_per_chunk_and_the_pack() -> None:
    files = {"a.html": page("<p>a</p>"), "b.html": page("<p>b</p>")}

    result = plan_chunks(files, files)
    outputs = result.outputs()

    assert outputs[result.pack_url] == result.pack
    chunk_files = {url: body for url, body in outputs.items() if url.startswith(CHUNK_DIR)}
    assert chunk_files == {
        f"{CHUNK_DIR}{i}.txt": b for i, b in zip(result.ids, result.bodies, strict=True)
    }
    assert result.as_json() == {
        "dir": CHUNK_DIR,
        "ids": result.ids,
        "sizes": result.sizes,
        "pack": {"url": result.pack_url, "count": result.packed},
    }


def test_no_pages_means_no_pack() -> None:
    result = plan_chunks({"search/search_index.json": b'{"docs":[]}'}, ["search/search_index.json"])

    assert result.packed == 0
    assert result.as_json()["pack"] is None
    assert all(url.startswith(CHUNK_DIR) for url in result.outputs())


def test_plan_is_the_same_whatever_the_order_of_urls() -> None:
    files = {f"p{i}.html": page(f"<p>{i}</p>", i) for i in range(4)}

    assert plan_chunks(files, sorted(files)) == plan_chunks(files, sorted(files, reverse=True))


def test_which_files_are_cut_and_their_types() -> None:
    assert is_chunked("a/index.html")
    assert is_chunked("search/search_index.json")
    assert not is_chunked("manifest.webmanifest")
    assert not is_chunked("assets/javascripts/pwa.js")
    assert content_type("a/index.html") == "text/html; charset=utf-8"
    assert content_type("search/search_index.json") == "application/json"


def test_the_pack_groups_chunks_by_where_they_sit_in_a_page() -> None:
    def marked(i: int) -> bytes:
        """A page whose header and footer mark it as the current page, as a menu does."""
        nav = "".join(f"<li>Page {n}{' (current)' if n == i else ''}</li>\n" for n in range(60))
        body = "<p>words</p>\n" * (300 + 40 * i)
        return f"<header>{nav}</header>{body}<footer>{nav}</footer>".encode()

    files = {f"p{i}.html": marked(i) for i in range(4)}

    result = plan_chunks(files, files)

    packed = result.bodies[: result.packed]
    headers = [n for n, body in enumerate(packed) if b"<header>" in body]
    footers = [n for n, body in enumerate(packed) if b"</footer>" in body]
    assert len(headers) == 4  # one per page: they differ
    assert footers
    # Every page's header comes before any page's footer, although each page ends with one.
    assert max(headers) < min(footers)


def markup_with_no_regular_cut(size: int, seed: int) -> bytes:
    """Markup of about ``size`` bytes where no ``>`` passes the regular cut rule (some pass the
    looser one), like an SVG- and script-heavy header."""
    rng = random.Random(seed)
    out = b"<div>"
    while len(out) < size:
        token = f"<b id=x{rng.randrange(10**9)}>y</b>".encode()  # each > sees the number
        trial = out + token
        ends = [len(out) + i + 1 for i, byte in enumerate(token) if byte == ord(">")]
        if all(zlib.crc32(trial[end - chunks._WINDOW : end]) & chunks._MASK for end in ends):
            out = trial
    return out


def test_a_long_stretch_without_a_regular_cut_still_cuts_by_content() -> None:
    """Past MAX_SIZE with no regular cut, the chunk ends at a candidate chosen by a looser rule,
    so two pages whose head differs in length still share the chunks of what follows (cutting
    at MAX_SIZE bytes would keep them out of step)."""
    shared = markup_with_no_regular_cut(5 * MAX_SIZE, seed=1)
    one = split(b"<title>Short</title>" + shared)
    two = split(b"<title>A much longer title, as another page has</title>" + shared)
    assert max(len(chunk) for chunk in one + two) <= MAX_SIZE
    in_both = set(one) & set(two)
    assert sum(len(chunk) for chunk in in_both) > 3 * MAX_SIZE
