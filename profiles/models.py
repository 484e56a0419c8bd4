from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TalentProfile(models.Model):
    class Visibility(models.TextChoices):
        HIDDEN = "hidden", _("Hidden (only staff)")
        ANONYMOUS = "anonymous", _("Anonymous to verified enterprises")
        VISIBLE = "visible", _("Visible to verified enterprises")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent_profile"
    )
    display_name = models.CharField(_("display name"), max_length=120)
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    about = models.TextField(_("about"), blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.HIDDEN,
        db_index=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name
