"""Reading the JSON files users hand us (baselines, reports, gold, sidecars)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from factcheck.errors import InputError


def read_json(path: str | os.PathLike[str], what: str) -> Any:
    """Parse a JSON file; a problem is an :class:`InputError` naming the file and ``what``."""
    try:
        # utf-8-sig: files saved by Windows editors start with a BOM.
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(str(path), f"cannot read {what}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not a valid {what}: {exc}") from None
