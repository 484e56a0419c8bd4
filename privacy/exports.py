"""A person's own data, as a ZIP they download themselves (the GDPR's right of access and to
data portability): `data.json` with everything TalentHub keeps about them, and the files they
uploaded (photo, CV, the CVs sent with applications).

What other people wrote in a shared conversation is included, as the conversation is the
person's too; other people's contact details are not (the other side is named by its company,
a message is marked as the person's own or not).
"""

import io
import json
import zipfile
from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpResponse
from django.utils import timezone

from audit.models import AccessLog
from enterprises.models import Membership
from matching.models import Application, Placement, StartUp
from notifications.models import Notification, Preferences
from organisations.models import Referral
from profiles.models import ContactRequest, TalentProfile
from profiles.storage import private_storage

from .selectors import consent_history

# Fields that are the service's bookkeeping or someone else's, not the person's data.
SKIPPED = {
    "id",
    "user",
    "profile",
    "author",
    "actor",
    "created_by",
    "recorded_by",
    "handled_by",
    "supervisor",
    # The record a row belongs to: it is nested under it already.
    "application",
    "placement",
    "contact_request",
}


def _row(obj: models.Model, **extra: Any) -> dict[str, Any]:
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED or isinstance(field, models.FileField):
            continue
        value = getattr(obj, field.name)
        data[field.name] = str(value) if isinstance(value, models.Model) else value
    return {**data, **extra}


def _thread(messages, user) -> list[dict[str, Any]]:
    return [
        {"at": message.created_at, "yours": message.author_id == user.pk, "text": message.body}
        for message in messages
    ]


def _talent(profile: TalentProfile, user) -> dict[str, Any]:
    applications = (
        Application.objects.filter(profile=profile)
        .select_related("opening__enterprise")
        .prefetch_related("events", "messages")
    )
    contacts = (
        ContactRequest.objects.filter(profile=profile)
        .select_related("enterprise")
        .prefetch_related("messages")
    )
    placements = (
        Placement.objects.filter(profile=profile)
        .select_related("enterprise", "opening")
        .prefetch_related("outcomes__startup", "checkins", "feedback")
    )
    return {
        "profile": _row(profile, occupations=[str(o) for o in profile.occupations.all()]),
        "skills": [
            {"skill": skill.skill.label_en, "level": skill.level}
            for skill in profile.skills.select_related("skill")
        ],
        "languages": [_row(language) for language in profile.languages.all()],
        "education": [_row(row) for row in profile.education.all()],
        "experience": [_row(row) for row in profile.experience.all()],
        "looking_for": [row.kind for row in profile.opportunities.all()],
        "applications": [
            _row(
                application,
                opening=application.opening.title,
                company=application.opening.enterprise.name,
                steps=[_row(event) for event in application.events.all()],
                messages=_thread(application.messages.all(), user),
            )
            for application in applications
        ],
        "contact_requests": [
            _row(request, messages=_thread(request.messages.all(), user)) for request in contacts
        ],
        "companies_blocked": [str(block.enterprise) for block in profile.blocks.all()],
        "placements": [
            _row(
                placement,
                outcomes=[_row(outcome) for outcome in placement.outcomes.all()],
                check_ins=[_row(c) for c in placement.checkins.all() if c.author_id == user.pk],
                feedback=[_row(f) for f in placement.feedback.all() if f.author_id == user.pk],
            )
            for placement in placements
        ],
        "start_ups": [_row(startup) for startup in StartUp.objects.filter(founder=profile)],
        "referrals": [
            _row(referral, note=None)
            for referral in Referral.objects.filter(profile=profile).select_related("organisation")
        ],
    }


def export_data(user) -> dict[str, Any]:
    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "side": user.side,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "two_step_sign_in": is_mfa_enabled(user),
        },
        "company_memberships": [
            {"company": m.enterprise.name, "role": m.role, "since": m.created_at}
            for m in Membership.objects.filter(user=user).select_related("enterprise")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "created_at": n.created_at,
                "emailed": n.status,
                "read_at": n.read_at,
                "link": n.url,
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
        "email_preferences": [_row(p) for p in Preferences.objects.filter(user=user)],
        "consents": [
            {
                "purpose": consent.purpose,
                "given": consent.granted,
                "where": consent.source,
                "at": consent.recorded_at,
                "privacy_notice_version": consent.notice.number,
            }
            for consent in consent_history(user=user).order_by("recorded_at", "pk")
        ],
        # Who on the staff opened your data, and when (their names stay with TalentHub).
        "staff_access": [
            {"at": entry.at, "action": entry.get_action_display()}
            for entry in AccessLog.objects.filter(subject=user).order_by("at")
        ],
    }
    profile = TalentProfile.objects.filter(user=user).first()
    if profile is not None:
        data["talent"] = _talent(profile, user)
    return data


def _files(user) -> list[tuple[str, str]]:
    """(name in the ZIP, name in private storage) of the files the person uploaded."""
    files = []
    profile = TalentProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.photo:
            files.append((f"photo.{profile.photo.name.rsplit('.', 1)[-1]}", profile.photo.name))
        if profile.cv:
            files.append((f"cv/{profile.cv_filename or 'cv.pdf'}", profile.cv.name))
        for application in Application.objects.filter(profile=profile).exclude(cv=""):
            name = application.cv_filename or "cv.pdf"
            files.append((f"applications/{application.pk}-{name}", application.cv.name))
    return files


def export_zip(user) -> bytes:
    buffer = io.BytesIO()
    storage = private_storage()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(export_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for name, stored in _files(user):
            if storage.exists(stored):
                with storage.open(stored) as handle:
                    archive.writestr(name, handle.read())
    return buffer.getvalue()


def export_response(user) -> HttpResponse:
    """The ZIP as a download no shared cache keeps."""
    response = HttpResponse(export_zip(user), content_type="application/zip")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="talenthub-data-{user.pk}-{day}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response
