from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .roles import roles_sync

        # Sent once per app: each run sees the permissions made so far, the last sees all.
        post_migrate.connect(roles_sync, dispatch_uid="accounts.roles_sync")
