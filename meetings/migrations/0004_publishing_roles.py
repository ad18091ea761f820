"""The "held back for review" flag and the secretariat's two roles.

Editors create and change drafts; publishers also publish and withdraw. Both
groups may delete drafts (the admin refuses to delete anything published, for
everybody); nobody is given the right to delete a historical record or an ISO
country. Permissions do not exist yet when this runs on a fresh database
(Django creates them after `migrate`), so the migration creates them first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

PUBLISH = ["publish_meeting", "publish_document", "publish_agreement", "publish_actionitem"]
#: Reference data loaded from ISO 3166-1: corrected, never deleted.
NEVER_DELETED = ["country"]


def editor_codenames(apps):
    codenames = []
    for model in apps.get_app_config("meetings").get_models():
        name = model._meta.model_name
        codenames += [f"add_{name}", f"change_{name}", f"view_{name}"]
        if not name.startswith("historical") and name not in NEVER_DELETED:
            codenames.append(f"delete_{name}")
    return codenames


def create_roles(apps, schema_editor):
    app_config = apps.get_app_config("meetings")
    # The known pattern: a migration-state app config has no models module,
    # which create_permissions takes as "nothing to do".
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    in_app = Permission.objects.using(schema_editor.connection.alias).filter(content_type__app_label="meetings")
    editor_perms = list(in_app.filter(codename__in=editor_codenames(apps)))
    publish_perms = list(in_app.filter(codename__in=PUBLISH))
    if len(publish_perms) != len(PUBLISH):
        raise RuntimeError("The publish permissions of the meetings models are missing.")

    editor, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name="Editor")
    editor.permissions.set(editor_perms)
    publisher, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name="Publisher")
    publisher.permissions.set(editor_perms + publish_perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(
        name__in=["Editor", "Publisher"]
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0003_search'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='actionitem',
            name='needs_review',
            field=models.BooleanField(default=False, help_text='Keep this draft out when its meeting is published, until it has been checked.', verbose_name='held back for review'),
        ),
        migrations.AddField(
            model_name='agreement',
            name='needs_review',
            field=models.BooleanField(default=False, help_text='Keep this draft out when its meeting is published, until it has been checked.', verbose_name='held back for review'),
        ),
        migrations.AddField(
            model_name='document',
            name='needs_review',
            field=models.BooleanField(default=False, help_text='Keep this draft out when its meeting is published, until it has been checked.', verbose_name='held back for review'),
        ),
        migrations.AddField(
            model_name='historicalactionitem',
            name='needs_review',
            field=models.BooleanField(default=False, help_text='Keep this draft out when its meeting is published, until it has been checked.', verbose_name='held back for review'),
        ),
        migrations.AddField(
            model_name='historicalagreement',
            name='needs_review',
            field=models.BooleanField(default=False, help_text='Keep this draft out when its meeting is published, until it has been checked.', verbose_name='held back for review'),
        ),
        migrations.AddField(
            model_name='historicaldocument',
            name='needs_review',
            field=models.BooleanField(default=False, help_text='Keep this draft out when its meeting is published, until it has been checked.', verbose_name='held back for review'),
        ),
        migrations.RunPython(create_roles, remove_roles),
    ]
