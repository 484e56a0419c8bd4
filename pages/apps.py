from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def site_pages_ensure(sender, using, apps=global_apps, **kwargs) -> None:
    """After every migrate or flush, the site pages exist again (their URLs must never 404 for
    want of a row; the admin cannot delete them). Guides are seeded once, by the migration:
    a guide staff removed stays removed."""
    from .content import pages_seed

    # `migrate` sends the models as its migrations left them; `flush` sends none.
    try:
        page_model = apps.get_model("pages", "Page")
    except LookupError:  # migrated only part of the way: the table is not there yet
        return
    pages_seed(page_model, kinds=("page",), using=using)


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Content pages")

    def ready(self):
        post_migrate.connect(site_pages_ensure, sender=self, dispatch_uid="pages.site_pages")
