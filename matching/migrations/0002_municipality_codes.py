"""Municipality names become Statistics Finland codes, as on talent profiles."""

from django.db import migrations


def names_to_codes(apps, schema_editor):
    from profiles import geography

    by_name = {m.name_fi.casefold(): m.code for m in geography.municipalities()}
    by_name.update({m.name_sv.casefold(): m.code for m in geography.municipalities()})
    model = apps.get_model("matching", "Opening")
    for row in model.objects.exclude(municipality=""):
        if row.municipality.isdigit() and len(row.municipality) <= 3:
            continue
        row.municipality = by_name.get(row.municipality.strip().casefold(), "")
        row.save(update_fields=["municipality"])


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial"), ("enterprises", "0002_municipality_codes")]

    operations = [migrations.RunPython(names_to_codes, migrations.RunPython.noop)]
