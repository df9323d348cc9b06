"""Bench-only settings: the shipped settings plus the baselines' app and URLs (never used outside bench/)."""

from ecms.settings.dev import *  # noqa: F403

DEBUG = False
INSTALLED_APPS = ["bench.baseline", *INSTALLED_APPS]  # noqa: F405
ROOT_URLCONF = "bench.urls"
