"""The organisation and the API tokens have left governance (to organisation and dx_portal) with their
tables: governance forgets them and its foreign keys point at organisation's models; the database is untouched."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0004_division_report_approval'),
        ('organisation', '0001_initial'),
        ('dx_portal', '0004_move_apitoken'),
        ('projects', '0004_move_organisation'),
        ('kpis', '0003_move_organisation'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='bureaumembership',
                    name='bureau',
                ),
                migrations.RemoveField(
                    model_name='division',
                    name='bureau',
                ),
                migrations.RemoveField(
                    model_name='bureaumembership',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='divisionmembership',
                    name='division',
                ),
                migrations.AlterField(
                    model_name='historicalactionitem',
                    name='owner_division',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.division', verbose_name='担当所属'),
                ),
                migrations.AlterField(
                    model_name='agendaitem',
                    name='presenter',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisation.division', verbose_name='説明所属'),
                ),
                migrations.AlterField(
                    model_name='actionitem',
                    name='owner_division',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='action_items', to='organisation.division', verbose_name='担当所属'),
                ),
                migrations.RemoveField(
                    model_name='divisionmembership',
                    name='user',
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='bureaus',
                    field=models.ManyToManyField(blank=True, related_name='decisions', to='organisation.bureau', verbose_name='関係局'),
                ),
                migrations.DeleteModel(
                    name='ApiToken',
                ),
                migrations.DeleteModel(
                    name='Bureau',
                ),
                migrations.DeleteModel(
                    name='BureauMembership',
                ),
                migrations.DeleteModel(
                    name='Division',
                ),
                migrations.DeleteModel(
                    name='DivisionMembership',
                ),
            ],
        ),
    ]
