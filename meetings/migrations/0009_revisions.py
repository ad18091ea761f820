"""Proposed revisions of published records; both roles may read them (publishers review them).

Approving or rejecting a proposal takes the publish permission of its record's
model, which publishers hold already; proposals are written by the admin on
an editor's behalf, so nobody needs the add, change or delete permissions.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.conf import settings
from django.db import migrations, models


def let_both_roles_read_proposals(apps, schema_editor):
    app_config = apps.get_app_config("meetings")
    app_config.models_module = True  # see 0004_publishing_roles
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    view = Permission.objects.using(db).get(content_type__app_label="meetings", codename="view_revision")
    for group in Group.objects.using(db).filter(name__in=["Editor", "Publisher"]):
        group.permissions.add(view)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('meetings', '0008_document_import_findings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Revision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('kind', models.CharField(choices=[('change', 'Change'), ('withdraw', 'Withdrawal')], default='change', max_length=10)),
                ('summary', models.CharField(max_length=300, verbose_name='what was proposed')),
                ('changes', models.JSONField(blank=True, default=list)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='proposed')),
                ('status', models.CharField(choices=[('pending', 'Pending review'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='pending', max_length=10)),
                ('reviewed_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed')),
                ('reason', models.TextField(blank=True, verbose_name="reviewer's reason")),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='revisions_proposed', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype')),
                ('reviewer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='revisions_reviewed', to=settings.AUTH_USER_MODEL, verbose_name='reviewer')),
            ],
            options={
                'verbose_name': 'proposed revision',
                'verbose_name_plural': 'proposed revisions',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['status', 'created_at'], name='revision_status_created_idx'), models.Index(fields=['content_type', 'object_id', 'status'], name='revision_root_status_idx')],
            },
        ),
        migrations.RunPython(let_both_roles_read_proposals, migrations.RunPython.noop),
    ]
