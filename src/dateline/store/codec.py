"""A small JSON codec for the model's frozen dataclasses.

``encode`` turns a dataclass (or a tuple of them) into JSON-native values: dates become ISO
strings, tuples become lists, dataclasses become objects keyed by field name. ``decode``
rebuilds the value from the type hints of the class, so ``decode(type(x), encode(x)) == x``.
Fields declared with ``compare=False`` (such as ``Annotated.spacy_doc``) are not stored.
A stored object that lacks a field (written before the field was added) gets its default.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


_SCALARS = (str, int, float, bool)


def encode(value: Any) -> Any:
    """The JSON-native form of a dataclass, tuple, date or scalar."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    names = _stored_fields(type(value))
    if names is not None:
        return {name: encode(getattr(value, name)) for name in names}
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


@cache
def _stored_fields(cls: type) -> tuple[str, ...] | None:
    """The names of a dataclass's stored fields (``compare=False`` ones are not stored); None for others."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if f.compare)


def decode(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from its ``encode``d form."""
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return decode(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], item) for item in data)
        return tuple(decode(arg, item) for arg, item in zip(args, data, strict=True))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {name: decode(hint, data[name]) for name, hint in hints.items() if name in data}
        return tp(**kwargs)
    if tp is date:
        return date.fromisoformat(data)
    return data


def decode_as(cls: type[T], data: Any) -> T:
    """``decode`` with the result typed as ``cls``."""
    return typing.cast(T, decode(cls, data))


def dumps(value: Any) -> str:
    """Canonical JSON text of a value (sorted keys, no spaces): equal values give equal text."""
    return json.dumps(encode(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@cache
def _hints(cls: type) -> dict[str, Any]:
    """The stored fields of a dataclass and their resolved types."""
    resolved = typing.get_type_hints(cls)
    return {f.name: resolved[f.name] for f in dataclasses.fields(cls) if f.compare}
