"""API tokens move from governance to the ground with their table (db_table = "governance_apitoken"):
only the state and the content type change."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ['apitoken']


def _move_content_types(from_app, to_app):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MODELS:
            if not ContentType.objects.filter(app_label=to_app, model=model).exists():
                ContentType.objects.filter(app_label=from_app, model=model).update(app_label=to_app)

    return move


class Migration(migrations.Migration):

    dependencies = [
        ('dx_portal', '0003_auditevent_count_idempotentrequest'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('governance', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ApiToken',
                    fields=[
                        ('digest', models.CharField(max_length=128, primary_key=True, serialize=False)),
                        ('token_key', models.CharField(db_index=True, max_length=25)),
                        ('created', models.DateTimeField(auto_now_add=True)),
                        ('expiry', models.DateTimeField(blank=True, null=True)),
                        ('name', models.CharField(blank=True, max_length=100, verbose_name='用途')),
                        ('scopes', models.CharField(blank=True, max_length=200, verbose_name='スコープ')),
                        ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='最終利用日時')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='失効日時')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='auth_token_set', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'APIトークン',
                        'verbose_name_plural': 'APIトークン',
                        'db_table': 'governance_apitoken',
                    },
                ),
            ],
            database_operations=[
                migrations.RunPython(_move_content_types("governance", 'dx_portal'), _move_content_types('dx_portal', "governance")),
            ],
        ),
    ]
