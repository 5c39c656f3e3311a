from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import form_field
from thidua.organizations.forms import label_organizations


class DiscoveryForm(forms.Form):
    organization: forms.ModelChoiceField = forms.ModelChoiceField(queryset=None, label=_("Cơ quan, đơn vị"))
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=2017, max_value=2100)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "organization", forms.ModelChoiceField).queryset = organizations
        year = form_field(self, "year", forms.IntegerField)
        year.initial = timezone.localdate().year - 1
        year.max_value = timezone.localdate().year
        label_organizations(self)
