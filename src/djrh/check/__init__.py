"""Checking a tree: validation into findings, the configuration, running the rules."""
