"""Claim matching: a pure package (no Flask, no database) that tells how alike two claims are.

from app.matching import compare, profile
found = compare(profile(new_text, claimant), profile(old_text, old_claimant))
found.score, found.reasons      # reasons: what agrees and what differs (numbers, dates, places)

Candidates are found by the search index (`app.services.matching`); this package scores them.
"""

from app.matching.similarity import Comparison, Profile, Thresholds, compare, lexical, profile

__all__ = ["Comparison", "Profile", "Thresholds", "compare", "lexical", "profile"]
