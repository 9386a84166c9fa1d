"""The one error the ingest helpers raise, with a code the edges translate."""

from __future__ import annotations


class IngestError(ValueError):
    """Input that cannot become an article; `code` names why (see MESSAGES in services)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
