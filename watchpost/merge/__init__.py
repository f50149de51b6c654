"""Merging: near-duplicate documents, story clusters, and mentions into events."""
