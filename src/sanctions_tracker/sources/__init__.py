"""Importers of official list formats: each returns records plus an account of what it did
not turn into records.
"""
