"""Claim extraction: a pure package (no Flask, no SQLAlchemy) from article text to candidates.

from app.extraction import extract_claims
for claim in extract_claims(text):          # language detected when not given
    print(claim.score, claim.reasons, text[claim.start:claim.end])
"""

from app.extraction.pipeline import detect_language, extract_claims
from app.extraction.scoring import THRESHOLD
from app.extraction.types import ClaimCandidate

__all__ = ["THRESHOLD", "ClaimCandidate", "detect_language", "extract_claims"]
