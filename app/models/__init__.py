"""SQLAlchemy models; importing this package registers every table."""

from app.models.article import Appearance, Article
from app.models.audit import AuditEvent
from app.models.claim import Claim, ClaimStatus
from app.models.comment import Comment
from app.models.figures import DeskFigures
from app.models.job import Job, JobStatus
from app.models.matching import ClaimMatch, KnownFactCheck, MatchState
from app.models.notification import Notification, NotificationKind
from app.models.organisation import Organisation
from app.models.search import SearchDocument
from app.models.source import ArchiveStatus, Source, SourceArchive, SourceType, Stance
from app.models.user import ApiToken, Role, User
from app.models.verdict import Rating, Verdict, VerdictState

__all__ = [
    "ApiToken",
    "Appearance",
    "ArchiveStatus",
    "Article",
    "AuditEvent",
    "Claim",
    "ClaimMatch",
    "ClaimStatus",
    "Comment",
    "DeskFigures",
    "Job",
    "JobStatus",
    "KnownFactCheck",
    "MatchState",
    "Notification",
    "NotificationKind",
    "Organisation",
    "Rating",
    "Role",
    "SearchDocument",
    "Source",
    "SourceArchive",
    "SourceType",
    "Stance",
    "User",
    "Verdict",
    "VerdictState",
]
