"""Project.division points at organisation.Division: the same table, so only the state changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0001_initial'),
        ('projects', '0003_report_lifecycle_ratings_schedule'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalproject',
                    name='division',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.division', verbose_name='所管所属'),
                ),
                migrations.AlterField(
                    model_name='project',
                    name='division',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='projects', to='organisation.division', verbose_name='所管所属'),
                ),
            ],
        ),
    ]
