"""Registers across projects: the issues and risks, and the PMO findings, of every project a person may see."""
