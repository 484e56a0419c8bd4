from datetime import timedelta

import factory
from django.utils import timezone

from pages.models import AccessibilityFeedback, Page


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    slug = factory.Sequence(lambda n: f"guide-{n}")
    kind = Page.Kind.GUIDE
    position = factory.Sequence(lambda n: 100 + n)
    title_en = factory.Sequence(lambda n: f"Guide {n}")
    title_fi = factory.Sequence(lambda n: f"Opas {n}")
    summary_en = "What this guide is about."
    summary_fi = "Mistä tämä opas kertoo."
    body_en = "## First steps\n\nStart here."
    body_fi = "## Ensimmäiset askeleet\n\nAloita tästä."


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessibilityFeedback

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    message = "The menu cannot be opened with a keyboard."
    language = "en"
    received_at = factory.LazyFunction(timezone.now)
    due_on = factory.LazyAttribute(
        lambda feedback: timezone.localdate(feedback.received_at) + timedelta(days=14)
    )
