"""A notification's sentence and where it leads, written in the language of whoever reads it."""

from __future__ import annotations

from flask_babel import gettext as _
from pythainlp.tokenize import word_tokenize

from app.models import Notification, NotificationKind

MAX_CLAIM = 120

# The part of the claim page each kind is about.
ANCHORS = {
    NotificationKind.MENTION: "#comments",
    NotificationKind.ASSIGNMENT: "",
    NotificationKind.REVIEW_REQUESTED: "#verdict",
    NotificationKind.SENT_BACK: "#verdict",
    NotificationKind.PUBLISHED: "#verdict",
}


def claim_excerpt(text: str) -> str:
    """Return the start of a claim's text, short enough for one line, cut between words."""
    text = " ".join(text.split())
    if len(text) <= MAX_CLAIM:
        return text
    kept = ""
    # Thai has no spaces between words: newmm finds where a word ends.
    for word in word_tokenize(text[: MAX_CLAIM + 40], engine="newmm", keep_whitespace=True):
        if len(kept) + len(word) > MAX_CLAIM - 1:
            break
        kept += word
    return (kept.rstrip() or text[: MAX_CLAIM - 1]) + "…"


def describe(notification: Notification) -> str:
    """Return what happened, in the current language (the caller loads actor and claim)."""
    actor = notification.actor
    # One line whatever was typed as the name: it goes into mail subjects too.
    name = " ".join(actor.display_name.split()) if actor else _("System")
    claim = claim_excerpt(notification.claim.text)
    note = notification.note or ""
    kind = notification.kind
    if kind == NotificationKind.MENTION:
        return _("%(name)s mentioned you on a claim: “%(note)s”", name=name, note=note)
    if kind == NotificationKind.ASSIGNMENT:
        return _("%(name)s assigned you a claim: “%(claim)s”", name=name, claim=claim)
    if kind == NotificationKind.REVIEW_REQUESTED:
        return _(
            "A verdict waits for your review: “%(claim)s” (from %(name)s)", name=name, claim=claim
        )
    if kind == NotificationKind.SENT_BACK:
        return _(
            "%(name)s sent your verdict on “%(claim)s” back: “%(note)s”",
            name=name,
            claim=claim,
            note=note,
        )
    return _("%(name)s published the verdict on “%(claim)s”", name=name, claim=claim)


def claim_path(notification: Notification) -> str:
    """Return the path of the claim page's part the notification is about."""
    return f"/claims/{notification.claim_id}{ANCHORS[notification.kind]}"
