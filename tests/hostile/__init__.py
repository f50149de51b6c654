"""Hostile inputs: a generator (generate.py) writes them into a temporary folder at test time."""
