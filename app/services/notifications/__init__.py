"""Notifications: who hears of what happened on a claim, and the review inbox.

`events` records a notification per recipient in the transaction of the change that caused it
(called by the comment, workflow and review services, never by views); `inbox` reads, counts
and marks them read, and lists the verdicts waiting for review; `text` writes a notification's
sentence in the reader's language when it is shown; `mail` sends it by e-mail after the
transaction commits, through the job runner, to users who asked for it.
"""
