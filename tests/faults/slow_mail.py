"""An e-mail back end for the fault tests: Django's file back end, DX_TEST_MAIL_DELAY seconds per message.

A slow mail server, so that a test can kill a sweep while it sends. Chosen through EMAIL_BACKEND in the
environment of the process under test.
"""

import os
import time

from django.core.mail.backends import filebased


class SlowFileBackend(filebased.EmailBackend):
    def write_message(self, message):
        time.sleep(float(os.environ.get("DX_TEST_MAIL_DELAY", "0")))
        super().write_message(message)
