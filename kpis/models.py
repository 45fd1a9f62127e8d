"""Indicators of the digital strategy, their observations per fiscal year and their targets."""
