"""Errors that services raise and every interface (form, API, admin) turns into a clear message, and the
refusals that a service and a view both give: each written once, so it reads (and is translated) alike."""

from django.utils.translation import gettext_lazy as _

NOT_ALLOWED = _("この操作を行う権限がありません。")
PROJECT_CHANGE_REFUSED = _("この案件を更新する権限がありません。")
GOVERNANCE_RECORDERS_ONLY = _("この操作はデジタル戦略本部室（PMO）とCIOのみ行えます。")
COUNCIL_SECRETARIAT_ONLY = _("この操作は会議の事務局（デジタル戦略本部室）のみ行えます。")
ACTION_ITEM_OWNERS_ONLY = _("この対応事項を更新できるのは担当所属とPMOです。")
PACK_ISSUERS_ONLY = _("会議資料を発行できるのはデジタル戦略本部室（PMO）のみです。")
ISSUED_PACK_READERS_ONLY = _("発行済みの会議資料は、ポートフォリオ全体を閲覧できる方のみ利用できます。")
AS_OF_IN_FUTURE = _("基準日に未来の日付は指定できません。")


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
