from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from profiles.forms import municipality_choices
from profiles.reference import country_choices, language_choices

from .documents import logo_process
from .models import Enterprise, Industry, Membership, SizeClass
from .selectors import invitation_max_age
from .services import BUSINESS_ID_TAKEN
from .validators import normalise_business_id, validate_business_id


class EnterpriseForm(forms.ModelForm):
    """The company's details, for registering and editing (`editor` is the membership role)."""

    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, at most 2 MB. Shown on your openings; a transparent "
            "background is kept."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
    )
    target_markets = forms.MultipleChoiceField(
        label=_("Target markets"),
        help_text=_("Countries where you sell, or want to."),
        choices=country_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-scroll"}),
    )
    languages_needed = forms.MultipleChoiceField(
        label=_("Languages you need"),
        help_text=_("Languages a talent could bring to your team."),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-scroll"}),
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "business_id",
            "industry",
            "size",
            "municipality",
            "website",
            "description",
            "target_markets",
            "languages_needed",
            "goals",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "size": forms.RadioSelect,
        }

    def __init__(self, *args, editor: str = Membership.Role.OWNER, **kwargs):
        super().__init__(*args, **kwargs)
        self.processed_logo = None
        self.fields["industry"].choices = [("", _("Choose an industry")), *Industry.choices]
        self.fields["industry"].label = _("Industry")
        self.fields["size"].choices = SizeClass.choices
        self.fields["size"].required = True
        self.fields["municipality"] = forms.ChoiceField(
            label=_("Municipality"),
            help_text=_("Where the company’s office is."),
            choices=municipality_choices,
        )
        business_id = self.fields["business_id"]
        business_id.widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})
        if self.instance.pk:
            if editor != Membership.Role.OWNER:
                business_id.disabled = True
                business_id.help_text = _("Only the company’s owners can change the business ID.")
            elif self.instance.status != Enterprise.Status.PENDING:
                business_id.help_text = _(
                    "Changing the business ID sends the company back to verification: until "
                    "staff verify it again, you cannot publish openings or browse the talent pool."
                )
            if self.instance.logo:
                self.fields["remove_logo"] = forms.BooleanField(
                    label=_("Remove the current logo"), required=False
                )

    def clean_business_id(self):
        value = normalise_business_id(self.cleaned_data["business_id"])
        validate_business_id(value)
        taken = Enterprise.objects.filter(business_id=value).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(BUSINESS_ID_TAKEN, code="unique")
        return value

    def clean_logo(self):
        upload = self.cleaned_data["logo"]
        if upload:
            self.processed_logo = logo_process(upload)
        return upload

    def changes(self) -> dict:
        """What this save changes, for `enterprise_update` (a new logo, or None to remove it)."""
        changes = {
            name: self.cleaned_data[name] for name in self.changed_data if name in self.Meta.fields
        }
        if self.processed_logo is not None:
            changes["logo"] = self.processed_logo
        elif self.cleaned_data.get("remove_logo"):
            changes["logo"] = None
        return changes


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=_("Owners can also manage the team and change the business ID."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = max(1, invitation_max_age().days)
        self.fields["email"].help_text = ngettext(
            "They get a link to join, valid for %(days)s day.",
            "They get a link to join, valid for %(days)s days.",
            days,
        ) % {"days": days}


class HandOverForm(forms.Form):
    step_down = forms.BooleanField(label=_("Make me a member instead of an owner"), required=False)
