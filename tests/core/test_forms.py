from django import forms


class StaleChoiceForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(required=False)


def test_the_error_summary_says_what_is_wrong_with_a_hidden_field():
    form = StaleChoiceForm({"item": "gone"})

    html = str(form)

    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert "<li>Enter a whole number.</li>" in summary
