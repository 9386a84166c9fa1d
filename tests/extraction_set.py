"""Load the annotated extraction set (tests/data/extraction) and score the extractor on it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "extraction"
# Written after the rules were fixed, and never used to change them.
HOLDOUT = Path(__file__).resolve().parent / "data" / "extraction-holdout"


@dataclass(frozen=True)
class Unit:
    """A labelled sentence or clause: its span in the article text."""

    start: int
    end: int
    checkworthy: bool
    claimant: str | None


@dataclass(frozen=True)
class Article:
    """An annotated article: id, language, text and labelled units."""

    id: str
    language: str
    domain: str
    text: str
    units: tuple[Unit, ...]
    source: str = ""  # the address of a real text (a government release, an AFNC finding)


def load_article(path: Path) -> Article:
    """Build an article's text from its units and record each unit's span."""
    data = json.loads(path.read_text(encoding="utf-8"))
    parts, units, position = [], [], 0
    for p, paragraph in enumerate(data["paragraphs"]):
        if p:
            parts.append("\n")
            position += 1
        for u, (text, checkworthy, *rest) in enumerate(paragraph):
            if u:
                parts.append(" ")
                position += 1
            parts.append(text)
            units.append(
                Unit(position, position + len(text), checkworthy, rest[0] if rest else None)
            )
            position += len(text)
    return Article(
        data["id"],
        data["language"],
        data.get("domain", ""),
        "".join(parts),
        tuple(units),
        data.get("source", ""),
    )


def load_set(directory: Path = DATA) -> list[Article]:
    """Return every annotated article of a directory, in file-name order."""
    return [load_article(path) for path in sorted(directory.glob("*.json"))]


@dataclass(frozen=True)
class Scores:
    """Unit-level quality of the extractor on a set of articles."""

    units: int
    positives: int
    precision: float
    recall: float
    f1: float
    average_precision: float
    claimant_accuracy: float

    def line(self, label: str) -> str:
        return (
            f"{label:<8} units={self.units:<4} positives={self.positives:<4} "
            f"precision={self.precision:.3f} recall={self.recall:.3f} f1={self.f1:.3f} "
            f"AP={self.average_precision:.3f} claimant={self.claimant_accuracy:.3f}"
        )


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def _same_claimant(expected: str, found: str | None) -> bool:
    """One names the other (a name within a longer one); a body's short form is its full name
    ("อย." is สำนักงานคณะกรรมการอาหารและยา)."""
    if not found:
        return False
    from app.extraction.lexicon import TH_BODY_FULL_NAMES

    e, f = (TH_BODY_FULL_NAMES.get(x.strip(), x).lower() for x in (expected, found))
    return e in f or f in e


def judge(article: Article, candidates, threshold: float) -> list[tuple[Unit, bool, float, object]]:
    """Return, per unit: predicted check-worthy?, its ranking score, the covering candidate."""
    judged = []
    for unit in article.units:
        length = unit.end - unit.start
        covering = [(c, _overlap(unit.start, unit.end, c.start, c.end)) for c in candidates]
        covering = [(c, o) for c, o in covering if o > 0]
        positive_cover = sum(o for c, o in covering if c.score >= threshold)
        best = max(covering, key=lambda co: co[1], default=(None, 0))[0]
        judged.append((unit, positive_cover >= 0.5 * length, best.score if best else 0.0, best))
    return judged


def evaluate(articles: list[Article], extract, threshold: float) -> Scores:
    """Score `extract(text) -> candidates (all units, with scores)` against the labels."""
    rows = [row for a in articles for row in judge(a, extract(a.text), threshold)]
    tp = sum(1 for u, p, _, _ in rows if p and u.checkworthy)
    fp = sum(1 for u, p, _, _ in rows if p and not u.checkworthy)
    fn = sum(1 for u, p, _, _ in rows if not p and u.checkworthy)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ranked = sorted(rows, key=lambda row: -row[2])
    hits, precisions = 0, []
    for k, (unit, _, _, _) in enumerate(ranked, start=1):
        if unit.checkworthy:
            hits += 1
            precisions.append(hits / k)
    attributed = [(u, c) for u, p, _, c in rows if u.checkworthy and p and u.claimant]
    claimant_ok = sum(
        1 for u, c in attributed if c is not None and _same_claimant(u.claimant, c.claimant)
    )
    return Scores(
        units=len(rows),
        positives=tp + fn,
        precision=precision,
        recall=recall,
        f1=f1,
        average_precision=sum(precisions) / len(precisions) if precisions else 0.0,
        claimant_accuracy=claimant_ok / len(attributed) if attributed else 0.0,
    )


def main() -> None:
    """Print the extractor's quality on the annotated set (`make eval`)."""
    import sys

    from app.extraction import THRESHOLD, extract_claims

    def extract(text):
        return extract_claims(text, include_all=True)

    sets = (("development set", DATA), ("held-out set", HOLDOUT))
    for name, directory in sets:
        articles = load_set(directory)
        if not articles:
            continue
        print(f"{name}: {len(articles)} articles, threshold {THRESHOLD}")
        for label, subset in (
            ("all", articles),
            ("thai", [a for a in articles if a.language == "th"]),
            ("english", [a for a in articles if a.language == "en"]),
            ("written", [a for a in articles if not a.source]),
            ("releases", [a for a in articles if "thaigov" in a.source]),
            ("afnc", [a for a in articles if "antifakenews" in a.source]),
        ):
            if subset:
                print(evaluate(subset, extract, THRESHOLD).line(label))
    if "-v" in sys.argv:  # the errors on the development set only
        articles = load_set()
        for article in articles:
            for unit, predicted, score, best in judge(article, extract(article.text), THRESHOLD):
                if predicted != unit.checkworthy:
                    kind = "FN" if unit.checkworthy else "FP"
                    reasons = ",".join(best.reasons) if best else ""
                    shown = article.text[unit.start : unit.end][:100]
                    print(f"{kind} {article.id} {score:.2f} [{reasons}] {shown}")
                    if (
                        best
                        and (best.start, best.end) != (unit.start, unit.end)
                        and "-vv" in sys.argv
                    ):
                        print(f"   candidate: {best.text[:200]}")


if __name__ == "__main__":
    main()
