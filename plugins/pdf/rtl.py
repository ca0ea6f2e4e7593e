"""Right-to-left text (Arabic, Hebrew) for reportlab, through python-bidi.

reportlab orders mixed-direction lines with the Unicode bidirectional
algorithm when a module named ``rlbidi`` (its binding to GNU FriBidi) can be
imported; that binding is not published on PyPI.  :func:`install` provides a
module of that name whose one function, ``log2vis``, is written on the
reference implementation of the algorithm in python-bidi.  It must run before
reportlab's text module is first imported, which the PDF writer ensures by
calling it before importing reportlab; :func:`supported` says whether it
took effect.
"""

from __future__ import annotations

import sys
import types


def log2vis(text: str, base_direction: str | None = "LTR", clean: bool = True,
            positions_V_to_L: list[int] | None = None) -> str:
    """``text`` in visual order, left to right, for a paragraph of base
    direction ``LTR`` or ``RTL``; ``positions_V_to_L`` receives, for each
    visual position, the logical index of its character."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    direction = (base_direction or "").upper()
    level = 1 if direction == "RTL" else 0 if direction == "LTR" else algorithm.get_base_level(text)
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    algorithm.get_embedding_levels(text, storage)
    for index, character in enumerate(storage["chars"]):
        character["index"] = index
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    characters = storage["chars"]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = [character["index"] for character in characters]
    return "".join(character["ch"] for character in characters)


def install() -> None:
    """Offer :func:`log2vis` to reportlab as ``rlbidi`` (when no real one is installed)."""
    if "rlbidi" in sys.modules:
        return
    try:
        import rlbidi  # noqa: F401  (a real FriBidi binding, if someone installed one)
        return
    except ImportError:
        pass
    module = types.ModuleType("rlbidi", "The Unicode bidirectional algorithm for reportlab, from python-bidi.")
    module.log2vis = log2vis  # type: ignore[attr-defined]
    sys.modules["rlbidi"] = module


def supported() -> bool:
    """True when reportlab orders right-to-left text."""
    from reportlab.pdfgen import textobject

    return bool(textobject.rtlSupport)
