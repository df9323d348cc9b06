"""Compliance scores of an inspection checklist: per section and overall."""

from forms_builder.spec import FormSpec

ANSWER_KEYS = ("compliant", "non_compliant", "not_applicable")


def _rate(counts: dict) -> float | None:
    assessed = counts["compliant"] + counts["non_compliant"]
    return round(100 * counts["compliant"] / assessed, 1) if assessed else None


def _empty() -> dict:
    return {"compliant": 0, "non_compliant": 0, "not_applicable": 0, "unanswered": 0}


def _outcomes(spec: FormSpec, keys, data: dict) -> list[str | None]:
    """The outcomes of the assessed items among the top-level fields ``keys`` (and in their rows)."""
    outcomes = []
    for key in keys:
        field = spec.fields[key]
        if field.field_type.is_assessed:
            outcomes.append(field.field_type.outcome(data.get(key)))
        elif field.is_repeating:
            for row in data.get(key) or []:
                outcomes += [
                    child.field_type.outcome(row.get(child.key))
                    for child in spec.children(key)
                    if child.field_type.is_assessed
                ]
    return outcomes


def checklist_score(version, data: dict, language: str | None = None) -> dict:
    """Counts of answers and the compliance rate (compliant / assessed items, in %) by section and overall.

    Items answered 'not applicable' do not count either way; unanswered items are counted apart.
    """
    spec = FormSpec.of(version)
    overall = _empty()
    sections = []
    for step in spec.steps:
        outcomes = _outcomes(spec, step.field_keys, data)
        if not outcomes:
            continue
        counts = _empty()
        for outcome in outcomes:
            bucket = outcome if outcome in ANSWER_KEYS else "unanswered"
            counts[bucket] += 1
            overall[bucket] += 1
        sections.append({"key": step.key, "title": step.title_in(language), **counts, "rate": _rate(counts)})
    return {"sections": sections, "overall": {**overall, "rate": _rate(overall)}}
