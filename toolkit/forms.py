from django import forms
from django.utils.translation import gettext_lazy as _

from .assessment import QUESTIONS


def _enterprise_field(enterprises, **kwargs) -> forms.TypedChoiceField:
    # The person's own companies, already read by the view: listing and checking the choice
    # need no further query, and a company that is not theirs is simply not a valid choice.
    return forms.TypedChoiceField(
        choices=[(enterprise.pk, enterprise.name) for enterprise in enterprises],
        coerce=int,
        **kwargs,
    )


class _EnterpriseMixin:
    def _chosen(self, enterprises):
        by_pk = {enterprise.pk: enterprise for enterprise in enterprises}
        return by_pk.get(self.cleaned_data.get("enterprise"))


class AssessmentForm(_EnterpriseMixin, forms.Form):
    """One radio group per question, every one required.

    A member of several companies also says which company the answers are about; for a
    member of one company it is that company.
    """

    def __init__(self, *args, enterprises=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._enterprises = list(enterprises)
        if len(self._enterprises) > 1:
            self.fields["enterprise"] = _enterprise_field(
                self._enterprises,
                label=_("Which company are you assessing?"),
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a company.")},
            )
        for question in QUESTIONS:
            self.fields[question.name] = forms.ChoiceField(
                label=question.label,
                help_text=question.help_text,
                choices=question.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one answer.")},
            )

    def answers(self) -> dict[str, str]:
        return {question.name: self.cleaned_data[question.name] for question in QUESTIONS}

    def enterprise(self):
        """The company the answers are about; None for people who belong to none."""
        if len(self._enterprises) == 1:
            return self._enterprises[0]
        return self._chosen(self._enterprises)

    def answer_rows(self) -> list[tuple[str, str]]:
        """(question, answer) for the answers given, as the result page repeats them."""
        return [
            (question.label, question.label_of(self.cleaned_data[question.name]))
            for question in QUESTIONS
        ]


class DraftForm(_EnterpriseMixin, forms.Form):
    """Which of the person's companies the draft opening is for (a choice only if several)."""

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self._enterprises = list(enterprises)
        several = len(self._enterprises) > 1
        self.fields["enterprise"] = _enterprise_field(
            self._enterprises,
            label=_("For which company?"),
            widget=forms.Select if several else forms.HiddenInput,
        )

    def enterprise(self):
        return self._chosen(self._enterprises)
