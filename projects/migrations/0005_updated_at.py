# Incremental sync: status reports, findings and milestones record when they last changed. Existing rows
# take the migration's time (a client syncing after it reads them once more).

import django.utils.timezone
from django.db import migrations, models

MODELS = ["finding", "historicalfinding", "milestone", "historicalmilestone", "statusreport", "historicalstatusreport"]


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0004_move_organisation"),
    ]

    operations = [
        migrations.AddField(
            model_name=name,
            name="updated_at",
            field=(
                models.DateTimeField(auto_now=True, default=django.utils.timezone.now, verbose_name="更新日時")
                if not name.startswith("historical")
                else models.DateTimeField(blank=True, default=django.utils.timezone.now, editable=False, verbose_name="更新日時")
            ),
            preserve_default=False,
        )
        for name in MODELS
    ]
