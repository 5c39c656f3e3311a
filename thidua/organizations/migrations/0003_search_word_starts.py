from django.db import migrations


def refresh(apps, schema_editor):
    """Search text now marks word starts (a leading space before each word): recompute it."""
    from thidua.core import vn_text

    Person = apps.get_model("organizations", "Person")
    Organization = apps.get_model("organizations", "Organization")
    people = list(Person.objects.only("pk", "family_name", "middle_name", "given_name", "staff_code"))
    for person in people:
        full = " ".join(p for p in (person.family_name, person.middle_name, person.given_name) if p)
        person.search_text = vn_text.search_document(full, person.staff_code)
    Person.objects.bulk_update(people, ["search_text"], batch_size=2000)
    units = list(Organization.objects.only("pk", "name", "short_name", "code"))
    for unit in units:
        unit.search_text = vn_text.search_document(unit.name, unit.short_name, unit.code)
    Organization.objects.bulk_update(units, ["search_text"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_ethnicities_search_indexes")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
