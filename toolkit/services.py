"""Writes of the toolkit: recording an assessment and turning its result into a draft."""

from collections.abc import Mapping
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from enterprises.models import Enterprise
from matching.models import Opening
from matching.services.openings import opening_create

from .assessment import Kind, Result, assess
from .models import Assessment

__all__ = ["assessment_record", "draft_opening_create"]

SAME_ASSESSMENT = timedelta(days=1)

# Why the opening exists, as a prompt the company replaces with its own words.
PURPOSE_PROMPTS = {
    Kind.JOINT_WORK: gettext_lazy(
        "[What would you like to try together, and what should be done by the end?]"
    ),
    Kind.INTERNSHIP: gettext_lazy("[What will the intern learn, and who guides them?]"),
    Kind.DEVELOPMENT: gettext_lazy(
        "[Which market, product or service will the talent help develop, and what should be "
        "ready at the end?]"
    ),
    Kind.JOB: gettext_lazy("[What is the role, and why are you hiring now?]"),
}
LANGUAGE_LINES = {
    "finnish": gettext_lazy("Our working language is Finnish. [How will you support the talent?]"),
    "mixed": gettext_lazy(
        "We work mostly in Finnish, but English works for much of the work. [Which parts?]"
    ),
    "english": gettext_lazy("English works as our working language."),
}


@transaction.atomic
@transaction.atomic
def assessment_record(
    *, enterprise: Enterprise, actor, answers: Mapping[str, str], result: Result
) -> Assessment:
    """Store the answers once: the result page is a POST, and reloading it (or coming back
    to it within the day) must not count the same assessment twice in staff's figures."""
    # Two posts at once (a double click): the second waits here, then finds the first's row.
    list(Enterprise.objects.select_for_update().filter(pk=enterprise.pk).values_list("pk"))
    assessment, _created = Assessment.objects.get_or_create(
        enterprise=enterprise,
        created_by=actor,
        answers=dict(answers),
        created_at__gte=timezone.now() - SAME_ASSESSMENT,
        defaults={"score": result.score, "level": result.level, "suggested_kind": result.kind},
    )
    return assessment


@transaction.atomic
def draft_opening_create(*, enterprise: Enterprise, actor, answers: Mapping[str, str]) -> Opening:
    """A draft opening of the kind the answers suggest, with text for the company to finish.

    The kind is computed here from the answers, never taken from the request. The text is in
    the active language, the one the person uses the site in.
    """
    result = assess(answers)
    kind = Kind(result.kind)
    description = "\n\n".join(
        [
            _("About us: [What does %(enterprise)s do, and for whom?]")
            % {"enterprise": enterprise.name},
            str(PURPOSE_PROMPTS[kind]),
            str(LANGUAGE_LINES[answers["language"]]),
            _("Supervision: [Who supervises and mentors the talent, and in which language?]"),
        ]
    )
    return opening_create(
        enterprise=enterprise,
        actor=actor,
        data={
            "kind": kind,
            "title": _("%(kind)s: [name the role or project]") % {"kind": kind.label},
            "description": description,
            "tasks": _("[What will the talent do in the first weeks, and after that?]"),
            "offer": _("[Pay, working hours, equipment, help with moving or housing, …]"),
            "finnish_not_required": answers["language"] == "english",
            "contact": actor,
        },
    )
