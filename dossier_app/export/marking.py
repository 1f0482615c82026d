"""The marking as printed: TLP 2.0 colours and the banner text (no Qt)."""

from __future__ import annotations

#: TLP 2.0 print colours as (text, background): coloured text on black, as FIRST specifies.
TLP_COLOURS: dict[str, tuple[str, str]] = {
    "TLP:RED": ("#FF2B2B", "#000000"),
    "TLP:AMBER": ("#FFC000", "#000000"),
    "TLP:AMBER+STRICT": ("#FFC000", "#000000"),
    "TLP:GREEN": ("#33FF00", "#000000"),
    "TLP:CLEAR": ("#FFFFFF", "#000000"),
}

#: The banner's size: readable at arm's length.
BANNER_PT = 12.0


def marking_colours(marking: str) -> tuple[str, str]:
    """(text, background) of a marking; an unknown one prints like TLP:CLEAR."""
    return TLP_COLOURS.get(marking, TLP_COLOURS["TLP:CLEAR"])
