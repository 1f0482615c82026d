"""The one canonical writer of dossier files: ``dump_dossier`` and ``save_dossier``.

Canonical form (what ``dossier-app format`` produces, and every save):

- The file's leading comment block (``Dossier.header_comments``) first, then the
  keys in the order of ``dossier-format.md`` (``*_KEYS`` in the model), then each
  object's unknown keys (``extra``) in the order they were read.
- Optional keys that are ``None`` and optional lists or mappings that are empty
  are left out: the smallest valid dossier is ``format`` plus ``company.name``.
  An empty *string* is written as ``''`` so that load → save → load is exact.
  ``approximate: true`` is written only for an approximate date, ``qualifier``
  only when set (absent means exact), ``format`` always comes first.
- Lists of objects (sources, timeline, figures) and mappings are block style,
  one key per line, so a git diff shows the field that changed. Lists of short
  scalars (``tags``, ``sources``, ``aliases``, and unknown keys holding such a
  list) and ``identifiers`` are flow style (``[cloud, us-china]``,
  ``{NYSE: BABA}``) as in the format document: one line per list, compact.
  List items start at their key's indentation (``timeline:`` then ``- id: ...``),
  libyaml's only layout; PyYAML's own emitter gives the same bytes.
- Multi-line text is a block literal (``|``, ``|-``, ``|+``, with an indentation
  indicator when the text starts with a space); where a literal cannot hold the
  text (trailing spaces, tabs, control characters) the emitter quotes it.
- Lines never fold (very wide ``width``). Unicode is written literally, emoji
  included. No anchors or aliases, however objects are shared.
- Partial dates keep their precision, unquoted: ``2021`` (an int), ``2021-09``
  (a string), ``2021-09-21`` (a timestamp). A year before 1000 is written
  ``0987`` (a string the loader reads as that year).
- The header comment lines are written as they were read, a line that is not a
  comment gets ``# ``; other comments in a hand-edited file are not kept.
- A string YAML 1.1 would read as something else (``no``, ``~``, ``0x1F``,
  ``2021-01-01``...) is quoted; so are YAML 1.2 numbers PyYAML reads as strings
  (``1e3``, ``0o17``), so other tools read the file the same way.

Nodes are built straight from the domain objects and serialized by libyaml
(``CSafeDumper``): no representer dispatch, which keeps a save faster than a
bare ``yaml.dump`` of the same data.
"""

from __future__ import annotations

import datetime as _dt
import gc
import io
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..domain.dates import PartialDate
from ..domain.model import (
    COMPANY_KEYS,
    DEVELOPMENT_KEYS,
    DOSSIER_KEYS,
    FIGURE_KEYS,
    JUDGEMENT_KEYS,
    SOURCE_KEYS,
    Company,
    Development,
    Dossier,
    Figure,
    Judgement,
    Source,
)
from .atomic import write_bytes_atomic
from .hashing import content_hash
from .problems import SaveError
from .yamltypes import Timestamp

__all__ = [
    "DossierDumper",
    "PyDossierDumper",
    "dossier_bytes",
    "dossier_node",
    "dump_dossier",
    "save_dossier",
]

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"

#: Lines never fold. libyaml and PyYAML both take a plain C int here.
WIDTH = 1 << 30


def _node_tag_for_kind(kind: type) -> str:
    return SEQ_TAG if kind is SequenceNode else MAP_TAG


def _make_dumper(base: type[yaml.SafeDumper], name: str) -> type[yaml.SafeDumper]:
    """A dumper class on ``base`` (libyaml's or PyYAML's own emitter) with the dossier rules."""

    class Dumper(base):  # type: ignore[valid-type,misc]
        #: first character -> [(tag, regexp)], built below from the implicit resolvers.
        _by_first: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

        def ignore_aliases(self, data: Any) -> bool:
            return True

        # No path resolvers are registered, so the per-node bookkeeping is skipped.
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            """The tag a plain scalar would load as; the emitter quotes a str that differs."""
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in self._by_first.get(value[:1], ()):
                        if regexp.match(value):
                            return tag
                return STR_TAG
            return _node_tag_for_kind(kind)

    Dumper.__name__ = Dumper.__qualname__ = name
    # YAML 1.2 numbers that YAML 1.1 (PyYAML) reads as strings: quote such strings
    # too, so that yaml-language-server and other 1.2 tools agree with the app.
    Dumper.add_implicit_resolver(
        FLOAT_TAG,
        re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)[eE][-+]?[0-9]+$"),
        list("-+.0123456789"),
    )
    Dumper.add_implicit_resolver(INT_TAG, re.compile(r"^[-+]?0o[0-7]+$"), list("-+0"))
    wildcard = list(Dumper.yaml_implicit_resolvers.get(None, []))
    Dumper._by_first = {
        first: list(resolvers) + wildcard
        for first, resolvers in Dumper.yaml_implicit_resolvers.items()
        if first is not None
    }
    Dumper.add_representer(str, _represent_str)
    Dumper.add_representer(Timestamp, _represent_timestamp)
    Dumper.add_representer(PartialDate, _represent_partial_date)
    return Dumper


# Representers for ``yaml.dump(plain_data, Dumper=DossierDumper)``: the same
# styles as the node builder below, for callers that hold plain data.
def _represent_str(dumper: yaml.SafeDumper, data: str) -> ScalarNode:
    return _str(data)


def _represent_timestamp(dumper: yaml.SafeDumper, data: Timestamp) -> ScalarNode:
    return ScalarNode(TIMESTAMP_TAG, str(data))


def _represent_partial_date(dumper: yaml.SafeDumper, data: PartialDate) -> ScalarNode:
    return _date(data)


#: PyYAML's own (pure Python) emitter with the dossier rules; slow, kept for
#: machines without libyaml and to check that both emitters agree.
PyDossierDumper = _make_dumper(yaml.SafeDumper, "PyDossierDumper")
#: The dumper every dossier save uses: libyaml when present, no aliases, fast
#: resolving. ``yaml.dump(data, Dumper=DossierDumper)`` gives plain data the same
#: styles (block literal for multi-line strings, no anchors).
DossierDumper = (
    _make_dumper(yaml.CSafeDumper, "DossierDumper")  # type: ignore[arg-type]
    if hasattr(yaml, "CSafeDumper")
    else PyDossierDumper
)


# -- scalar nodes -------------------------------------------------------------

def _str(value: str) -> ScalarNode:
    # Literal style is a request: the emitter falls back to quotes where a
    # literal cannot hold the text, and in flow context.
    return ScalarNode(STR_TAG, value, style="|" if "\n" in value else None)


def _key(name: str) -> ScalarNode:
    return ScalarNode(STR_TAG, name)


def _int(value: int) -> ScalarNode:
    return ScalarNode(INT_TAG, str(int(value)))


def _float_text(value: float) -> str:
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:  # 1e+17 is not a YAML 1.1 float; 1.0e+17 is
        text = text.replace("e", ".0e", 1)
    return text


def _number(value: int | float) -> ScalarNode:
    if isinstance(value, bool):
        return ScalarNode(BOOL_TAG, "true" if value else "false")
    if isinstance(value, int):
        return _int(value)
    return ScalarNode(FLOAT_TAG, _float_text(value))


def _date(value: PartialDate) -> ScalarNode:
    """A partial date in its own precision, each with the tag that keeps it plain."""
    if value.month is None:
        if value.year < 1000:  # "0987" is no YAML int: write the string the loader also reads
            return ScalarNode(STR_TAG, f"{value.year:04d}")
        return ScalarNode(INT_TAG, str(value.year))
    if value.day is None:
        return ScalarNode(STR_TAG, f"{value.year:04d}-{value.month:02d}")
    return ScalarNode(TIMESTAMP_TAG, f"{value.year:04d}-{value.month:02d}-{value.day:02d}")


def _flow_strings(values: Iterable[str]) -> SequenceNode:
    return SequenceNode(SEQ_TAG, [_str(v) for v in values], flow_style=True)


def _value(value: Any) -> Node:
    """A node for any value the loader may keep under an unknown key."""
    if isinstance(value, Timestamp):
        return ScalarNode(TIMESTAMP_TAG, str(value))
    if isinstance(value, str):
        return _str(value)
    if value is None:
        return ScalarNode(NULL_TAG, "null")
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, PartialDate):
        return _date(value)
    if isinstance(value, _dt.datetime):
        return ScalarNode(TIMESTAMP_TAG, value.isoformat(" "))
    if isinstance(value, _dt.date):
        return ScalarNode(TIMESTAMP_TAG, value.isoformat())
    if isinstance(value, Mapping):
        return MappingNode(
            MAP_TAG, [(_value(k), _value(v)) for k, v in value.items()], flow_style=False
        )
    if isinstance(value, list | tuple):
        flow = all(_is_short_scalar(v) for v in value)
        return SequenceNode(SEQ_TAG, [_value(v) for v in value], flow_style=flow)
    raise TypeError(f"cannot write a {type(value).__name__} to a dossier file: {value!r}")


def _is_short_scalar(value: Any) -> bool:
    if isinstance(value, str):
        return "\n" not in value
    return value is None or isinstance(value, int | float | PartialDate | _dt.date)


# -- object nodes ---------------------------------------------------------------

Pairs = list[tuple[Node, Node]]


def _add_extra(pairs: Pairs, extra: Mapping[Any, Any], known: tuple[str, ...]) -> None:
    for key, value in extra.items():
        if key in known:
            # Two values for one key would write a duplicate key: a file that no longer loads.
            raise ValueError(f"unknown-key store holds the known key {key!r}")
        pairs.append((_value(key), _value(value)))


def _mapping(pairs: Pairs) -> MappingNode:
    return MappingNode(MAP_TAG, pairs, flow_style=False)


def _company(c: Company) -> MappingNode:
    pairs: Pairs = [(_key("name"), _str(c.name))]
    if c.short_name is not None:
        pairs.append((_key("short_name"), _str(c.short_name)))
    if c.aliases:
        pairs.append((_key("aliases"), _flow_strings(c.aliases)))
    if c.headquarters is not None:
        pairs.append((_key("headquarters"), _str(c.headquarters)))
    if c.sector is not None:
        pairs.append((_key("sector"), _str(c.sector)))
    if c.identifiers:
        ids = [(_value(k), _value(v)) for k, v in c.identifiers.items()]
        pairs.append((_key("identifiers"), MappingNode(MAP_TAG, ids, flow_style=True)))
    if c.summary is not None:
        pairs.append((_key("summary"), _str(c.summary)))
    if c.extra:
        _add_extra(pairs, c.extra, COMPANY_KEYS)
    return _mapping(pairs)


def _source(s: Source) -> MappingNode:
    pairs: Pairs = [(_key("id"), _str(s.id)), (_key("title"), _str(s.title))]
    if s.publisher is not None:
        pairs.append((_key("publisher"), _str(s.publisher)))
    if s.author is not None:
        pairs.append((_key("author"), _str(s.author)))
    if s.url is not None:
        pairs.append((_key("url"), _str(s.url)))
    if s.archive_url is not None:
        pairs.append((_key("archive_url"), _str(s.archive_url)))
    if s.published is not None:
        pairs.append((_key("published"), _date(s.published)))
    if s.accessed is not None:
        pairs.append((_key("accessed"), _date(s.accessed)))
    if s.reliability is not None:
        pairs.append((_key("reliability"), _str(s.reliability)))
    if s.notes is not None:
        pairs.append((_key("notes"), _str(s.notes)))
    for key, text in (("via", s.via), ("archived", s.archived), ("sha256", s.sha256)):
        if text is not None:
            pairs.append((_key(key), _str(text)))
    if s.extra:
        _add_extra(pairs, s.extra, SOURCE_KEYS)
    return _mapping(pairs)


_TRUE = "true"


def _development(d: Development) -> MappingNode:
    pairs: Pairs = [(_key("id"), _str(d.id)), (_key("date"), _date(d.date))]
    if d.end is not None:
        pairs.append((_key("end"), _date(d.end)))
    if d.date.approximate:
        pairs.append((_key("approximate"), ScalarNode(BOOL_TAG, _TRUE)))
    pairs.append((_key("title"), _str(d.title)))
    if d.summary is not None:
        pairs.append((_key("summary"), _str(d.summary)))
    if d.tags:
        pairs.append((_key("tags"), _flow_strings(d.tags)))
    if d.sources:
        pairs.append((_key("sources"), _flow_strings(d.sources)))
    if d.credibility is not None:
        pairs.append((_key("credibility"), _number(d.credibility)))
    if d.extra:
        _add_extra(pairs, d.extra, DEVELOPMENT_KEYS)
    return _mapping(pairs)


def _figure(f: Figure) -> MappingNode:
    pairs: Pairs = [
        (_key("id"), _str(f.id)),
        (_key("label"), _str(f.label)),
        (_key("value"), _number(f.value)),
        (_key("unit"), _str(f.unit)),
    ]
    if f.period is not None:
        pairs.append((_key("period"), _str(f.period)))
    if f.as_of is not None:
        pairs.append((_key("as_of"), _date(f.as_of)))
    if f.qualifier is not None:
        pairs.append((_key("qualifier"), _str(f.qualifier)))
    if f.sources:
        pairs.append((_key("sources"), _flow_strings(f.sources)))
    if f.note is not None:
        pairs.append((_key("note"), _str(f.note)))
    if f.extra:
        _add_extra(pairs, f.extra, FIGURE_KEYS)
    return _mapping(pairs)


def _judgement(j: Judgement) -> MappingNode:
    pairs: Pairs = [
        (_key("id"), _str(j.id)),
        (_key("text"), _str(j.text)),
        (_key("confidence"), _str(j.confidence)),
    ]
    if j.likelihood is not None:
        pairs.append((_key("likelihood"), _str(j.likelihood)))
    if j.based_on:
        pairs.append((_key("based_on"), _flow_strings(j.based_on)))
    if j.extra:
        _add_extra(pairs, j.extra, JUDGEMENT_KEYS)
    return _mapping(pairs)


def _briefing_pairs(d: Dossier) -> Pairs:
    """``bottom_line`` and ``judgements``, where the dossier has them."""
    pairs: Pairs = []
    if d.bottom_line is not None:
        pairs.append((_key("bottom_line"), _str(d.bottom_line)))
    if d.judgements:
        pairs.append((_key("judgements"), _block_list(d.judgements, _judgement)))
    return pairs


def _block_list(items: list[Any], build: Callable[[Any], MappingNode]) -> SequenceNode:
    return SequenceNode(SEQ_TAG, [build(x) for x in items], flow_style=False)


def dossier_node(d: Dossier) -> MappingNode:
    """The YAML node tree of a dossier in canonical order (fresh nodes: nothing shared)."""
    pairs: Pairs = [(_key("format"), _str(d.format)), (_key("company"), _company(d.company))]
    if d.marking is not None:
        pairs.append((_key("marking"), _str(d.marking)))
    if d.reviewed is not None:
        pairs.append((_key("reviewed"), _date(d.reviewed)))
    if d.tags:
        pairs.append((_key("tags"), _flow_strings(d.tags)))
    pairs += _briefing_pairs(d)
    if d.sources:
        pairs.append((_key("sources"), _block_list(d.sources, _source)))
    if d.timeline:
        pairs.append((_key("timeline"), _block_list(d.timeline, _development)))
    if d.figures:
        pairs.append((_key("figures"), _block_list(d.figures, _figure)))
    if d.extra:
        _add_extra(pairs, d.extra, DOSSIER_KEYS)
    return _mapping(pairs)


# -- emitting -----------------------------------------------------------------

# libyaml escapes characters beyond the Basic Multilingual Plane (emoji) as
# "\U0001F600" and double-quotes their scalar. Such characters are swapped for
# private-use stand-ins the document does not use, emitted, and swapped back:
# the stand-ins are printable to libyaml, so each scalar keeps its style.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_PRIVATE_USE = range(0xE000, 0xF900)


def _serialize(node: Node, dumper_class: type[yaml.SafeDumper]) -> str:
    stream = io.StringIO()
    dumper = dumper_class(
        stream,
        default_flow_style=False,
        allow_unicode=True,
        width=WIDTH,
        sort_keys=False,
    )
    dumper.open()
    dumper.serialize(node)
    dumper.close()
    return stream.getvalue()


def _scalars(node: Node) -> Iterable[ScalarNode]:
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ScalarNode):
            yield n
        elif isinstance(n, SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, MappingNode):
            for k, v in n.value:
                stack.append(k)
                stack.append(v)


def _serialize_keeping_astral(node: Node, dumper_class: type[yaml.SafeDumper]) -> str:
    scalars = list(_scalars(node))
    astral = sorted({ch for s in scalars for ch in _ASTRAL.findall(s.value)})
    if not astral:
        return _serialize(node, dumper_class)
    used = {ch for s in scalars for ch in s.value if "\ue000" <= ch < "\uf900"}
    spare = (chr(cp) for cp in _PRIVATE_USE if chr(cp) not in used)
    stand_in = dict(zip(astral, spare, strict=False))
    if len(stand_in) < len(astral):  # thousands of distinct emoji: escapes are acceptable
        return _serialize(node, dumper_class)
    table = str.maketrans(stand_in)
    for s in scalars:
        s.value = s.value.translate(table)
    text = _serialize(node, dumper_class)
    return text.translate(str.maketrans({v: k for k, v in stand_in.items()}))


def _header(lines: Iterable[str]) -> str:
    """The leading comment block; a line that is not a comment is made one."""
    out: list[str] = []
    for raw in lines:
        for line in raw.splitlines() or [""]:
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                line = "# " + line
            out.append(line.rstrip() + "\n")
    return "".join(out)


def _emit(node: Node, dumper_class: type[yaml.SafeDumper] | None = None) -> str:
    """Serialize a fresh node tree (it may be altered) with the canonical settings."""
    dumper_class = dumper_class or DossierDumper
    text = _serialize(node, dumper_class)
    if "\\U" in text:  # rare: maybe an escaped emoji (or a literal backslash-U)
        text = _serialize_keeping_astral(node, dumper_class)
    # libyaml ends the stream with a "..." marker once any "|+" text was written;
    # at the end of a file it means nothing (a line of the root mapping starting
    # "..." cannot be content), so it is dropped.
    if text.endswith("\n...\n"):
        text = text[: -len("...\n")]
    return text


def dump_dossier(d: Dossier, dumper_class: type[yaml.SafeDumper] | None = None) -> str:
    """The canonical YAML text of a dossier: the same dossier always gives the same text.

    ``dumper_class`` is for tests comparing libyaml with PyYAML's own emitter.
    """
    # Hundreds of thousands of short-lived nodes, none in a cycle: the cyclic
    # garbage collector would only rescan the whole dossier again and again.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _header(d.header_comments) + _emit(dossier_node(d), dumper_class)
    finally:
        if gc_was_enabled:
            gc.enable()


def dossier_bytes(d: Dossier, original: Any = None) -> bytes:
    """The bytes a save writes: over ``original`` (the file as loaded) faithfully, else canonical.

    Raises ``ValueError``/``TypeError``/``UnicodeEncodeError`` for what cannot be written.
    """
    if original is None:
        return dump_dossier(d).encode("utf-8")
    from .faithful import faithful_text  # the splicer builds on this module

    return faithful_text(original, d).text.encode("utf-8")  # checks bytes it is given


def save_dossier(
    d: Dossier, path: str | os.PathLike[str], original: Any = None
) -> str:
    """Write a dossier atomically; return the content hash of the bytes written.

    With ``original`` (the bytes the dossier was loaded from, or their
    ``faithful.FaithfulBase``) the save is faithful: only what changed is
    rewritten (``fileio.faithful``); without it the file is written in
    canonical form. Raises ``SaveError`` (naming the
    step that failed) and leaves the file on disk unchanged when the save
    cannot be completed.
    """
    name = os.fspath(path)
    try:
        data = dossier_bytes(d, original)
    except (UnicodeEncodeError, ValueError, TypeError, yaml.YAMLError) as exc:
        raise SaveError(name, "encode", str(exc)) from exc
    write_bytes_atomic(name, data)
    return content_hash(data)
