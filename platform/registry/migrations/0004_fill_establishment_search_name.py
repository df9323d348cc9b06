from django.db import migrations


def fill(apps, schema_editor):
    from core.text import search_normalize

    Establishment = apps.get_model("registry", "Establishment")
    batch = []
    for establishment in Establishment.objects.only("pk", "name", "name_en").iterator(chunk_size=2000):
        establishment.search_name = search_normalize(f"{establishment.name} | {establishment.name_en}")
        batch.append(establishment)
        if len(batch) >= 2000:
            Establishment.objects.bulk_update(batch, ["search_name"])
            batch = []
    Establishment.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_establishment_search_name")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
