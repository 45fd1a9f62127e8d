"""Errors that services raise and every interface (form, API, admin) turns into a clear message."""

from django.utils.translation import gettext_lazy as _


class StaleVersionError(Exception):
    """Someone else saved the record after this edit began: refuse instead of overwriting (lost update).

    ``current`` is the record as it is now, so the message can show what changed.
    """

    def __init__(self, instance, expected_version: int):
        self.instance = instance
        self.expected_version = expected_version
        self.current_version = instance.version
        super().__init__(
            _(
                "他の利用者がこの記録を更新しました（版 %(expected)s → %(current)s）。"
                "最新の内容を確認してから、もう一度保存してください。"
            )
            % {"expected": expected_version, "current": instance.version}
        )
