"""Fixtures of the Word renderer tests: a tiny PNG, sample report models, PDF conversion."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest


def _png(width: int, height: int) -> bytes:
    """A valid grey RGB PNG made without a browser (python-docx only reads its header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def tiny_png(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.png"
    path.write_bytes(_png(90, 45))
    return path
