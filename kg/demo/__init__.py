"""Bundled demo data."""
