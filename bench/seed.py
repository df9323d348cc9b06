"""Bulk seeding for the benchmark: many cases quickly (set-based inserts, not the services).

On PostgreSQL one ``INSERT ... SELECT FROM generate_series`` per case type and batch writes the rows
inside the database (a million cases take a minute or two); elsewhere ``bulk_create``. Cases already
present are kept, so a second run at the same size seeds nothing.
"""

import random

from django.db import connection, transaction
from django.utils import timezone

from cases.audit import event_write
from cases.models import Case, CaseSequence, CaseType, WorkflowState
from forms_builder.selectors import form_version_current
from registry.models import Establishment, Governorate

# Share of the seeded cases per case type (appeals need a parent case: not seeded).
MIX = {"grievance": 0.5, "incident_report": 0.2, "labour_inspection": 0.15, "osh_inspection": 0.15}
BATCH = 200_000

_INSERT = """
INSERT INTO cases_case (
    reference, case_type_id, year, number, state, state_entered_at, data, form_version_id,
    governorate_id, establishment_id, priority, channel, opened_at, closed_at, outcome, restricted,
    reporter_language, tracking_hash, last_event_hash, event_count, updated_at
)
SELECT
    %(prefix)s || '-' || %(year)s::text || '-' || CASE WHEN g.n < 1000000 THEN lpad(g.n::text, 6, '0')
                                                  ELSE g.n::text END,
    %(case_type)s, %(year)s, g.n, g.state, g.opened_at, %(data)s::jsonb, %(version)s,
    CASE WHEN random() < 0.3 THEN %(baghdad)s
         ELSE (%(governorates)s::bigint[])[1 + floor(random() * %(n_governorates)s)::int] END,
    (%(establishments)s::bigint[])[1 + floor(random() * %(n_establishments)s)::int],
    (ARRAY['low', 'normal', 'normal', 'high', 'urgent'])[1 + floor(random() * 5)::int],
    'portal', g.opened_at, CASE WHEN g.state = ANY(%(terminal)s) THEN g.opened_at END, '', false,
    'ar', '', '', 0, g.opened_at
FROM (
    SELECT n, (%(states)s::text[])[1 + floor(random() * %(n_states)s)::int] AS state,
           now() - random() * interval '540 days' AS opened_at
    FROM generate_series(%(first)s, %(last)s) AS n
) AS g
"""


def _targets(total: int) -> dict[str, int]:
    """How many cases of each type the bench database should hold for ``total`` cases."""
    keys = list(MIX)
    counts = {key: int(total * MIX[key]) for key in keys}
    counts[keys[0]] += total - sum(counts.values())
    return counts


def _seed_type_sql(case_type: CaseType, count: int, year: int, context: dict) -> None:
    version = form_version_current(key=case_type.intake_form.key)
    states = list(
        WorkflowState.objects.filter(workflow_id=case_type.workflow_id).values_list("key", "is_terminal")
    )
    sequence, _created = CaseSequence.objects.get_or_create(case_type=case_type, year=year)
    first = sequence.last_number + 1
    while count > 0:
        last = first + min(count, BATCH) - 1
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                _INSERT,
                {
                    **context,
                    "prefix": case_type.prefix,
                    "year": year,
                    "case_type": case_type.pk,
                    "version": version.pk,
                    "data": '{"category": "wages_unpaid", "description": "bench"}',
                    "states": [key for key, _terminal in states],
                    "n_states": len(states),
                    "terminal": [key for key, terminal in states if terminal],
                    "first": first,
                    "last": last,
                },
            )
            CaseSequence.objects.filter(pk=sequence.pk).update(last_number=last)
        count -= last - first + 1
        first = last + 1
        print(f"  seeded {case_type.key} up to number {last}", flush=True)


def _seed_type_orm(case_type: CaseType, count: int, year: int, rng: random.Random) -> None:
    version = form_version_current(key=case_type.intake_form.key)
    states = list(
        WorkflowState.objects.filter(workflow_id=case_type.workflow_id).values_list("key", flat=True)
    )
    governorates = list(Governorate.objects.all())
    establishments = list(Establishment.objects.all()[:200])
    sequence, _created = CaseSequence.objects.get_or_create(case_type=case_type, year=year)
    number = sequence.last_number
    rows = []
    for _ in range(count):
        number += 1
        rows.append(
            Case(
                reference=f"{case_type.prefix}-{year}-{number:06d}",
                case_type=case_type,
                year=year,
                number=number,
                state=rng.choice(states),
                data={"category": "wages_unpaid", "description": "bench"},
                form_version=version,
                governorate=governorates[0] if rng.random() < 0.3 else rng.choice(governorates),
                establishment=rng.choice(establishments) if establishments else None,
                opened_at=timezone.now(),
            )
        )
    with transaction.atomic():
        Case.objects.bulk_create(rows, batch_size=2000)
        CaseSequence.objects.filter(pk=sequence.pk).update(last_number=number)


def seed_cases(total: int) -> list[str]:
    """Bring the bench cases up to ``total`` (types mixed as in MIX); return up to 1,000 references of
    Baghdad grievances (what the bench's supervisor sees)."""
    year = timezone.now().year
    governorates = list(Governorate.objects.order_by("pk").values_list("pk", flat=True))
    baghdad = Governorate.objects.get(code="IQ-BG").pk
    establishments = list(Establishment.objects.order_by("pk").values_list("pk", flat=True)[:200])
    context = {
        "governorates": governorates,
        "n_governorates": len(governorates),
        "baghdad": baghdad,
        "establishments": establishments,
        "n_establishments": len(establishments),
    }
    rng = random.Random(total)
    for key, target in _targets(total).items():
        case_type = CaseType.objects.get(key=key)
        missing = target - Case.objects.filter(case_type=case_type).count()
        if missing <= 0:
            continue
        if connection.vendor == "postgresql":
            _seed_type_sql(case_type, missing, year, context)
        else:
            _seed_type_orm(case_type, missing, year, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_case")
    sample = list(Case.objects.filter(governorate_id=baghdad, event_count=0, case_type__key="grievance")[:50])
    for case in sample:
        with transaction.atomic():
            event_write(case=case, kind="created", data={"state": case.state})
    return list(
        Case.objects.filter(governorate_id=baghdad, case_type__key="grievance")
        .order_by("-pk")
        .values_list("reference", flat=True)[:1000]
    )
