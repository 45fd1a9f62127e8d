"""The organisation moves here from governance with its tables (db_table keeps their governance_* names):
the state is created over the tables that governance/0001 made, and nothing in the database changes but the
content types (with their permissions and admin log entries), which follow the models."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ['bureau', 'division', 'divisionmembership', 'bureaumembership']


def _move_content_types(from_app, to_app):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in MODELS:
            if not ContentType.objects.filter(app_label=to_app, model=model).exists():
                ContentType.objects.filter(app_label=from_app, model=model).update(app_label=to_app)

    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('governance', '0004_division_report_approval'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Bureau',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, unique=True, verbose_name='コード')),
                        ('name', models.CharField(max_length=100, unique=True, verbose_name='局名')),
                        ('name_en', models.CharField(blank=True, max_length=150, verbose_name='英語名')),
                        ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='表示順')),
                    ],
                    options={
                        'verbose_name': '局',
                        'verbose_name_plural': '局',
                        'db_table': 'governance_bureau',
                        'ordering': ['sort_order', 'code'],
                    },
                ),
                migrations.CreateModel(
                    name='Division',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, unique=True, verbose_name='コード')),
                        ('name', models.CharField(max_length=100, verbose_name='所属名')),
                        ('name_en', models.CharField(blank=True, max_length=150, verbose_name='英語名')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='所属メールアドレス')),
                        ('requires_report_approval', models.BooleanField(default=False, help_text='オンにすると、担当者の進捗報告は所属長が承認してから提出済になります。', verbose_name='進捗報告に所属長の承認が必要')),
                        ('bureau', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='divisions', to='organisation.bureau', verbose_name='局')),
                    ],
                    options={
                        'verbose_name': '所属',
                        'verbose_name_plural': '所属',
                        'db_table': 'governance_division',
                        'ordering': ['bureau__sort_order', 'code'],
                    },
                ),
                migrations.CreateModel(
                    name='DivisionMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('staff', '担当者'), ('manager', '所属長')], default='staff', max_length=10, verbose_name='役割')),
                        ('division', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisation.division', verbose_name='所属')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='division_memberships', to=settings.AUTH_USER_MODEL, verbose_name='利用者')),
                    ],
                    options={
                        'verbose_name': '所属メンバー',
                        'verbose_name_plural': '所属メンバー',
                        'db_table': 'governance_divisionmembership',
                    },
                ),
                migrations.CreateModel(
                    name='BureauMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('director', '局長')], default='director', max_length=10, verbose_name='役割')),
                        ('bureau', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisation.bureau', verbose_name='局')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bureau_memberships', to=settings.AUTH_USER_MODEL, verbose_name='利用者')),
                    ],
                    options={
                        'verbose_name': '局メンバー',
                        'verbose_name_plural': '局メンバー',
                        'db_table': 'governance_bureaumembership',
                        'constraints': [models.UniqueConstraint(fields=('user', 'bureau'), name='bureau_membership_unique')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='division',
                    constraint=models.UniqueConstraint(fields=('bureau', 'name'), name='division_unique_name_in_bureau'),
                ),
                migrations.AddConstraint(
                    model_name='divisionmembership',
                    constraint=models.UniqueConstraint(fields=('user', 'division'), name='division_membership_unique'),
                ),
            ],
            database_operations=[
                migrations.RunPython(_move_content_types("governance", 'organisation'), _move_content_types('organisation', "governance")),
            ],
        ),
    ]
