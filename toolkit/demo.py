"""Demo readiness assessments for the demo companies (see core's seed_demo command)."""

from enterprises.models import Enterprise, Membership

from .assessment import assess
from .services import assessment_record

# business ID → answers: a spread of readiness levels across the demo companies.
ANSWERS = {
    # Karelia Code: English at work, international staff already; hiring for good.
    "2765391-7": {
        "experience": "regular",
        "language": "english",
        "mentor": "shared",
        "onboarding": "planned",
        "permits": "known",
        "need": "permanent",
        "timing": "soon",
    },
    # Pielisen Puutuote: exports to Japan, but has never had a foreign employee.
    "2841957-5": {
        "experience": "some",
        "language": "mixed",
        "mentor": "shared",
        "onboarding": "some",
        "permits": "basics",
        "need": "develop",
        "timing": "soon",
    },
    # Liperin Kuljetus: a Finnish-speaking warehouse, new to all of this.
    "3012847-8": {
        "experience": "none",
        "language": "finnish",
        "mentor": "finnish",
        "onboarding": "some",
        "permits": "unknown",
        "need": "try",
        "timing": "later",
    },
}


def seed_demo() -> None:
    """One assessment per demo company that has none yet (the companies must exist)."""
    enterprises = Enterprise.objects.filter(business_id__in=ANSWERS).exclude(
        readiness_assessments__isnull=False
    )
    for enterprise in enterprises:
        answers = ANSWERS[enterprise.business_id]
        owner = (
            Membership.objects.filter(enterprise=enterprise, role=Membership.Role.OWNER)
            .select_related("user")
            .order_by("created_at")
            .first()
        )
        assessment_record(
            enterprise=enterprise,
            actor=owner.user if owner else None,
            answers=answers,
            result=assess(answers),
        )
