"""Scalar types the loader keeps so that unknown keys are written back as they were read."""

from __future__ import annotations


class Timestamp(str):
    """A plain YAML timestamp (``2021-09-22``) kept as its text, written back unquoted."""

    __slots__ = ()
