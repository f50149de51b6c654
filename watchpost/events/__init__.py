"""Event detection: triggers, status, and the assembly of mentions."""
