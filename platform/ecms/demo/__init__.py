"""Deterministic demo data for `make run` (a development requirement: time-machine)."""

from ecms.demo.builder import demo_cases_create

__all__ = ["demo_cases_create"]
