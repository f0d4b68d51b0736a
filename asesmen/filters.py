"""The admin's batch list filters (django-filter); every filter uses an indexed column."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lsp.models import TUK, Skema

from . import selectors
from .domain import StatusJadwal
from .models import Jadwal


class JadwalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari"), method="filter_q", max_length=100)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusJadwal.choices)
    skema = django_filters.ModelChoiceFilter(label=_("Skema"), queryset=Skema.objects.order_by("kode"))
    tuk = django_filters.ModelChoiceFilter(label=_("TUK"), queryset=TUK.objects.order_by("nama"))
    dari = django_filters.DateFilter(label=_("Mulai dari"), method="filter_dari",
                                     widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Jadwal
        fields = []

    def filter_q(self, queryset, name, value):
        return selectors.jadwal_search(queryset, value)

    def filter_dari(self, queryset, name, value):
        start, _end = selectors.day_bounds(value)
        return queryset.filter(mulai__gte=start)
