import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from accounts.models import User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    side = User.Side.TALENT
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """A user whose address is confirmed, as after a completed sign-up (default)."""
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )


class TalentUserFactory(UserFactory):
    side = User.Side.TALENT


class EnterpriseUserFactory(UserFactory):
    side = User.Side.ENTERPRISE


class _StaffFactory(UserFactory):
    """Staff have two-step sign-in on, as the staff pages require; `mfa=False` for one who
    has not set it up yet. The TOTP secret is kept on the user as `totp_secret`."""

    side = ""
    is_staff = True

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)


class StaffUserFactory(_StaffFactory):
    is_superuser = True


class StaffMemberFactory(_StaffFactory):
    """Staff in one role (its group), not a superuser: `StaffMemberFactory(role=REPORTER)`;
    without a role, staff who may sign in to the admin and do nothing there."""

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
