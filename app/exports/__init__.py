"""Outputs built from published verdicts: ClaimReview JSON-LD, its validator, CSV rows, PDFs.

Pure builders (no Flask, no database): the services gather the data, these shape it.
"""
