"""Compliance scores of an inspection checklist: per section and overall."""

from core.i18n import localize

ANSWER_KEYS = ("compliant", "non_compliant", "not_applicable")


def _rate(counts: dict) -> float | None:
    assessed = counts["compliant"] + counts["non_compliant"]
    return round(100 * counts["compliant"] / assessed, 1) if assessed else None


def _empty() -> dict:
    return {"compliant": 0, "non_compliant": 0, "not_applicable": 0, "unanswered": 0}


def checklist_score(version, data: dict, language: str | None = None) -> dict:
    """Counts of answers and the compliance rate (compliant / assessed items, in %) by section and overall.

    Items answered 'not applicable' do not count either way; unanswered items are counted apart.
    """
    ui = version.ui if hasattr(version, "ui") else version
    overall = _empty()
    sections = []
    for step in ui["steps"]:
        counts = _empty()
        items = []
        for key in step["fields"]:
            spec = ui["fields"][key]
            if spec["type"] == "checklist_item":
                items.append((spec, data.get(key)))
            elif spec["type"] == "repeat_group":
                for row in data.get(key) or []:
                    items += [
                        (ui["fields"][c], row.get(c))
                        for c in spec["fields"]
                        if ui["fields"][c]["type"] == "checklist_item"
                    ]
        if not items:
            continue
        for _spec, value in items:
            answer = value.get("answer") if isinstance(value, dict) else None
            bucket = answer if answer in ANSWER_KEYS else "unanswered"
            counts[bucket] += 1
            overall[bucket] += 1
        sections.append(
            {"key": step["key"], "title": localize(step["title"], language), **counts, "rate": _rate(counts)}
        )
    return {"sections": sections, "overall": {**overall, "rate": _rate(overall)}}
