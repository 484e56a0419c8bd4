from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value

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

    def with_identity(self, user):
        """Annotate `identity`: whether the viewer may see name, photo, contact and CV.

        The talent and staff always may; a verified enterprise's member may when the profile
        is visible, or anonymous with their enterprise's contact request accepted.
        """
        from .models import ContactRequest

        role = user_role(user)
        if role in (Role.STAFF, Role.ANONYMOUS):
            return self.annotate(identity=Value(role == Role.STAFF))
        accepted = ContactRequest.objects.filter(
            profile=OuterRef("pk"),
            status=ContactRequest.Status.ACCEPTED,
            enterprise__membership__user=user,
        )
        rule = Q(user=user) | Q(visibility="visible") | Exists(accepted)
        return self.annotate(identity=ExpressionWrapper(rule, output_field=BooleanField()))
