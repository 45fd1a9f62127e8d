"""Indicator.division points at organisation.Division: the same table, so only the state changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kpis', '0002_bounded_dates'),
        ('organisation', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalindicator',
                    name='division',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.division', verbose_name='所管所属'),
                ),
                migrations.AlterField(
                    model_name='indicator',
                    name='division',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='indicators', to='organisation.division', verbose_name='所管所属'),
                ),
            ],
        ),
    ]
