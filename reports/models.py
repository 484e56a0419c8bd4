from django.db import models


class Report(models.Model):
    """No table: it only carries the permissions for the impact figures, so a reporter can be
    given them without any right over the records they are computed from."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_impact", "Can view the impact dashboard"),
            ("export_impact", "Can export the impact figures"),
        ]

    def __str__(self):
        return "impact report"
