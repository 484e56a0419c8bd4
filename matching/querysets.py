from django.db import models
from django.db.models import Q
from django.utils import timezone


class OpeningQuerySet(models.QuerySet):
    def published(self):
        """What anyone may see: published openings of verified enterprises, open for applications.

        The deadline is checked here too, so an opening leaves the public pages when its day
        ends (Europe/Helsinki), not only when the hourly expiry task marks it expired.
        """
        return self.filter(status="published", enterprise__status="verified").filter(
            Q(deadline__isnull=True) | Q(deadline__gte=timezone.localdate())
        )

    def of_member(self, user):
        """Every opening, in any state, of the enterprises a person belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(enterprise__membership__user=user)

    def visible_to(self, user):
        """Published openings for everyone; a team's own in any state; all of them for staff
        whose role reviews openings (a reporter previews none)."""
        if user.is_staff and user.has_perm("matching.view_opening"):
            return self
        # Subqueries, not a join: one row per opening however many members the enterprise has.
        return self.filter(
            Q(pk__in=self.model.objects.published().values("pk"))
            | Q(pk__in=self.model.objects.of_member(user).values("pk"))
        )
