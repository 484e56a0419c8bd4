from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def notice_ensure(sender, using, apps=global_apps, **kwargs) -> None:
    """After every migrate or flush the privacy page's text is a published version, so a
    consent always has one to name (the pages app, migrated earlier, has seeded the page)."""
    from .services import notice_sync

    try:
        apps.get_model("privacy", "NoticeVersion")
    except LookupError:  # migrated only part of the way: the table is not there yet
        return
    notice_sync(using=using)


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        post_migrate.connect(notice_ensure, sender=self, dispatch_uid="privacy.notice")
