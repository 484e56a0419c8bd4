from django.db import models
from django.db.models import Exists

from accounts.selectors import Role, user_role


class TalentProfileQuerySet(models.QuerySet):
    def in_pool(self):
        """Profiles a talent has opened to verified enterprises (named or anonymous)."""
        return self.exclude(visibility="hidden").filter(user__is_active=True)

    def visible_to(self, user):
        """Staff see every profile, a talent their own, a verified enterprise's member the pool."""
        from enterprises.models import Enterprise, Membership

        role = user_role(user)
        if role == Role.STAFF:
            return self.all()
        if role == Role.TALENT:
            return self.filter(user=user)
        if role == Role.ENTERPRISE:
            verified_member = Membership.objects.filter(
                user=user, enterprise__status=Enterprise.Status.VERIFIED
            )
            # Uncorrelated: the same answer for every row, still one query.
            return self.in_pool().filter(Exists(verified_member))
        return self.none()
