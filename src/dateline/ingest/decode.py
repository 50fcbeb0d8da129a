"""Bytes to text: UTF-8 (with or without a BOM), else an encoding charset-normalizer finds plausible.

Binary data (NUL bytes without a UTF-16/32 byte order mark, or no plausible encoding) is
rejected with an :class:`~dateline.errors.InputError`. Line ends become ``\\n``; everything
else, non-breaking spaces included, is kept as it is, because evidence offsets index the text.
"""

from __future__ import annotations

import codecs
import logging
import os
import stat
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from dateline.errors import InputError
from dateline.ingest.walk import refusal

log = logging.getLogger(__name__)

# Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# When a short Western text fits several single-byte code pages about equally well,
# prefer Windows-1252, by far the most common of them in English-language news.
_PREFERRED = "cp1252"
_PREFERENCE_MARGIN = 0.1


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary, refused (InputError) unless it is a regular file.

    Opened with O_NONBLOCK, so that a FIFO (swapped in after the folder was walked) is
    refused instead of blocking the open forever.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise refusal(path, mode)
    return os.fdopen(fd, "rb")


def read_limited(path: Path, max_bytes: int, what: str = "text") -> bytes:
    """A file's bytes, refusing (without reading it) a file larger than ``max_bytes``."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block the open forever
        raise refusal(path, info.st_mode)
    if info.st_size > max_bytes:
        limit = _megabytes(max_bytes)
        raise InputError(str(path), f"too large: {_megabytes(info.st_size)} of {what} (the limit is {limit})")
    with open_regular(path) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while we looked
        raise InputError(str(path), f"too large: over {_megabytes(max_bytes)} of {what} (the limit)")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, path: str | Path) -> str:
    """Decode one file's (or one record's) bytes, or raise InputError naming ``path``.

    Returns the text with normalised line ends; an empty result is left to the caller.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalize_newlines(data.decode(encoding))
            except UnicodeDecodeError as err:
                reason = f"not valid {encoding.upper()} despite its byte order mark ({err.reason})"
                raise InputError(str(path), reason) from err
    if b"\x00" in data:
        raise InputError(str(path), "binary file (contains NUL bytes), not text")
    try:
        return normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    encoding, text = _detect(data)
    if text is None:
        reason = "binary or undecodable file: not UTF-8 and no plausible text encoding found"
        raise InputError(str(path), reason)
    log.info("%s: not UTF-8, decoded as %s", path, encoding)
    return normalize_newlines(text)


def _detect(data: bytes) -> tuple[str | None, str | None]:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None, None
    chosen = best
    if best.encoding != _PREFERRED:
        for match in matches:
            if match.encoding == _PREFERRED and match.chaos <= best.chaos + _PREFERENCE_MARGIN:
                chosen = match
                break
    return chosen.encoding, str(chosen)
