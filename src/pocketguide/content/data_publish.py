"""The guide's data as open JSON, for other harm-reduction apps to reuse (pure functions).

Each data file is published as ``data/<name>.json`` with its licence, the build date, the
derived fields (whether sources disagree about a mix) and, under ``sources``, the registry
entry of every source it cites, so the file makes sense on its own. Beside it,
``data/<name>.schema.json`` describes the published file; it is made from the data file's
own schema, so the two cannot drift apart.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pocketguide.content.data import NAMES, schema

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from pocketguide.content.data import GuideData
    from pocketguide.content.sources import Source

FOLDER = "data"
"""Where the files go in the built site."""

_SOURCE_ENTRY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "publisher", "url", "kind"],
    "properties": {
        "title": {"type": "string"},
        "publisher": {"description": "Who published or wrote it.", "type": "string"},
        "url": {"type": "string"},
        "kind": {"description": "What the source is: government, service, peer-reviewed…"},
    },
}


def published(
    name: str,
    data: GuideData,
    sources: Mapping[str, Source],
    *,
    licence: str,
    generated: date,
) -> dict[str, Any] | None:
    """Return the published form of data file ``name``, or None when it is not loaded."""
    raw = data.raw.get(name)
    if raw is None:
        return None
    body: dict[str, Any] = {"licence": licence, "generated": generated.isoformat()}
    if name == "helplines":
        body["helplines"] = copy.deepcopy(raw)
    else:
        assert isinstance(raw, dict)
        body.update(copy.deepcopy(raw))
    if name == "mixing" and data.mixing is not None:
        for entry, substance in zip(body["substances"], data.mixing.substances, strict=True):
            entry["also_called"] = list(substance.also_called)  # an empty field reads as []
            entry["disagree"] = substance.disagree
    body["sources"] = {
        ident: {
            "title": sources[ident].title,
            "publisher": sources[ident].by,
            "url": sources[ident].url,
            "kind": sources[ident].kind,
        }
        for ident in _cited(name, data)
        if ident in sources
    }
    return body


def _cited(name: str, data: GuideData) -> list[str]:
    """The source ids one file cites, in file order."""
    if name == "mixing" and data.mixing:
        ids = [s.source for sub in data.mixing.substances for s in sub.sources]
    elif name == "emergency" and data.emergency:
        emergency = data.emergency
        ids = [*emergency.call_rule_sources, *emergency.red_flags_sources]
        ids += [c.source for c in emergency.numbers]
    elif name == "helplines" and data.helplines:
        ids = [h.source for h in data.helplines]
    else:
        ids = []
    return list(dict.fromkeys(ids))


def published_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema of ``data/<name>.json``: the data file's schema, plus the licence,
    the build date, the cited sources and the derived fields."""
    spec: dict[str, Any] = _without_hints(schema(name))
    envelope = {
        "licence": {"description": "SPDX id of the data's licence.", "type": "string"},
        "generated": {
            "description": "The day the guide was built.",
            "type": "string",
            "format": "date",
        },
        "sources": {
            "description": "The registry entry of every source id the data cites.",
            "type": "object",
            "additionalProperties": _SOURCE_ENTRY,
        },
    }
    defs = spec.pop("$defs")
    if name == "helplines":
        items = {"helplines": {key: spec.pop(key) for key in ("type", "items")}}
        spec.update(type="object", additionalProperties=False, properties=items, required=[])
    spec["properties"] = {**envelope, **spec["properties"]}
    spec["required"] = [
        "licence",
        "generated",
        "sources",
        *spec["required"],
        *(["helplines"] if name == "helplines" else []),
    ]
    if name == "mixing":
        substance = defs["substance"]
        substance["properties"]["disagree"] = {
            "description": "Derived: true when any source's rating differs from ours.",
            "type": "boolean",
        }
        substance["required"].append("disagree")
    spec["$defs"] = defs
    spec["title"] = f"{spec['title']} (published data)"
    spec["description"] = (
        f"The guide's {name} data as published with the site, with its licence, build date "
        "and sources. Made from the schema of the data file docs/data/"
        f"{name}.yml in the pocketguide package."
    )
    return spec


def _without_hints(value: Any) -> Any:
    """Drop the ``x-fix`` hints (they tell editors how to fix the YAML, not readers)."""
    if isinstance(value, dict):
        return {k: _without_hints(v) for k, v in value.items() if k != "x-fix"}
    if isinstance(value, list):
        return [_without_hints(v) for v in value]
    return value


def dump(value: object) -> str:
    """Return compact JSON text (UTF-8, keys in the order written)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def is_data_file(path: Path, data_dir: str | Path) -> bool:
    """Whether ``path`` is one of the data files or a translation of one (``mixing.es.yml``):
    the site has the JSON instead, in the data files' own words.

    >>> from pathlib import Path
    >>> is_data_file(Path("/g/docs/data/mixing.yml"), "/g/docs/data")
    True
    >>> is_data_file(Path("/g/docs/data/mixing.es.yml"), "/g/docs/data")
    True
    >>> is_data_file(Path("/g/docs/data/notes.yml"), "/g/docs/data")
    False
    """
    folder = Path(data_dir).resolve()
    found = _DATA_FILE.fullmatch(path.name)
    return path.parent.resolve() == folder and found is not None and found.group(1) in NAMES


_DATA_FILE = re.compile(r"([a-z]+)(?:\.[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)?\.yml")


def publish_files(
    data: GuideData, sources: Mapping[str, Source], *, licence: str, generated: date
) -> dict[str, str]:
    """Return ``{site path: text}`` for each loaded data file and its schema."""
    out = {}
    for name in NAMES:
        body = published(name, data, sources, licence=licence, generated=generated)
        if body is not None:
            out[f"{FOLDER}/{name}.json"] = dump(body)
            out[f"{FOLDER}/{name}.schema.json"] = dump(published_schema(name))
    return out
