"""The admin LSP's list of every FR.VA sample (django-filter, R65): by status, by validator, and by the
period of submission the sample covers (a sample whose period overlaps the one asked). Each on an index of
``SampelValidasi``; a value that does not validate is shown on the form and ignored."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lsp.filters import FilterForm

from .domain_validasi import StatusSampel
from .models import SampelValidasi
from .selectors_validasi import validator_users

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SampelAdminFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusSampel.choices,
                                         empty_label=_("Semua status"))
    validator = django_filters.ModelChoiceFilter(label=_("Validator"), queryset=validator_users(),
                                                 empty_label=_("Semua validator"))
    dari = django_filters.DateFilter(label=_("Periode dari"), method="filter_dari", widget=DATE_WIDGET)
    sampai = django_filters.DateFilter(label=_("Periode sampai"), method="filter_sampai", widget=DATE_WIDGET)

    class Meta:
        model = SampelValidasi
        form = FilterForm
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["validator"].field.label_from_instance = lambda u: u.get_full_name() or u.username

    def filter_dari(self, queryset, name, value):
        """Samples whose period ends on or after ``value`` (``sampel_periode_idx``)."""
        return queryset.filter(sampai__gte=value)

    def filter_sampai(self, queryset, name, value):
        """Samples whose period starts on or before ``value``."""
        return queryset.filter(dari__lte=value)
