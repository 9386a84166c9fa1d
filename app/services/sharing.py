"""What a shared fact-check shows: its Open Graph / Twitter card tags and its share-card image.

Everything here is written in the fact-check's own language (not the reader's), so the preview
LINE or Facebook caches is the same whoever's browser first fetched it, and every address is
absolute from SATJA_PUBLIC_URL, never from the request's host.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass
from functools import lru_cache

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.exports.claimreview import short
from app.exports.share_card import HEIGHT, RENDERER_VERSION, WIDTH, CardFacts, render_card
from app.i18n import format_day
from app.models import Claim, Verdict
from app.services import publishing, ratings, review

OG_LOCALES = {"th": "th_TH", "en": "en_US"}


@dataclass(frozen=True)
class ShareMeta:
    """The tags of a public fact-check page that preview cards read."""

    url: str
    title: str
    description: str
    image_url: str
    image_alt: str
    image_width: int
    image_height: int
    locale: str
    site_name: str
    published_time: str
    modified_time: str


def first_published(claim: Claim) -> Verdict:
    """Return the first version of the verdict that was published."""
    return publishing.published_versions(claim)[0]


def card_url(claim: Claim) -> str:
    """Return the share card's absolute address; the version in it changes with a correction,
    so services that cache images by address fetch the new card."""
    verdict = review.published_verdict(claim)
    return f"{publishing.site_url()}/fact-checks/{claim.id}/card.png?v={verdict.number}"


def share_meta(session: Session, claim: Claim) -> ShareMeta:
    """Return the Open Graph and Twitter card tags of a published fact-check."""
    verdict, language = review.published_verdict(claim), publishing.language_of(claim)
    label = verdict.rating.label(language)
    with force_locale(language):
        description = _("%(rating)s: “%(claim)s”", rating=label, claim=short(claim.text, 240))
        alt = _("Rated %(rating)s: %(claim)s", rating=label, claim=short(claim.text, 200))
    return ShareMeta(
        url=publishing.public_url(claim),
        title=short(verdict.conclusion, 110),
        description=description,
        image_url=card_url(claim),
        image_alt=alt,
        image_width=WIDTH,
        image_height=HEIGHT,
        locale=OG_LOCALES[language],
        site_name=publishing.organisation(session).name,
        published_time=first_published(claim).published_at.isoformat(),
        modified_time=verdict.published_at.isoformat(),
    )


def card_facts(session: Session, claim: Claim) -> CardFacts:
    """Gather what the share card of a published fact-check shows, in its own language."""
    verdict, language = review.published_verdict(claim), publishing.language_of(claim)
    with force_locale(language):
        # Said "checked", so the day never reads as the day the claim was made.
        checked = _("checked %(when)s", when=format_day(first_published(claim).published_at))
        byline = " · ".join(filter(None, [claim.claimant, checked]))
        if len(publishing.published_versions(claim)) > 1:
            byline += " · " + _("corrected %(when)s", when=format_day(verdict.published_at))
    return CardFacts(
        organisation=publishing.organisation(session).name,
        rating_label=verdict.rating.label(language),
        tone=ratings.rating_tone(verdict.rating.value, ratings.scale_values(session)),
        claim_text=claim.text,
        byline=byline,
        language=language,
    )


def card_etag(facts: CardFacts) -> str:
    """Return the ETag of a card: it changes whenever anything drawn on it changes."""
    digest = hashlib.sha256(repr((RENDERER_VERSION, *astuple(facts))).encode("utf-8"))
    return digest.hexdigest()[:32]


@lru_cache(maxsize=64)
def card_png(facts: CardFacts) -> bytes:
    """Return the PNG of a card, drawn once per worker for the most recently asked cards."""
    return render_card(facts)
