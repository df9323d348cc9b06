from django.db import migrations


def fill(apps, schema_editor):
    from core.text import search_normalize

    LegalProvision = apps.get_model("registry", "LegalProvision")
    batch = []
    for provision in LegalProvision.objects.only("pk", "article", "key", "title", "text").iterator(chunk_size=500):
        # As LegalProvision.save() writes it (registry.models.provision_search_text).
        parts = [provision.article, provision.key, *(provision.title or {}).values(), *(provision.text or {}).values()]
        provision.search_text = search_normalize(" | ".join(str(part) for part in parts if part))
        batch.append(provision)
        if len(batch) >= 500:
            LegalProvision.objects.bulk_update(batch, ["search_text"])
            batch = []
    LegalProvision.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_legalprovision_search_text")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
