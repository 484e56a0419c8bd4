"""Answer sets shared by the toolkit tests."""

READY = {
    "experience": "regular",
    "language": "english",
    "mentor": "shared",
    "onboarding": "planned",
    "permits": "known",
    "need": "permanent",
    "timing": "soon",
}
NEW = {
    "experience": "none",
    "language": "finnish",
    "mentor": "nobody",
    "onboarding": "little",
    "permits": "unknown",
    "need": "try",
    "timing": "soon",
}


def answers(base, **changes):
    return {**base, **changes}
