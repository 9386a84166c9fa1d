"""Archiving sources: what a source's page or file said, kept with its SHA-256 and time.

A source is saved at once with what the checker typed; `archive.request` queues a background job
(`app.jobs`) that fetches the page through the SSRF-guarded fetcher or reads the uploaded PDF,
and `archive.run_job` records the outcome apart from the source's version. `files` keeps uploaded
screenshots and PDFs content-addressed; `reasons` puts a failure into words.
"""
