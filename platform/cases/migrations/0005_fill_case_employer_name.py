from django.db import migrations


def fill(apps, schema_editor):
    """The employer's typed name of existing cases, from their intake answers."""
    CaseType = apps.get_model("cases", "CaseType")
    Case = apps.get_model("cases", "Case")
    for case_type in CaseType.objects.exclude(establishment_field=""):
        field = case_type.establishment_field
        batch = []
        for case in Case.objects.filter(case_type=case_type).only("pk", "data").iterator(chunk_size=2000):
            answer = (case.data or {}).get(field)
            name = answer.get("name") if isinstance(answer, dict) else None
            if isinstance(name, str) and name.strip():
                case.employer_name = name.strip()[:255]
                batch.append(case)
            if len(batch) >= 2000:
                Case.objects.bulk_update(batch, ["employer_name"])
                batch = []
        Case.objects.bulk_update(batch, ["employer_name"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_staff_intake_and_employer_name")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
