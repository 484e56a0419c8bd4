from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .pagecache import watch_writes

        connection_created.connect(watch_writes, dispatch_uid="core.pagecache.watch_writes")
