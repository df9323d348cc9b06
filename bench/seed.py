"""Bulk seeding for the benchmark: many cases quickly (bulk inserts, not the services), in Baghdad."""

import random

from django.db import transaction
from django.utils import timezone

from cases.audit import event_write
from cases.models import Case, CaseSequence, CaseType
from forms_builder.selectors import form_version_current
from registry.models import Establishment, Governorate


def seed_cases(total: int, *, batch: int = 5000) -> list[str]:
    """Bring the number of bench cases up to ``total``; return up to 1,000 references of Baghdad cases."""
    existing = Case.objects.count()
    case_type = CaseType.objects.get(key="grievance")
    version = form_version_current(key="grievance_intake")
    governorates = list(Governorate.objects.all())
    establishments = list(Establishment.objects.all()[:200])
    rng = random.Random(total)
    year = timezone.now().year
    sequence, _created = CaseSequence.objects.get_or_create(case_type=case_type, year=year)
    number = sequence.last_number
    while existing < total:
        rows = []
        for _ in range(min(batch, total - existing)):
            number += 1
            governorate = governorates[0] if rng.random() < 0.3 else rng.choice(governorates)
            rows.append(
                Case(
                    reference=f"{case_type.prefix}-{year}-{number:06d}",
                    case_type=case_type,
                    year=year,
                    number=number,
                    state=rng.choice(["received", "acknowledged", "investigation"]),
                    data={"category": "wages_unpaid", "description": "bench"},
                    form_version=version,
                    governorate=governorate,
                    establishment=rng.choice(establishments) if establishments else None,
                    opened_at=timezone.now(),
                )
            )
        with transaction.atomic():
            Case.objects.bulk_create(rows, batch_size=1000)
            CaseSequence.objects.filter(pk=sequence.pk).update(last_number=number)
        existing += len(rows)
        print(f"  seeded {existing}/{total}")
    sample = list(Case.objects.filter(governorate__code="IQ-BG", event_count=0)[:50])
    for case in sample:
        with transaction.atomic():
            event_write(case=case, kind="created", data={"state": case.state})
    return list(Case.objects.filter(governorate__code="IQ-BG").values_list("reference", flat=True)[:1000])
