"""THE reader of every JSON file a user hands us, validated at the edge.

:func:`read_json` reads a regular file (never a pipe or device), parses it
with limits (nesting depth, digits per number, no NaN/Infinity) and checks it
against the JSON Schema of its kind (``factcheck/schemas/``). Any problem is an
:class:`~factcheck.errors.InputError` naming the file, the place in it and
the problem: exit 2 and one line, never a ``KeyError`` deep in a command.
"""

from __future__ import annotations

import json
import math
import os
from functools import cache
from importlib import resources
from typing import Any

from factcheck.errors import InputError
from factcheck.files import read_regular

# kind -> (what the message calls it, schema file in factcheck/schemas/)
KINDS = {
    "report": ("JSON report", "report-input.schema.json"),
    "baseline": ("baseline file", "baseline.schema.json"),
    "gold": ("gold file", "gold.schema.json"),
    "mutations": ("mutation manifest", "mutations.schema.json"),
    "sidecar": ("metadata file", "sidecar.schema.json"),
    "folder-metadata": ("folder metadata file", "folder-metadata.schema.json"),
}
MAX_DEPTH = 64  # real inputs nest at most 6 levels
MAX_DIGITS = 40  # an offset or a seed; 4,300+ digits made int() raise
MAX_BYTES = 2_000_000_000


class _Limit(ValueError):
    pass


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Limit(f"a number with {len(text):,} digits (at most {MAX_DIGITS})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > 2 * MAX_DIGITS:
        raise _Limit(f"a number written with {len(text):,} characters")
    value = float(text)
    if not math.isfinite(value):
        raise _Limit(f"a number out of range ({text[:20]})")
    return value


def _constant(name: str) -> float:
    raise _Limit(f"{name} is not JSON")


def _depth(data: Any) -> int:
    """Nesting depth, without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def parse_json(raw: bytes, path: str, what: str) -> Any:
    """Parse JSON bytes with the limits above; InputError naming ``path`` on any problem."""
    try:
        # utf-8-sig: files saved by Windows editors start with a BOM.
        data = json.loads(
            raw.decode("utf-8-sig"),
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except _Limit as exc:
        raise InputError(path, f"not a valid {what}: {exc}") from None
    except RecursionError:
        raise InputError(path, f"not a valid {what}: nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not a valid {what}: not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not a valid {what}: {exc}") from None
    if _depth(data) > MAX_DEPTH:
        raise InputError(path, f"not a valid {what}: nested deeper than {MAX_DEPTH} levels")
    return data


@cache
def _validator(schema_file: str) -> Any:
    import jsonschema
    from referencing import Registry, Resource

    schemas = resources.files("factcheck").joinpath("schemas")
    loaded = {
        name: json.loads(schemas.joinpath(name).read_text("utf-8")) for _, name in KINDS.values()
    }
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema))
        for schema in loaded.values()
        if "$id" in schema
    )
    return jsonschema.Draft202012Validator(loaded[schema_file], registry=registry)


def validate(data: Any, kind: str, path: str) -> None:
    """Raise InputError when ``data`` does not follow the schema of ``kind``."""
    import jsonschema

    what, schema_file = KINDS[kind]
    error = jsonschema.exceptions.best_match(_validator(schema_file).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        message = error.message if len(error.message) <= 200 else error.message[:200] + "…"
        raise InputError(path, f"not a valid {what} at {where}: {message}")


def read_json(path: str | os.PathLike[str], kind: str) -> Any:
    """Read, parse with limits and validate one JSON input of ``kind`` (see :data:`KINDS`)."""
    what, _ = KINDS[kind]
    name = os.fspath(path)
    data = parse_json(read_regular(name, MAX_BYTES, what), name, what)
    validate(data, kind, name)
    return data
