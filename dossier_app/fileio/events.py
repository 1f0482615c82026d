"""Plain data from libyaml's event stream, with a line and column for every key and value.

Why not ``yaml.load``: it builds Python objects from any tag it knows, expands
aliases, lets duplicate keys through silently, recurses on deep nesting and
forgets positions. Here one loop over the events builds dicts, lists and
scalars with an explicit stack, resolves plain scalars as YAML 1.1 (like
``SafeLoader``, so ``no`` and ``0x1F`` in a text field are still caught) except
for numbers, which are read as YAML 1.2 reads them (``1e9`` is a number,
``1_000`` text), never constructs a tagged object, rejects aliases, and records
positions in side tables keyed by ``id(container)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .collector import ProblemCollector
from .yamltypes import Timestamp

try:  # libyaml's parser, when the wheel has it: about ten times faster.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Deepest nesting of mappings and lists accepted; a dossier needs 4.
MAX_DEPTH = 64

_YAML = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL = _YAML + "str", _YAML + "int", _YAML + "float", _YAML + "bool"
_NULL, _TIMESTAMP, _MAP, _SEQ = _YAML + "null", _YAML + "timestamp", _YAML + "map", _YAML + "seq"
_MERGE = _YAML + "merge"
_MAP_TAGS = frozenset((None, "!", _MAP))
_SEQ_TAGS = frozenset((None, "!", _SEQ))

#: (key line, key column, value line, value column), all 1-based.
KeyMark = tuple[int, int, int, int]
#: (line, column), 1-based.
Mark = tuple[int, int]


class _Invalid:
    """Stands for a value that was rejected (an alias, a forbidden tag, a non-scalar key)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<rejected value>"


#: Placed where a rejected value was, so later checks neither miss the key nor report it twice.
INVALID: Any = _Invalid()
_NOKEY: Any = object()  # the mapping waits for a key
_DROP: Any = object()  # the value after a rejected or duplicate key is read and dropped


@dataclass(slots=True)
class Tree:
    """The loaded document and where each part of it is in the file."""

    root: Any
    root_mark: Mark
    key_marks: dict[int, dict[Any, KeyMark]] = field(default_factory=dict)
    item_marks: dict[int, list[Mark]] = field(default_factory=dict)
    #: 0 when the file holds no YAML document at all.
    documents: int = 1
    #: Only with ``build_tree(..., text=...)``: character offsets into that text.
    #: Per mapping: key -> (key start, value start, value end); per list: (start, end)
    #: of each item. Ends are where the value's last character is, not the next token.
    key_spans: dict[int, dict[Any, tuple[int, int, int]]] = field(default_factory=dict)
    item_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    #: ``id`` of every flow-style (``[...]``, ``{...}``) container.
    flow_ids: set[int] = field(default_factory=set)
    #: Ends of block scalars whose trailing blank lines are content (``|+``).
    keep_ends: set[int] = field(default_factory=set)

    def key_mark(self, mapping: dict[Any, Any], key: Any) -> Mark:
        m = self.key_marks[id(mapping)][key]
        return m[0], m[1]

    def value_mark(self, container: Any, key: Any) -> Mark:
        """Where the value under a mapping key or at a list index starts."""
        if isinstance(container, dict):
            m = self.key_marks[id(container)][key]
            return m[2], m[3]
        return self.item_marks[id(container)][key]

    def path_mark(self, path: list[Any], at_key: bool = False) -> Mark:
        """Where the node at ``path`` (keys and indexes from the root) starts.

        With ``at_key`` a node under a mapping key is placed at its key, which
        reads better for "missing key" than the first line of its content.
        """
        node = self.root
        mark = self.root_mark
        for step in path:
            try:
                if isinstance(node, dict):
                    km = self.key_marks[id(node)][step]
                    mark = (km[0], km[1]) if at_key else (km[2], km[3])
                elif isinstance(node, list):
                    mark = self.item_marks[id(node)][step]
                else:
                    break
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
        return mark


def tag_text(tag: str) -> str:
    """A tag as written in a file: ``!!python/object`` rather than the long form."""
    text = "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag
    return text if len(text) <= 80 else text[:77] + "..."


# -- scalars ----------------------------------------------------------------
_YAML11: dict[Any, list[tuple[str, Any]]] = Resolver.yaml_implicit_resolvers
#: Numbers in exponent notation as YAML 1.2's core schema (and the JSON Schema,
#: and every YAML 1.2 editor) reads them: ``1e9``, ``1.0e9``, ``-2.5E-3``. YAML 1.1
#: wants a dot and a signed exponent and reads these as text.
_FLOAT12 = "float-1.2"
_FLOAT12_RE = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$")
_IMPLICIT: dict[Any, list[tuple[str, Any]]] = {
    first: ([(_FLOAT12, _FLOAT12_RE)] if first in "-+.0123456789" else []) + list(resolvers)
    for first, resolvers in _YAML11.items()
}
_BOOLS: dict[str, bool] = SafeConstructor.bool_values
_CONSTRUCTOR = SafeConstructor()
_TIMESTAMP_RE = next(rx for tag, rx in _IMPLICIT["2"] if tag == _TIMESTAMP)


def _convert(tag: str, text: str) -> Any:
    """The value of a scalar of a standard tag; raises ValueError and friends when it is not one."""
    if tag == _INT:
        if text.isdigit() and text[0] != "0":
            return int(text)
        return _CONSTRUCTOR.construct_yaml_int(ScalarNode(tag, text))
    if tag == _FLOAT:
        return _CONSTRUCTOR.construct_yaml_float(ScalarNode(tag, text))
    if tag == _BOOL:
        return _BOOLS[text.lower()]
    if tag == _NULL:
        return None
    if tag == _TIMESTAMP:
        if _TIMESTAMP_RE.match(text) is None:
            raise ValueError(text)
        return Timestamp(text)
    return text  # str, and the '=' and '!' tags SafeLoader cannot build anyway


def _resolve_plain(resolvers: list[tuple[str, Any]], text: str) -> Any:
    """A plain scalar as YAML 1.1 reads it (``yes`` is true, ``0x1F`` is 31, ``~`` is null),
    except where YAML 1.2 reads a number differently: exponents without a dot or a sign
    are numbers, and digits with underscores (``1_000``) are text."""
    for tag, regexp in resolvers:
        if regexp.match(text):
            if tag == _FLOAT12:
                return float(text)
            if tag == _MERGE:
                return _MERGE_KEY
            if "_" in text and tag in (_INT, _FLOAT):
                return text
            return _convert(tag, text)
    return text


_MERGE_KEY: Any = object()
#: What SafeConstructor's scalar conversions raise on text they cannot read
#: (``!!int ''`` is an IndexError, ``!!float x`` a ValueError, ``!!bool x`` a KeyError).
_CONVERSION_ERRORS = (ValueError, LookupError, TypeError, ArithmeticError)


def _explicit(tag: str, text: str, line: int, col: int, sink: ProblemCollector) -> Any:
    if tag == "!" or tag == _STR:
        return text
    if tag in (_INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP):
        try:
            return _convert(tag, text)
        except _CONVERSION_ERRORS:
            sink.error(
                line, col, f"{text[:60]!r} is not a valid {tag_text(tag)}", code="bad-value"
            )
            return INVALID
    sink.error(line, col, _forbidden_tag(tag), code="forbidden-tag")
    return INVALID


def _forbidden_tag(tag: str) -> str:
    return (
        f"YAML tag {tag_text(tag)} is not allowed; only standard tags are "
        "(!!str, !!int, !!float, !!bool, !!null, !!timestamp, !!map, !!seq). "
        "The value was not loaded"
    )


# -- the event loop ---------------------------------------------------------
def build_tree(data: bytes, sink: ProblemCollector, text: str | None = None) -> Tree | None:
    """Parse UTF-8 ``data``; None when the parse stopped early (the error is in ``sink``).

    With ``text`` (``data`` decoded, without a byte order mark) the tree also
    records where each value starts and ends in ``text`` (``Tree.key_spans``),
    which faithful saving needs and a plain load does not.

    It stops at a YAML syntax error and at nesting deeper than ``MAX_DEPTH``.
    Other problems of the structure (aliases, tags, duplicate keys, a second
    document) go to ``sink`` too, and the offending value becomes ``INVALID``.
    ``data`` must already be known to be UTF-8.
    """
    loader = None
    try:
        loader = _Loader(data)  # the pure-Python reader checks characters right here
        return _run(loader, sink, text)
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, data, sink)
    except yaml.reader.ReaderError as exc:
        line, col = offset_mark(data, exc.position)
        char = exc.character
        shown = f"U+{char:04X}" if isinstance(char, int) else f"U+{ord(char[:1] or ' '):04X}"
        sink.error(line, col, f"YAML syntax error: {exc.reason} ({shown})", code="yaml-syntax")
    except yaml.YAMLError as exc:
        sink.error(1, 1, f"YAML syntax error: {' '.join(str(exc).split())}", code="yaml-syntax")
    finally:
        if loader is not None:
            loader.dispose()
    return None


def _empty_end(text: str, after: int, mark: int) -> int:
    """Where an empty value ends: just after the last ``:``, ``-`` or ``?`` before ``mark``.

    libyaml places an empty scalar right after its indicator; PyYAML's own parser at
    the next token, past comments. Both come out the same here.
    """
    end = after
    pos = after
    while pos < mark:
        ch = text[pos]
        if ch == "#":
            nl = text.find("\n", pos, mark)
            pos = mark if nl < 0 else nl
            continue
        if ch in ":-?":
            end = pos + 1
        pos += 1
    return end


def _run(loader: Any, sink: ProblemCollector, text: str | None = None) -> Tree | None:
    # Hot loop: locals only, dispatch on the event class, no per-event calls
    # beyond libyaml's own. Plain scalars starting with a letter that no
    # resolver cares about (most text) cost one dict lookup.
    get_event = loader.get_event
    implicit_get = _IMPLICIT.get
    cache: dict[str, Any] = {}
    cache_get = cache.get
    key_marks: dict[int, dict[Any, KeyMark]] = {}
    item_marks: dict[int, list[Mark]] = {}
    stack: list[tuple[Any, bool, Any, Any, int, int, int, int, int, int]] = []
    push = stack.append
    pop = stack.pop
    nokey, drop, invalid = _NOKEY, _DROP, INVALID

    cur: Any = None  # the container being filled; None at the top level
    is_map = False
    marks: Any = None  # key_marks or item_marks entry of ``cur``
    key: Any = nokey
    kline = kcol = 0
    root: Any = nokey
    root_mark: Mark = (1, 1)
    skip = 0  # > 0 while reading past a rejected container
    skip_line = skip_col = 0
    documents = 0
    spans = text is not None
    key_spans: dict[int, dict[Any, tuple[int, int, int]]] = {}
    item_spans: dict[int, list[tuple[int, int]]] = {}
    flow_ids: set[int] = set()
    keep_ends: set[int] = set()
    kidx = vidx = vend = last_end = 0

    while True:
        ev = get_event()
        cls = ev.__class__
        if cls is ScalarEvent:
            if skip:
                continue
            m = ev.start_mark
            line = m.line + 1
            col = m.column + 1
            value = ev.value
            tag = ev.tag
            if spans:
                vidx = m.index
                if value or ev.style or tag is not None:
                    vend = last_end = ev.end_mark.index
                    if (ev.style == "|" or ev.style == ">") and value.endswith("\n\n"):
                        keep_ends.add(vend)
                else:
                    vend = last_end = vidx = _empty_end(text, last_end, vidx)  # type: ignore[arg-type]
            if tag is None:
                if not ev.style:  # plain: '' from libyaml, None from the Python parser
                    resolvers = implicit_get(value[:1])
                    if resolvers is not None:
                        # Keys and short values repeat ("title", "2021-09", "true"):
                        # resolve each text once per file.
                        resolved = cache_get(value, nokey)
                        if resolved is nokey:
                            try:
                                resolved = _resolve_plain(resolvers, value)
                            except _CONVERSION_ERRORS:
                                sink.error(
                                    line,
                                    col,
                                    f"cannot read the value {value[:60]!r}",
                                    code="bad-value",
                                )
                                resolved = invalid
                            if resolved is _MERGE_KEY:
                                sink.error(
                                    line,
                                    col,
                                    "YAML merge keys (<<) are not supported",
                                    code="merge-key",
                                )
                                resolved = invalid
                            elif len(value) <= 32 and len(cache) < 4096 and resolved is not invalid:
                                cache[value] = resolved
                        value = resolved
            else:
                value = _explicit(tag, value, line, col, sink)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if skip:
                skip += 1
                if len(stack) + skip <= MAX_DEPTH:
                    continue
            m = ev.start_mark
            line = m.line + 1
            col = m.column + 1
            if len(stack) + skip >= MAX_DEPTH:
                # Stop reading: deeper input is hostile, and the pure-Python
                # scanner slows down quadratically with flow depth.
                sink.error(
                    line,
                    col,
                    f"nesting deeper than {MAX_DEPTH} levels is not allowed; "
                    "the rest of the file was not read",
                    code="too-deep",
                )
                return None
            is_mapping = cls is MappingStartEvent
            tag = ev.tag
            reject = False
            if tag not in (_MAP_TAGS if is_mapping else _SEQ_TAGS):
                sink.error(line, col, _forbidden_tag(tag), code="forbidden-tag")
                reject = True
            elif is_map and key is nokey:
                kind = "a mapping" if is_mapping else "a list"
                sink.error(line, col, f"a key must be plain text, not {kind}", code="complex-key")
                reject = True
            if reject:
                skip = 1
                skip_line, skip_col = line, col
                continue
            push((cur, is_map, marks, key, kline, kcol, line, col, kidx, m.index))
            if is_mapping:
                cur = {}
                marks = key_marks[id(cur)] = {}
                is_map = True
                key = nokey
                if spans:
                    key_spans[id(cur)] = {}
            else:
                cur = []
                marks = item_marks[id(cur)] = []
                is_map = False
                if spans:
                    item_spans[id(cur)] = []
            if spans and ev.flow_style:
                flow_ids.add(id(cur))
            continue
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            if skip:
                skip -= 1
                if skip:
                    continue
                value = invalid
                line, col = skip_line, skip_col
            else:
                value = cur
                cur, is_map, marks, key, kline, kcol, line, col, kidx, vidx = pop()
                if spans:
                    if id(value) in flow_ids:
                        last_end = ev.end_mark.index
                    vend = last_end
        elif cls is AliasEvent:
            if skip:
                continue
            m = ev.start_mark
            line = m.line + 1
            col = m.column + 1
            sink.error(
                line,
                col,
                f"YAML aliases (*{ev.anchor}) are not allowed; write the value out",
                code="alias",
            )
            value = invalid
        elif cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                m = ev.start_mark
                sink.error(
                    m.line + 1,
                    m.column + 1,
                    "more than one YAML document in the file; a dossier is one document",
                    code="multiple-documents",
                )
                break  # the rest is not read: one document is all a dossier may be
            continue
        elif cls is StreamEndEvent:
            break
        else:  # stream start, document end
            continue

        # Place ``value`` (read at line, col) into the current container.
        if is_map:
            if key is nokey:
                if value is invalid:
                    key = drop
                elif value in cur:
                    first = marks[value]
                    sink.error(
                        line,
                        col,
                        f"duplicate key {value!r}: already given at line {first[0]}",
                        code="duplicate-key",
                    )
                    key = drop
                else:
                    key = value
                    kline = line
                    kcol = col
                    kidx = vidx
            else:
                if key is not drop:
                    cur[key] = value
                    marks[key] = (kline, kcol, line, col)
                    if spans:
                        key_spans[id(cur)][key] = (kidx, vidx, vend)
                key = nokey
        elif cur is not None:
            cur.append(value)
            marks.append((line, col))
            if spans:
                item_spans[id(cur)].append((vidx, vend))
        else:
            root = value
            root_mark = (line, col)

    if root is nokey:  # no document at all: nothing but comments and blank lines
        return Tree(None, (1, 1), key_marks, item_marks, documents=0)
    return Tree(
        root, root_mark, key_marks, item_marks, 1, key_spans, item_spans, flow_ids, keep_ends
    )


def offset_mark(data: bytes, offset: int) -> Mark:
    """Line and column (1-based, columns in characters) of a byte offset."""
    offset = max(0, min(offset, len(data)))
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def _line_text(data: bytes, line: int) -> str:
    """The text of a 1-based line (only used on the error path)."""
    start = 0
    for _ in range(line - 1):
        start = data.find(b"\n", start) + 1
        if start == 0:
            return ""
    end = data.find(b"\n", start)
    return data[start : end if end >= 0 else len(data)].decode("utf-8", "replace")


def _syntax_error(exc: yaml.MarkedYAMLError, data: bytes, sink: ProblemCollector) -> None:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    message = f"YAML syntax error: {problem}"
    if "maximum nesting depth" in problem:
        message += f" (nesting deeper than {MAX_DEPTH} levels is not allowed)"
    cm = exc.context_mark
    if exc.context and cm is not None and (cm.line + 1, cm.column + 1) != (line, col):
        message += f" ({exc.context} at line {cm.line + 1}, column {cm.column + 1})"
    if "cannot start any token" in problem:
        text = _line_text(data, line)
        if col - 1 < len(text) and text[col - 1] == "\t":
            message += "; tabs cannot be used for indentation, use spaces"
    sink.error(line, col, message, code="yaml-syntax")
