"""Unit tests of :mod:`pocketguide.plugins.pwa.icons`: source checks, rendering, verification."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from pocketguide.plugins.pwa.icons import IconError, SourceImage, load_source, render, verify
from pocketguide.plugins.pwa.manifest import ICONS, IconSpec

PATH = "docs/assets/icon.png"


def png(width: int, height: int, colour: tuple[int, int, int, int] = (74, 20, 140, 255)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def transparent_art(size: int = 512) -> SourceImage:
    """A source whose corners are fully transparent and whose middle is opaque purple."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    image.paste((74, 20, 140, 255), (size // 4, size // 4, 3 * size // 4, 3 * size // 4))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return load_source(out.getvalue(), PATH)


def pixels(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # source bytes      exact IconError message
        (
            png(256, 256),
            f"{PATH}: the icon is 256x256 px, too small for the 512 px app icon — "
            "use a square PNG of at least 512 px",
        ),
        (
            png(511, 511),
            f"{PATH}: the icon is 511x511 px, too small for the 512 px app icon — "
            "use a square PNG of at least 512 px",
        ),
        (png(600, 512), f"{PATH}: the icon is 600x512 px, not square — crop it to a square"),
        (png(100, 120), f"{PATH}: the icon is 100x120 px, not square — crop it to a square"),
        (
            b"not an image",
            f"{PATH}: not an image format Pillow reads — use a square PNG of at least 512 px",
        ),
        (b"", f"{PATH}: not an image format Pillow reads — use a square PNG of at least 512 px"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"/>',
            f"{PATH}: not an image format Pillow reads — use a square PNG of at least 512 px",
        ),
    ],
    ids=["256", "511", "wide", "tall", "text", "empty", "svg"],
)
def test_load_source_rejects(data: bytes, expected: str) -> None:
    with pytest.raises(IconError) as raised:
        load_source(data, PATH)

    assert str(raised.value) == expected


def test_load_source_rejects_a_truncated_png() -> None:
    data = png(512, 512)[:60]

    with pytest.raises(IconError) as raised:
        load_source(data, PATH)

    assert str(raised.value) == (
        f"{PATH}: not a readable image (image file is truncated) — "
        "use a square PNG of at least 512 px"
    )


def test_load_source_rejects_a_decompression_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)

    with pytest.raises(IconError) as raised:
        load_source(png(512, 512), PATH)

    assert str(raised.value) == (
        f"{PATH}: not a readable image (Image size (262144 pixels) exceeds limit of 2000 "
        "pixels, could be decompression bomb DOS attack.) — use a square PNG of at least 512 px"
    )


@pytest.mark.parametrize(
    ("mode", "size"),
    [
        # Pillow mode of the source   pixels
        ("RGBA", 512),
        ("RGB", 512),
        ("P", 1024),
        ("L", 600),
    ],
)
def test_load_source_accepts_square_images_and_converts_to_rgba(mode: str, size: int) -> None:
    out = io.BytesIO()
    Image.new(mode, (size, size)).save(out, format="PNG")

    source = load_source(out.getvalue(), PATH)

    assert source.image.mode == "RGBA"
    assert source.image.size == (size, size)


@pytest.mark.parametrize("spec", ICONS, ids=[icon.path.rsplit("/", 1)[-1] for icon in ICONS])
def test_render_gives_the_declared_pixels(spec: IconSpec) -> None:
    image = pixels(render(transparent_art(), spec, "#ffffff"))

    assert image.format == "PNG"
    assert image.size == (spec.size, spec.size)


@pytest.mark.parametrize(
    ("purpose", "corner"),
    [
        # purpose     top-left pixel as RGBA (background #102030 for opaque icons)
        ("maskable", (16, 32, 48, 255)),
        ("apple", (16, 32, 48, 255)),
        ("any", (0, 0, 0, 0)),
        ("favicon", (0, 0, 0, 0)),
    ],
)
def test_render_corners(purpose: str, corner: tuple[int, int, int, int]) -> None:
    image = pixels(render(transparent_art(), IconSpec("x.png", 192, purpose), "#102030"))

    rgba = image.convert("RGBA")
    last = image.size[0] - 1
    for xy in [(0, 0), (last, 0), (0, last), (last, last)]:
        assert rgba.getpixel(xy) == corner


def test_render_maskable_keeps_the_art_inside_the_safe_zone() -> None:
    full = load_source(png(512, 512), PATH)  # opaque purple edge to edge

    image = pixels(render(full, IconSpec("m.png", 100, "maskable"), "#ffffff")).convert("RGBA")

    # 80 % safe zone: the art spans pixels 10..89, the background the 10 px border.
    assert image.getpixel((9, 50)) == (255, 255, 255, 255)
    assert image.getpixel((10, 50)) == (74, 20, 140, 255)
    assert image.getpixel((89, 50)) == (74, 20, 140, 255)
    assert image.getpixel((90, 50)) == (255, 255, 255, 255)


def test_render_apple_icon_has_no_alpha_channel() -> None:
    image = pixels(render(transparent_art(), IconSpec("a.png", 180, "apple"), "#ffffff"))

    assert image.mode == "RGB"


def test_render_is_deterministic() -> None:
    source = transparent_art()

    assert [render(source, spec, "#ffffff") for spec in ICONS] == [
        render(source, spec, "#ffffff") for spec in ICONS
    ]


def test_verify_accepts_rendered_icons() -> None:
    source = transparent_art()
    files = {spec.path: render(source, spec, "#ffffff") for spec in ICONS}

    assert verify(ICONS, files) == []


def test_verify_reports_a_wrong_size_and_a_missing_file() -> None:
    specs = (
        IconSpec("assets/icons/icon-192.png", 192),
        IconSpec("assets/icons/icon-512.png", 512),
        IconSpec("assets/icons/icon-maskable-512.png", 512, "maskable"),
        IconSpec("assets/icons/wide.png", 48),
    )
    files = {
        "assets/icons/icon-192.png": png(192, 192),
        "assets/icons/icon-512.png": png(192, 192),  # privacyguides' bug: 512 entry, 192 file
        "assets/icons/wide.png": png(48, 47),
    }

    assert verify(specs, files) == [
        "assets/icons/icon-512.png: declared 512x512 but the image is 192x192",
        "assets/icons/icon-maskable-512.png: declared 512x512 but the file is missing",
        "assets/icons/wide.png: declared 48x48 but the image is 48x47",
    ]
