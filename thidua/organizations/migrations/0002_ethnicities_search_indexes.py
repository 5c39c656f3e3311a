from django.db import migrations


def load_ethnicities(apps, schema_editor):
    from thidua.organizations.ethnicities import ETHNICITIES

    Ethnicity = apps.get_model("organizations", "Ethnicity")
    for code, name in ETHNICITIES:
        Ethnicity.objects.update_or_create(code=code, defaults={"name": name})


def create_indexes(apps, schema_editor):
    from thidua.organizations.sql import create_search_indexes

    create_search_indexes(schema_editor)


def drop_indexes(apps, schema_editor):
    from thidua.organizations.sql import drop_search_indexes

    drop_search_indexes(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [
        migrations.RunPython(load_ethnicities, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
