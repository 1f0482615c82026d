"""The content hash that tells whether a file on disk is the one we loaded or saved."""

from __future__ import annotations

import hashlib


def content_hash(data: bytes) -> str:
    """Hex BLAKE2b (128-bit) of a file's bytes; fast, and the same everywhere in the app."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
