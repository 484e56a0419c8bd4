"""Demo data for a laptop or a staging site: `manage.py seed_demo`.

Safe to run again: it creates what is missing and never overwrites, so whatever a person
changed while trying the demo survives the next `make run`.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from enterprises.models import Enterprise, Membership
from esco.importer import STARTER_TAXONOMY, import_export
from esco.models import Skill
from matching.models import Opening
from profiles.models import (
    ContactRequest,
    Opportunity,
    OpportunityType,
    ProfileLanguage,
    ProfileSkill,
    TalentProfile,
)

DEMO_PASSWORD = "talenthub-demo"  # noqa: S105 - printed for the demo, never used in production
# The logins printed for the demo (and shown in the README).
STAFF_EMAIL = "staff@demo.talenthub.fi"
TALENT_EMAIL = "ana.souza@demo.talenthub.fi"
COMPANY_EMAIL = "sanna.karjalainen@demo.talenthub.fi"

TALENTS = [
    # email, full name, headline, municipality code, visibility, preferred language
    (
        TALENT_EMAIL,
        "Ana Souza",
        "Software developer, Python and Django",
        "167",  # Joensuu
        TalentProfile.Visibility.VISIBLE,
        "en",
    ),
    (
        "olena.kovalenko@demo.talenthub.fi",
        "Olena Kovalenko",
        "Export marketing, Ukrainian and Polish markets",
        "167",  # Joensuu
        TalentProfile.Visibility.ANONYMOUS,
        "fi",
    ),
    (
        "mohammed.alrashid@demo.talenthub.fi",
        "Mohammed Al-Rashid",
        "Mechanical engineer, wood processing machinery",
        "276",  # Kontiolahti
        TalentProfile.Visibility.VISIBLE,
        "en",
    ),
    (
        "li.wei@demo.talenthub.fi",
        "Li Wei",
        "Tourism and hospitality, Chinese-speaking guests",
        "422",  # Lieksa
        TalentProfile.Visibility.ANONYMOUS,
        "en",
    ),
    (
        "priya.raman@demo.talenthub.fi",
        "Priya Raman",
        "Registered nurse, learning Finnish (B1)",
        "426",  # Liperi
        TalentProfile.Visibility.HIDDEN,
        "en",
    ),
    (
        "daniel.okafor@demo.talenthub.fi",
        "Daniel Okafor",
        "Logistics coordinator with a forklift licence",
        "309",  # Outokumpu
        TalentProfile.Visibility.VISIBLE,
        "fi",
    ),
]

# ESCO skills (English labels of the starter taxonomy) and languages of each demo talent.
TALENT_SKILLS = {
    TALENT_EMAIL: [
        "Python (computer programming)",
        "SQL",
        "JavaScript",
        "web programming",
        "debug software",
        "work in teams",
    ],
    "olena.kovalenko@demo.talenthub.fi": [
        "market analysis",
        "implement marketing strategies",
        "build business relationships",
        "customer service",
    ],
    "mohammed.alrashid@demo.talenthub.fi": [
        "mechanical engineering",
        "CAE software",
        "technical drawings",
        "woodworking processes",
    ],
    "li.wei@demo.talenthub.fi": [
        "provide visitor information",
        "customer service",
        "sightseeing information",
        "demonstrate intercultural competence",
    ],
    "priya.raman@demo.talenthub.fi": [
        "apply person-centred care",
        "follow clinical guidelines",
        "empathise with the healthcare user",
    ],
    "daniel.okafor@demo.talenthub.fi": [
        "operate forklift",
        "warehouse operations",
        "manage logistics",
        "supply chain management",
        "work in a logistics team",
    ],
}
TALENT_LANGUAGES = {
    TALENT_EMAIL: [("pt", 7), ("en", 5), ("fi", 2)],
    "olena.kovalenko@demo.talenthub.fi": [("uk", 7), ("pl", 5), ("en", 4), ("fi", 3)],
    "mohammed.alrashid@demo.talenthub.fi": [("ar", 7), ("en", 5), ("fi", 3)],
    "li.wei@demo.talenthub.fi": [("zh", 7), ("en", 5), ("fi", 1)],
    "priya.raman@demo.talenthub.fi": [("ta", 7), ("en", 6), ("fi", 3)],
    "daniel.okafor@demo.talenthub.fi": [("en", 7), ("fi", 4)],
}

ENTERPRISES = [
    # business ID, name, municipality, website, description, members (email, name, role)
    (
        "2841957-5",
        "Pielisen Puutuote Oy",
        "Lieksa",
        "https://pielisenpuutuote.example",
        "A family-owned sawmill and joinery exporting log-house kits to Central Europe and Japan.",
        [("tuomas.hakkinen@demo.talenthub.fi", "Tuomas Häkkinen", Membership.Role.OWNER)],
    ),
    (
        "2765391-7",
        "Karelia Code Oy",
        "Joensuu",
        "https://kareliacode.example",
        "A software studio of twelve building forestry and logistics systems for Nordic customers.",
        [
            (COMPANY_EMAIL, "Sanna Karjalainen", Membership.Role.OWNER),
            ("ville.turunen@demo.talenthub.fi", "Ville Turunen", Membership.Role.MEMBER),
        ],
    ),
    (
        "3150482-6",
        "Kolin Elämysmatkat Oy",
        "Joensuu",
        "https://kolinelamysmatkat.example",
        "Nature tourism in the Koli national park: guided hikes, lake trips and winter safaris.",
        [("minna.ikonen@demo.talenthub.fi", "Minna Ikonen", Membership.Role.OWNER)],
    ),
    (
        "3012847-8",
        "Liperin Kuljetus ja Varasto Oy",
        "Liperi",
        "",
        "Regional haulage and warehousing for the wood and metal industries of North Karelia.",
        [("jari.ronkainen@demo.talenthub.fi", "Jari Ronkainen", Membership.Role.OWNER)],
    ),
]

OPENINGS = [
    # business ID, title, kind, municipality, description, days since published
    (
        "2765391-7",
        "Django developer",
        Opening.Kind.JOB,
        "Joensuu",
        "Join the team that builds timber-logistics software used across the Nordics. "
        "English is our working language; Finnish is not required.",
        2,
    ),
    (
        "2765391-7",
        "Development period: entering the Polish market",
        Opening.Kind.DEVELOPMENT,
        "Joensuu",
        "Three months to map customers and partners in Poland for our route-planning product, "
        "together with our sales lead.",
        5,
    ),
    (
        "2841957-5",
        "Joint work period: export sales to Japan",
        Opening.Kind.JOINT_WORK,
        "Lieksa",
        "We are looking for a talent who knows the Japanese market to work with us on a pilot "
        "shipment of log-house kits.",
        8,
    ),
    (
        "3150482-6",
        "Internship: guiding international guests at Koli",
        Opening.Kind.INTERNSHIP,
        "Joensuu",
        "A summer internship guiding hiking and lake tours for guests from Asia and "
        "Central Europe.",
        12,
    ),
    (
        "3012847-8",
        "Warehouse worker with forklift licence",
        Opening.Kind.JOB,
        "Liperi",
        "Full-time work in our Liperi warehouse. A forklift licence is required; we support "
        "Finnish language studies.",
        20,
    ),
]


class Command(BaseCommand):
    help = "Create the demo users, enterprises, talents and openings that do not exist yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Seed although DEBUG is off (a staging site): the demo logins are public.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            # The printed passwords, staff included, are public: never on a real site by accident.
            raise CommandError(
                "DEBUG is off: refusing to create demo users with public passwords. "
                "Use --allow-without-debug on a staging site."
            )
        if not Skill.objects.exists():
            # The shipped starter taxonomy; a city imports the full export with import_esco.
            import_export(STARTER_TAXONOMY, lambda message: None)
        self._user(STAFF_EMAIL, "Leena Staff", side="", is_staff=True, is_superuser=True)
        for email, name, headline, municipality, visibility, language in TALENTS:
            user = self._user(email, name, side=User.Side.TALENT, language=language)
            profile, created = TalentProfile.objects.get_or_create(
                user=user,
                defaults={
                    "display_name": name,
                    "headline": headline,
                    "municipality": municipality,
                    "visibility": visibility,
                },
            )
            if created:
                self._fill_profile(profile, email)
        enterprises = {}
        for business_id, name, municipality, website, description, members in ENTERPRISES:
            enterprise, _ = Enterprise.objects.get_or_create(
                business_id=business_id,
                defaults={
                    "name": name,
                    "municipality": municipality,
                    "website": website,
                    "description": description,
                    "status": Enterprise.Status.VERIFIED,
                },
            )
            enterprises[business_id] = enterprise
            for email, member_name, role in members:
                user = self._user(email, member_name, side=User.Side.ENTERPRISE, language="fi")
                Membership.objects.get_or_create(
                    enterprise=enterprise, user=user, defaults={"role": role}
                )
        now = timezone.now()
        for business_id, title, kind, municipality, description, age_days in OPENINGS:
            Opening.objects.get_or_create(
                enterprise=enterprises[business_id],
                title=title,
                defaults={
                    "kind": kind,
                    "municipality": municipality,
                    "description": description,
                    "status": Opening.Status.PUBLISHED,
                    "published_at": now - timedelta(days=age_days),
                },
            )
        # An anonymous talent has a request waiting, so the demo shows both sides of it.
        ContactRequest.objects.get_or_create(
            profile=TalentProfile.objects.get(user__email="olena.kovalenko@demo.talenthub.fi"),
            enterprise=enterprises["2765391-7"],
            defaults={
                "requested_by": User.objects.get(email=COMPANY_EMAIL),
                "message": "We are planning our entry to the Polish market; could we talk?",
            },
        )
        self._print_logins()

    def _fill_profile(self, profile, email):
        skills = Skill.objects.pickable().filter(label_en__in=TALENT_SKILLS[email])
        ProfileSkill.objects.bulk_create(
            ProfileSkill(profile=profile, skill=skill, level=ProfileSkill.Level.ADVANCED)
            for skill in skills
        )
        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(profile=profile, language=code, level=level)
            for code, level in TALENT_LANGUAGES[email]
        )
        Opportunity.objects.bulk_create(
            [Opportunity(profile=profile, kind=OpportunityType.JOB)], ignore_conflicts=True
        )

    def _user(self, email, full_name, *, side, language="en", is_staff=False, is_superuser=False):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": full_name,
                "side": side,
                "preferred_language": language,
                "is_staff": is_staff,
                "is_superuser": is_superuser,
                # Demo people are not newcomers: no welcome mail for them.
                "welcome_sent_at": timezone.now(),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            # Demo addresses count as verified, so the logins work without a mail round trip.
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in with:"))
        for role, email in [
            ("staff", STAFF_EMAIL),
            ("talent", TALENT_EMAIL),
            ("company", COMPANY_EMAIL),
        ]:
            self.stdout.write(f"  {role:<8} {email:<40} password: {DEMO_PASSWORD}")
        self.stdout.write("  (every demo user has the same password)")
