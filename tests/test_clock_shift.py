"""The date-bomb guard: with ECMS_TEST_CLOCK_SHIFT_DAYS set, the run really sees a later clock."""

import os
import tempfile
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import CLOCK_SHIFT_VARIABLE


@pytest.mark.skipif(not os.environ.get(CLOCK_SHIFT_VARIABLE), reason="only in the clock-shifted run")
def test_the_clock_is_moved_ahead_when_asked():
    days = int(os.environ[CLOCK_SHIFT_VARIABLE])
    # The file system stamps a new file with the kernel's clock, which time_machine does not move.
    with tempfile.NamedTemporaryFile() as stamp:
        real_now = os.stat(stamp.name).st_mtime
    moved = timezone.now().timestamp() - real_now
    assert abs(moved - timedelta(days=days).total_seconds()) < 3600
