"""Load the labelled claim pairs (tests/data/matching) and score claim matching on them.

make eval        # or: .venv/bin/python -m tests.matching_set
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.matching import Thresholds, compare, profile

DATA = Path(__file__).resolve().parent / "data" / "matching"
HARD = ("hard_number", "hard_date", "hard_place", "hard_subject", "hard_negation", "hard_claimant")


@dataclass(frozen=True)
class Pair:
    """Two wordings, whether they are one claim, and what kind of pair they are."""

    id: str
    lang: str
    kind: str
    same: bool
    a: dict
    b: dict


def load_pairs(path: Path | None = None) -> list[Pair]:
    """Return the pairs of a JSON Lines file (pairs.jsonl by default)."""
    path = path or DATA / "pairs.jsonl"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            pairs.append(Pair(row["id"], row["lang"], row["kind"], row["same"], row["a"], row["b"]))
    return pairs


def score(pair: Pair, thresholds: Thresholds):
    """Return the comparison of a pair's two wordings."""
    a = profile(pair.a["text"], pair.a.get("claimant"))
    b = profile(pair.b["text"], pair.b.get("claimant"))
    return compare(a, b, thresholds)


@dataclass(frozen=True)
class Figures:
    """Precision and recall at one threshold, overall and for the hard negatives."""

    threshold: float
    true_positives: int
    false_positives: int
    false_negatives: int
    hard_false_positives: int
    hard_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def hard_precision(self) -> float:
        """Precision counting only the hard negatives as possible false positives."""
        found = self.true_positives + self.hard_false_positives
        return self.true_positives / found if found else 1.0


def figures(scored: list[tuple[Pair, float]], threshold: float) -> Figures:
    """Count what a threshold links among scored pairs."""
    tp = sum(1 for p, s in scored if p.same and s >= threshold)
    fp = sum(1 for p, s in scored if not p.same and s >= threshold)
    fn = sum(1 for p, s in scored if p.same and s < threshold)
    hard_fp = sum(1 for p, s in scored if not p.same and p.kind in HARD and s >= threshold)
    hard = sum(1 for p, _ in scored if not p.same and p.kind in HARD)
    return Figures(threshold, tp, fp, fn, hard_fp, hard)


def evaluate(pairs: list[Pair], thresholds: Thresholds) -> dict[str, Figures]:
    """Return the figures at `auto` and at `suggest`."""
    scored = [(p, score(p, thresholds).score) for p in pairs]
    return {
        "auto": figures(scored, thresholds.auto),
        "suggest": figures(scored, thresholds.suggest),
    }


def report(path: Path, thresholds: Thresholds) -> None:
    """Print the figures of one file of pairs."""
    pairs = load_pairs(path)
    kinds = Counter(p.kind for p in pairs)
    print(f"claim matching: {len(pairs)} labelled pairs ({path.name})")
    print("  " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    for name, found in evaluate(pairs, thresholds).items():
        print(
            f"  {name:<7} >= {found.threshold:.2f}: precision {found.precision:.3f} "
            f"(hard negatives {found.hard_precision:.3f}, {found.hard_false_positives} of "
            f"{found.hard_negatives} linked), recall {found.recall:.3f} "
            f"(tp {found.true_positives}, fp {found.false_positives}, fn {found.false_negatives})"
        )
    for lang in sorted({p.lang for p in pairs}):
        subset = evaluate([p for p in pairs if p.lang == lang], thresholds)
        print(
            f"  {lang}: auto precision {subset['auto'].precision:.3f} recall "
            f"{subset['auto'].recall:.3f}; suggest precision {subset['suggest'].precision:.3f} "
            f"recall {subset['suggest'].recall:.3f}"
        )


def main() -> None:
    thresholds = Thresholds()
    print(f"thresholds: suggest {thresholds.suggest:.2f}, auto {thresholds.auto:.2f}")
    report(DATA / "pairs.jsonl", thresholds)
    # Written by another hand after the rules were fixed, and never used to change them.
    report(DATA / "pairs-holdout.jsonl", thresholds)


if __name__ == "__main__":
    main()
