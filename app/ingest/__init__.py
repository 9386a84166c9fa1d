"""Turning what fact-checkers receive (text, files, web pages, bulk files) into article text.

Pure helpers without Flask or the database; app/services/ingest.py stores the results.
"""
