from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value

from accounts.selectors import Role, user_role

# Staff roles that read talents' profiles (a reporter does not: figures only).
STAFF_READS_PROFILES = "profiles.view_talentprofile"


class TalentProfileQuerySet(models.QuerySet):
    def in_pool(self):
        """Profiles a talent has opened to verified enterprises (named or anonymous)."""
        return self.exclude(visibility="hidden").filter(user__is_active=True)

    def not_blocking(self, user):
        """Without the talents who blocked one of the person's enterprises."""
        return self.exclude(Exists(_blocks_of(user)))

    def applied_to_member(self, user):
        """Profiles that applied to an opening of one of the person's enterprises.

        Applying discloses the talent to that enterprise whatever the profile's visibility; the
        disclosure stays after the application is withdrawn or rejected (it was already seen).
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(Exists(_applications_to(user)))

    def visible_to(self, user):
        """Staff whose role reads profiles see every profile, a talent their own, a verified
        enterprise's member the pool; an enterprise's member also sees those who applied to the
        enterprise."""
        from enterprises.models import Enterprise, Membership

        role = user_role(user)
        if role == Role.STAFF:
            return self.all() if user.has_perm(STAFF_READS_PROFILES) else self.none()
        if role == Role.TALENT:
            return self.filter(user=user)
        if role == Role.ENTERPRISE:
            verified_member = Membership.objects.filter(
                user=user, enterprise__status=Enterprise.Status.VERIFIED
            )
            pool = Q(
                Exists(verified_member),
                ~Exists(_blocks_of(user)),
                ~Q(visibility="hidden"),
                user__is_active=True,
            )
            # Uncorrelated: the same answer for every row, still one query.
            return self.filter(pool | Exists(_applications_to(user)))
        return self.none()

    def with_identity(self, user):
        """Annotate `identity`: whether the viewer may see name, photo, contact and CV.

        The talent and staff always may; a verified enterprise's member may when the profile
        is visible, or anonymous with their enterprise's contact request accepted; an
        enterprise's member always may when the talent applied to one of its openings.
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
        rule = (
            Q(user=user)
            | Q(visibility="visible")
            | Exists(accepted)
            | Exists(_applications_to(user))
        )
        return self.annotate(identity=ExpressionWrapper(rule, output_field=BooleanField()))


def _applications_to(user):
    """The profile's (OuterRef) applications to openings of the person's enterprises."""
    from matching.models import Application

    return Application.objects.filter(
        profile=OuterRef("pk"), opening__enterprise__membership__user=user
    )


def _blocks_of(user):
    """The profile's (OuterRef) blocks of the person's enterprises."""
    from .models import EnterpriseBlock

    return EnterpriseBlock.objects.filter(profile=OuterRef("pk"), enterprise__membership__user=user)
