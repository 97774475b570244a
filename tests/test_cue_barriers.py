"""The cue scans of `semantics` resume after a barrier character (`_CUE_BARRIERS`), and some
searches of a window before a figure start after its last barrier (`_search_tail`): that is
only the same search when no match can hold a barrier (and, for the latter, every match ends
at the window's end). Checked on the parsed patterns, so that a rule edited to hold, say,
`tp.` fails here instead of silently changing the figures."""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

import pytest

from chitieu.figures import semantics

_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}


def _in_set(items, ch: str) -> bool:
    negate, hit = False, False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit |= chr(av) == ch
        elif op is C.RANGE:
            hit |= av[0] <= ord(ch) <= av[1]
        else:
            hit |= op is not C.CATEGORY or bool(re.fullmatch(_CATEGORIES[av], ch))
    return hit != negate


def _can_consume(items, ch: str) -> bool:
    """Whether a match of the parsed `items` may hold `ch` (lookarounds hold nothing)."""
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue
        if op is C.LITERAL:
            hit = chr(av) == ch
        elif op is C.IN:
            hit = _in_set(av, ch)
        elif op is C.SUBPATTERN:
            hit = _can_consume(av[3], ch)
        elif op is C.BRANCH:
            hit = any(_can_consume(alt, ch) for alt in av[1])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            hit = _can_consume(av[2], ch)
        else:
            hit = True  # anything else (`.`, a back reference, ...): it may
        if hit:
            return True
    return False


def _ends_at_end(items) -> bool:
    """Whether every match of the parsed `items` ends with `$`."""
    if not items:
        return False
    op, av = items[-1]
    if op is C.AT:
        return av is C.AT_END
    if op is C.SUBPATTERN:
        return _ends_at_end(list(av[3]))
    if op is C.BRANCH:
        return all(_ends_at_end(list(alt)) for alt in av[1])
    return False


_TAILS = [
    (semantics._GOAL_APPOSITION_RE, semantics._APPOSITION_BARRIERS),
    (semantics._ESTIMATE_FRAME_RE, semantics._FRAME_BARRIERS),
    (semantics._YARDSTICK_RE, semantics._YARDSTICK_BARRIERS),
    (semantics._GOALS_NAMED_RE, semantics._GOALS_NAMED_BARRIERS),
]


@pytest.mark.parametrize(("rx", "barriers"), _TAILS)
def test_tail_searches_hold_no_barrier(rx, barriers):
    tree = P.parse(rx.pattern)
    assert _ends_at_end(list(tree)), "a match may end before the window's end"
    assert not rx.flags & re.MULTILINE, "`$` may match before any line break"
    held = [ch for ch in barriers if _can_consume(tree, ch)]
    assert not held, f"a match may hold {held}: drop them from its barriers"


@pytest.mark.parametrize("rx", [semantics._CUE_RE, semantics._CUE_LOWER_RE])
def test_no_cue_holds_a_barrier(rx):
    tree = P.parse(rx.pattern)
    held = [ch for ch in semantics._CUE_BARRIERS if _can_consume(tree, ch)]
    assert not held, f"a cue match may hold {held}: drop them from _CUE_BARRIERS"


def test_the_check_sees_a_barrier():
    assert _can_consume(P.parse(r"(?i)(?<!\w)tp\.\s"), ".")
    assert not _can_consume(P.parse(r"(?i)(?<!\w)đạt(?=[^,;:.]*$)\s+\d"), ".")
    assert _ends_at_end(list(P.parse(r"(?i)(?:a|b\s*)$|c$")))
    assert not _ends_at_end(list(P.parse(r"(?i)a$|c")))


def test_price_basis_needs_a_bracket():
    # `left_phrase` cuts the price basis only from a piece holding `(`: the pattern must need one
    from chitieu.figures import indicators

    tree = list(P.parse(indicators._PRICE_BASIS_RE.pattern))
    assert (C.LITERAL, ord("(")) in tree
