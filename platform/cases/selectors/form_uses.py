"""How many open cases were made on each version of a form (the form editor's "What changes" preview)."""

from django.db.models import Count

from cases.models import Case


def open_cases_per_form_version(form_key: str) -> dict[int, int]:
    rows = (
        Case.objects.filter(closed_at__isnull=True, form_version__definition__key=form_key)
        .values("form_version__number")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["form_version__number"]: row["n"] for row in rows}
