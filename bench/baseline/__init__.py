"""Bench-only baselines measured beside ECMS in the same run: never installed by the shipped settings."""
