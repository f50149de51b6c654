"""Watchpost: conflict news in, trustworthy event data out."""
__version__ = "0.1.0"
