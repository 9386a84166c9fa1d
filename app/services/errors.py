"""Domain exceptions that services raise and the web, API and CLI edges translate."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a service raises on purpose; `code` names it for the API."""

    code = "error"
    status = 400

    def __init__(self, message: object) -> None:
        # A lazy translation string is kept as is: the edge renders it in the reader's language.
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    """The values given to a service are not acceptable."""

    code = "invalid_input"
    status = 422

    def __init__(self, message: object, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class TooLong(InvalidInput):
    """A value the service takes is larger than it accepts (413)."""

    code = "too_large"
    status = 413


class NotAllowed(DomainError):
    """The actor's role does not permit this operation."""

    code = "forbidden"
    status = 403


class NotFound(DomainError):
    """The object does not exist."""

    code = "not_found"
    status = 404


class Conflict(DomainError):
    """The operation clashes with existing data (a duplicate e-mail, say)."""

    code = "conflict"
    status = 409


class StaleEdit(DomainError):
    """The edit was based on an older version of the object."""

    code = "stale_edit"
    status = 412

    def __init__(self, message: object, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


class TooMany(DomainError):
    """The actor already has as many of these under way as allowed."""

    code = "too_many"
    status = 429


class Gone(DomainError):
    """The object existed but was deleted on purpose (a report past its retention)."""

    code = "gone"
    status = 410
