"""The scheme tests use the shipped-configuration fixtures of tests/conftest.py (shipped, people, factory)."""
