"""Demo data for a laptop or a staging site: `manage.py seed_demo`.

Safe to run again: it creates what is missing and never overwrites, so whatever a person
changed while trying the demo survives the next `make run`.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import roles
from accounts.models import User
from enterprises.models import Enterprise, Membership
from esco.importer import STARTER_TAXONOMY, import_export
from esco.models import Skill
from matching.demo import seed_history
from matching.models import Opening, OpeningLanguage, OpeningSkill
from matching.notifications import opening_matches_notify
from matching.services import quality_warnings
from matching.services.scores import scores_rebuild
from organisations import demo as organisations_demo
from pages import demo as pages_demo
from profiles.models import (
    ContactRequest,
    Opportunity,
    OpportunityType,
    ProfileLanguage,
    ProfileSkill,
    TalentProfile,
)
from toolkit import demo as toolkit_demo

DEMO_PASSWORD = "talenthub-demo"  # noqa: S105 - printed for the demo, never used in production
# The logins printed for the demo (and shown in the README).
STAFF_EMAIL = "staff@demo.talenthub.fi"
MODERATOR_EMAIL = "moderator@demo.talenthub.fi"
REPORTER_EMAIL = "reporter@demo.talenthub.fi"
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
    # business ID, name, municipality, industry, size, website, description, members
    (
        "2841957-5",
        "Pielisen Puutuote Oy",
        "422",  # Lieksa
        "C",
        "small",
        "https://pielisenpuutuote.example",
        "A family-owned sawmill and joinery exporting log-house kits to Central Europe and Japan.",
        [("tuomas.hakkinen@demo.talenthub.fi", "Tuomas Häkkinen", Membership.Role.OWNER)],
    ),
    (
        "2765391-7",
        "Karelia Code Oy",
        "167",  # Joensuu
        "J",
        "small",
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
        "167",
        "N",
        "micro",
        "https://kolinelamysmatkat.example",
        "Nature tourism in the Koli national park: guided hikes, lake trips and winter safaris.",
        [("minna.ikonen@demo.talenthub.fi", "Minna Ikonen", Membership.Role.OWNER)],
    ),
    (
        "3012847-8",
        "Liperin Kuljetus ja Varasto Oy",
        "426",  # Liperi
        "H",
        "small",
        "",
        "Regional haulage and warehousing for the wood and metal industries of North Karelia.",
        [("jari.ronkainen@demo.talenthub.fi", "Jari Ronkainen", Membership.Role.OWNER)],
    ),
]

# Published openings, with what they require; the last one waits for staff review.
OPENINGS = [
    {
        "business_id": "2765391-7",
        "title": "Django developer",
        "kind": "job",
        "municipality": "167",
        "work_mode": "hybrid",
        "description": "Join the team that builds timber-logistics software used across the "
        "Nordics. English is our working language.",
        "tasks": "Build features in Django and PostgreSQL with a team of six; review code.",
        "offer": "Permanent, full-time work, a mentor, and Finnish lessons in working hours.",
        "finnish_not_required": True,
        "salary_min": 3600,
        "salary_max": 4600,
        "hours_per_week": 37,
        "skills": [
            ("Python (computer programming)", True, 3),
            ("web programming", True, 2),
            ("SQL", False, 2),
        ],
        "languages": [("en", 4)],
        "age_days": 2,
    },
    {
        "business_id": "2765391-7",
        "title": "Development period: entering the Polish market",
        "kind": "development",
        "municipality": "167",
        "work_mode": "hybrid",
        "description": "Three months to map customers and partners in Poland for our "
        "route-planning product, together with our sales lead.",
        "tasks": "Research the market, contact ten potential customers, plan a pilot.",
        "offer": "A paid period, a mentor in sales, and travel to Warsaw.",
        "finnish_not_required": True,
        "duration_months": 3,
        "salary_min": 2400,
        "salary_max": 2400,
        "languages": [("en", 4), ("pl", 6)],
        "age_days": 5,
    },
    {
        "business_id": "2841957-5",
        "title": "Joint work period: export sales to Japan",
        "kind": "joint_work",
        "municipality": "422",
        "work_mode": "on_site",
        "description": "We are looking for a talent who knows the Japanese market to work with "
        "us on a pilot shipment of log-house kits.",
        "tasks": "Prepare sales material in Japanese and join calls with importers.",
        "offer": "Housing in Lieksa for the period and a lake view from the office.",
        "finnish_not_required": True,
        "duration_months": 4,
        "paid": False,
        "languages": [("ja", 6), ("en", 4)],
        "age_days": 8,
    },
    {
        "business_id": "3150482-6",
        "title": "Internship: guiding international guests at Koli",
        "kind": "internship",
        "municipality": "167",
        "work_mode": "on_site",
        "description": "A summer internship guiding hiking and lake tours for guests from Asia "
        "and Central Europe.",
        "tasks": "Guide groups of up to twelve and help in the café on quiet days.",
        "offer": "Intern salary, training as a nature guide, and staff housing.",
        "duration_months": 3,
        "salary_min": 1500,
        "salary_max": 1500,
        "languages": [("en", 4), ("fi", 2)],
        "age_days": 12,
    },
    {
        "business_id": "3012847-8",
        "title": "Warehouse worker with forklift licence",
        "kind": "job",
        "municipality": "426",
        "work_mode": "on_site",
        "description": "Full-time work in our Liperi warehouse. A forklift licence is "
        "required; we support Finnish language studies.",
        "tasks": "Receive and ship goods, drive a forklift, keep the stock system up to date.",
        "offer": "Permanent work in two shifts and a paid Finnish course.",
        "salary_min": 2500,
        "salary_max": 2900,
        "hours_per_week": 37,
        "skills": [("operate forklift", True, 2)],
        "languages": [("fi", 2)],
        "age_days": 20,
    },
    {
        "business_id": "3012847-8",
        "title": "Summer driver",
        "kind": "job",
        "municipality": "426",
        "work_mode": "on_site",
        "description": "A young, energetic man for deliveries. Send your CV with a photo.",
        "tasks": "Deliver goods around North Karelia in a van.",
        "offer": "Summer work from June to August.",
        "salary_min": 2300,
        "salary_max": 2500,
        "languages": [("fi", 5)],
        "status": Opening.Status.SUBMITTED,
        "age_days": 1,
    },
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
        staff = [self._user(STAFF_EMAIL, "Leena Staff", side="", is_staff=True, is_superuser=True)]
        for email, name, role in [
            (MODERATOR_EMAIL, "Mikko Moderator", roles.MODERATOR),
            (REPORTER_EMAIL, "Riikka Reporter", roles.REPORTER),
        ]:
            staff.append(self._user(email, name, side="", is_staff=True))
            staff[-1].groups.add(Group.objects.get(name=role))
        for user in staff:
            # Staff pages need two-step sign-in; on a development machine any demo staff
            # member signs in with the code MFA_TOTP_INSECURE_BYPASS_CODE (settings/dev.py).
            if not is_mfa_enabled(user):
                TOTP.activate(user, generate_totp_secret())
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
        for business_id, name, place, industry, size, website, description, members in ENTERPRISES:
            enterprise, _ = Enterprise.objects.get_or_create(
                business_id=business_id,
                defaults={
                    "name": name,
                    "municipality": place,
                    "industry": industry,
                    "size": size,
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
        for spec in OPENINGS:
            self._opening(enterprises[spec["business_id"]], dict(spec))
        # An anonymous talent has a request waiting, so the demo shows both sides of it.
        ContactRequest.objects.get_or_create(
            profile=TalentProfile.objects.get(user__email="olena.kovalenko@demo.talenthub.fi"),
            enterprise=enterprises["2765391-7"],
            defaults={
                "requested_by": User.objects.get(email=COMPANY_EMAIL),
                "message": "We are planning our entry to the Polish market; could we talk?",
            },
        )
        seed_history()
        organisations_demo.seed_demo()
        toolkit_demo.seed_demo()
        pages_demo.seed_demo()
        # Scores follow edits through tasks; rows created here directly need a first pass.
        scores_rebuild()
        # As if each opening had just been published: talents find them in their notification
        # centre (and mail under var/mail); run again, nobody is told twice.
        for opening_id in Opening.objects.published().values_list("pk", flat=True):
            opening_matches_notify(opening_id=opening_id)
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
        wanted = (OpportunityType.JOB, OpportunityType.DEVELOPMENT, OpportunityType.JOINT_WORK)
        Opportunity.objects.bulk_create(
            [Opportunity(profile=profile, kind=kind) for kind in wanted], ignore_conflicts=True
        )

    def _opening(self, enterprise, spec):
        skills, languages = spec.pop("skills", []), spec.pop("languages", [])
        age = timedelta(days=spec.pop("age_days"))
        del spec["business_id"]
        status = spec.pop("status", Opening.Status.PUBLISHED)
        now = timezone.now()
        opening, created = Opening.objects.get_or_create(
            enterprise=enterprise,
            title=spec.pop("title"),
            defaults={
                **spec,
                "status": status,
                "contact": enterprise.membership_set.order_by("pk").first().user,
                "submitted_at": now - age,
                "published_at": now - age if status == Opening.Status.PUBLISHED else None,
                "deadline": timezone.localdate() + timedelta(days=45) - age,
            },
        )
        if not created:
            return
        for label, essential, level in skills:
            skill = Skill.objects.pickable().filter(label_en=label).first()
            if skill:
                OpeningSkill.objects.create(
                    opening=opening, skill=skill, essential=essential, level=level
                )
        OpeningLanguage.objects.bulk_create(
            OpeningLanguage(opening=opening, language=code, level=level)
            for code, level in languages
        )
        if status == Opening.Status.SUBMITTED:
            # As if submitted through the site: staff see the quality warnings in the queue.
            opening.quality_warnings = [w.as_dict() for w in quality_warnings(opening)]
            opening.save(update_fields=["quality_warnings"])

    def _user(self, email, full_name, *, side, language="en", is_staff=False, is_superuser=False):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": full_name,
                "side": side,
                "preferred_language": language,
                "is_staff": is_staff,
                "is_superuser": is_superuser,
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
            ("moderator", MODERATOR_EMAIL),
            ("reporter", REPORTER_EMAIL),
            ("talent", TALENT_EMAIL),
            ("company", COMPANY_EMAIL),
        ]:
            self.stdout.write(f"  {role:<10} {email:<40} password: {DEMO_PASSWORD}")
        self.stdout.write("  (every demo user has the same password)")
        if settings.MFA_TOTP_INSECURE_BYPASS_CODE:
            self.stdout.write(
                "  Staff sign in in two steps: on this development machine the code "
                f"{settings.MFA_TOTP_INSECURE_BYPASS_CODE} is accepted."
            )
