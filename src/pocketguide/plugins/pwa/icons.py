"""Render every icon size from one square source image, and check sizes against pixels."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .manifest import IconSpec

MIN_SOURCE = 512
# Maskable icons may be cropped to a circle of 80% of their width: keep the art inside it.
MASKABLE_SAFE_ZONE = 0.8


class IconError(ValueError):
    """The source image cannot make correct icons; the message says how to fix it."""


@dataclass(frozen=True)
class SourceImage:
    """A decoded, validated square source image."""

    image: Image.Image


def load_source(data: bytes, path: str) -> SourceImage:
    """Decode and validate the source image, or raise :class:`IconError` naming ``path``."""
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except UnidentifiedImageError:
        # Pillow's own message names the BytesIO object and its memory address: leave it out.
        msg = (
            f"{path}: not an image format Pillow reads — "
            f"use a square PNG of at least {MIN_SOURCE} px"
        )
        raise IconError(msg) from None
    except (OSError, Image.DecompressionBombError) as exc:
        msg = f"{path}: not a readable image ({exc}) — use a square PNG of at least {MIN_SOURCE} px"
        raise IconError(msg) from None
    width, height = image.size
    if width != height:
        msg = f"{path}: the icon is {width}x{height} px, not square — crop it to a square"
        raise IconError(msg)
    if width < MIN_SOURCE:
        msg = (
            f"{path}: the icon is {width}x{height} px, too small for the 512 px app icon — "
            f"use a square PNG of at least {MIN_SOURCE} px"
        )
        raise IconError(msg)
    return SourceImage(image.convert("RGBA"))


def _png(image: Image.Image) -> bytes:
    """Encode as an optimised PNG, or as a 256-colour palette PNG when that is smaller."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    full = out.getvalue()
    palette = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(
        palette, format="PNG", optimize=True
    )
    return min(full, palette.getvalue(), key=len)


def render(source: SourceImage, spec: IconSpec, background: str) -> bytes:
    """Return PNG bytes of ``spec.size`` square pixels.

    Maskable and Apple icons get an opaque background (iOS draws transparency black); the
    maskable art is shrunk into the safe zone so no launcher mask cuts it.
    """
    size = spec.size
    if spec.purpose == "maskable":
        canvas = Image.new("RGBA", (size, size), background)
        inner = round(size * MASKABLE_SAFE_ZONE)
        art = source.image.resize((inner, inner), Image.Resampling.LANCZOS)
        offset = (size - inner) // 2
        canvas.alpha_composite(art, (offset, offset))
        return _png(canvas)
    art = source.image.resize((size, size), Image.Resampling.LANCZOS)
    if spec.purpose == "apple":
        canvas = Image.new("RGBA", (size, size), background)
        canvas.alpha_composite(art)
        return _png(canvas.convert("RGB"))
    return _png(art)


def verify(specs: Iterable[IconSpec], files: Mapping[str, bytes]) -> list[str]:
    """Return one problem line per declared icon whose file is missing or of the wrong size."""
    problems: list[str] = []
    for spec in specs:
        data = files.get(spec.path)
        if data is None:
            problems.append(
                f"{spec.path}: declared {spec.size}x{spec.size} but the file is missing"
            )
            continue
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
        if (width, height) != (spec.size, spec.size):
            problems.append(
                f"{spec.path}: declared {spec.size}x{spec.size} but the image is {width}x{height}"
            )
    return problems
