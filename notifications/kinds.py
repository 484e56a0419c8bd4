"""Every kind of notification: its category (what a person can tune) and its templates.

A kind's template `<path>` is two files, `<path>_subject.txt` (one line, also the title in
the notification centre) and `<path>.txt`, usually extending account/email/base_message.txt.
Their context is the snapshot the event stored, plus `url` (absolute) and `unsubscribe_url`.
"""

from dataclasses import dataclass

from .models import Category


@dataclass(frozen=True)
class Kind:
    category: str
    template: str


def _paths(category: str, folder: str, names: str) -> dict[str, Kind]:
    return {name: Kind(category, f"{folder}/{name}") for name in names.split()}


KINDS: dict[str, Kind] = {
    "welcome": Kind(Category.ACCOUNT, "accounts/email/welcome"),
    "enterprise_verified": Kind(Category.ACCOUNT, "enterprises/email/verified"),
    "enterprise_rejected": Kind(Category.ACCOUNT, "enterprises/email/rejected"),
    "team_invitation": Kind(Category.ACCOUNT, "enterprises/email/invitation"),
    "profile_inactive": Kind(Category.ACCOUNT, "privacy/email/profile_inactive"),
    # To the address typed into the accessibility feedback form: acknowledgement, answer.
    **_paths(
        Category.ACCOUNT,
        "pages/email",
        "accessibility_feedback_received accessibility_feedback_answered",
    ),
    **_paths(
        Category.OPENINGS,
        "matching/email",
        "opening_published opening_rejected opening_expiring opening_expired",
    ),
    **_paths(Category.MATCHES, "matching/email", "opening_match apply_invitation"),
    **_paths(
        Category.APPLICATIONS,
        "matching/email",
        "application_applied application_shortlisted application_interview "
        "application_offered application_rejected application_accepted application_declined "
        "application_withdrawn",
    ),
    "application_message": Kind(Category.MESSAGES, "matching/email/application_message"),
    "contact_message": Kind(Category.MESSAGES, "profiles/email/contact_message"),
    **_paths(
        Category.PLACEMENTS,
        "matching/email",
        "placement_ongoing placement_completed placement_interrupted placement_checkin "
        "placement_outcome_reminder",
    ),
}
# The digest carries other rows; it is never itself gathered into one.
DIGEST = "digest"
KINDS[DIGEST] = Kind(Category.ACCOUNT, "notifications/email/digest")
