"""Actor resolution: dictionary of countries, officials, forces and groups, plus rules."""
