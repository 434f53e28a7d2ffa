"""k-anonymity for a case-level export: quasi-identifiers generalised, level by level, until
every combination of them covers at least k cases.

Each quasi-identifier has a ladder of ever coarser values (a year, then a three-year period,
then any year). Recoding is global: every record of the file is at the same level, so a
value means the same everywhere. Like Datafly, each round raises the quasi-identifier with
the most distinct values, until the records left in too-small groups are few enough to be
left out (at most `suppress_share` of them, reported); then k is the smallest group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

ANY = "*"
Record = dict[str, str]
Step = Callable[[str], str]


@dataclass(frozen=True)
class Ladder:
    """A quasi-identifier and its generalisations, finest first (the last gives `ANY`)."""

    name: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Result:
    """The records kept (generalised), and what it took."""

    records: list[Record]
    k: int | None  # None: no record could be kept
    levels: dict[str, int]
    suppressed: int


def _up(key: tuple[str, ...], ladders: Sequence[Ladder], levels: dict[str, int]) -> tuple[str, ...]:
    out = []
    for value, ladder in zip(key, ladders, strict=True):
        for step in ladder.steps[: levels[ladder.name]]:
            value = step(value)
        out.append(value)
    return tuple(out)


def anonymise(
    records: Sequence[Record], ladders: Sequence[Ladder], *, k: int, suppress_share: float
) -> Result:
    """Generalise until at most `suppress_share` of the records sit in groups under k; leave
    those out. Works on the distinct combinations, not record by record."""
    names = [ladder.name for ladder in ladders]
    original = Counter(tuple(r[n] for n in names) for r in records)
    levels = dict.fromkeys(names, 0)
    budget = int(len(records) * suppress_share)
    while True:
        mapped = {key: _up(key, ladders, levels) for key in original}
        sizes: Counter[tuple[str, ...]] = Counter()
        for key, n in original.items():
            sizes[mapped[key]] += n
        small = sum(n for n in sizes.values() if n < k)
        raisable = [lad for lad in ladders if levels[lad.name] < len(lad.steps)]
        if small <= budget or not raisable:
            break
        distinct = {lad.name: len({m[i] for m in sizes}) for i, lad in enumerate(ladders)}
        widest = max(raisable, key=lambda lad: (distinct[lad.name], -levels[lad.name]))
        levels[widest.name] += 1
    kept: list[Record] = []
    for record in records:
        key = mapped[tuple(record[n] for n in names)]
        if sizes[key] >= k:
            kept.append({**record, **dict(zip(names, key, strict=True))})
    kept_sizes = [n for n in sizes.values() if n >= k]
    return Result(kept, min(kept_sizes) if kept_sizes else None, levels, len(records) - len(kept))
