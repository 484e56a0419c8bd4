"""Seed the site pages and the toolkit guides (pages/content.py), so a fresh database has
every page the site links to."""

from django.db import migrations

from pages.content import pages_seed


def seed(apps, schema_editor):
    pages_seed(apps.get_model("pages", "Page"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
