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
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


_SCALARS = (str, int, float, bool)


_AS_IS = frozenset({str, int, float, bool, type(None)})  # exact types: the common case, one set lookup


def encode(value: Any) -> Any:
    """The JSON-native form of a dataclass, tuple, date or scalar."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is tuple or kind is list:
        return [encode(item) for item in value]
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
    return _decoder(tp)(data)


@cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """The function that decodes values of type ``tp``: worked out once per type, since pages
    and listings decode thousands of records."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        inner = _decoder(options[0]) if len(options) == 1 else _as_is
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item_decoder = _decoder(args[0])
            return lambda data: None if data is None else tuple(item_decoder(item) for item in data)
        decoders = [_decoder(arg) for arg in args]
        return lambda data: (
            None if data is None else tuple(d(item) for d, item in zip(decoders, data, strict=True))
        )
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        fields = [(name, _decoder(hint)) for name, hint in _hints(tp).items()]
        cls = tp
        return lambda data: (
            None if data is None else cls(**{name: d(data[name]) for name, d in fields if name in data})
        )
    if tp is date:
        return lambda data: None if data is None else date.fromisoformat(data)
    return _as_is


def _as_is(data: Any) -> Any:
    return data


def decode_as(cls: type[T], data: Any) -> T:
    """``decode`` with the result typed as ``cls``."""
    return typing.cast(T, decode(cls, data))


def dumps(value: Any) -> str:
    """Canonical JSON text of a value (sorted keys, no spaces): equal values give equal text."""
    return dumps_encoded(encode(value))


def dumps_encoded(encoded: Any) -> str:
    """``dumps`` of a value already ``encode``d (for a caller that uses the encoded form as well)."""
    return json.dumps(encoded, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@cache
def _hints(cls: type) -> dict[str, Any]:
    """The stored fields of a dataclass and their resolved types."""
    resolved = typing.get_type_hints(cls)
    return {f.name: resolved[f.name] for f in dataclasses.fields(cls) if f.compare}
