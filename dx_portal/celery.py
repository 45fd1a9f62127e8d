"""The Celery app: configured from Django settings (the CELERY_* names); every periodic task is declared here."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dx_portal.settings.local")

app = Celery("dx_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Crontabs are in CELERY_TIMEZONE, Asia/Tokyo. Run exactly one beat in a deployment.
app.conf.beat_schedule = {
    # 00:15 Tokyo time every day: the ratings at the month's end once a month closes (a day's run catches up a
    # missed one). Until then the health history counts that month from the reports: the same figures, slower.
    "fill-month-end-ratings": {
        "task": "projects.tasks.fill_month_end_ratings",
        "schedule": crontab(hour=0, minute=15),
    },
    # 08:00 Tokyo time, Monday to Friday, before the reminders: the transfers (人事異動) due today take effect,
    # so that the morning's reminders already go to the new members. The task skips holidays itself.
    "apply-transfers": {
        "task": "organisation.tasks.apply_transfers",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon-fri"),
    },
    # 08:30 Tokyo time, Monday to Friday: stale-status reminders and the PMO digest. The sweep itself
    # skips national holidays and 29 Dec - 3 Jan, and a weekday run after them catches up.
    "send-reminders": {
        "task": "projects.tasks.send_reminders",
        "schedule": crontab(hour=8, minute=30, day_of_week="mon-fri"),
    },
    # Every 10 minutes: the e-mail copies of notices that no task sent (the broker was down at the commit).
    "send-pending-notification-emails": {
        "task": "organisation.tasks.send_pending_notification_emails",
        "schedule": crontab(minute="*/10"),
    },
    # 08:40 Tokyo time, Monday to Friday: chasers (督促) of unanswered inquiries to the municipalities. The
    # sweep skips the same holidays and catches up the same way.
    "send-inquiry-chasers": {
        "task": "inquiries.tasks.send_chasers",
        "schedule": crontab(hour=8, minute=40, day_of_week="mon-fri"),
    },
}
