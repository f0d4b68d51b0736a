"""The admin's batch list filters (django-filter): status, start date, a text search; skema and TUK by id."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lsp.models import TUK, Skema

from . import selectors
from .domain import StatusJadwal
from .models import Jadwal


class JadwalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari"), method="filter_q", max_length=100, help_text=_("Kode jadwal, kode atau nama skema, nama TUK")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StatusJadwal.choices, empty_label=_("Semua status")
    )
    # by id, from links (a skema's or a TUK's batches); a <select> of every skema and TUK would cost more to
    # render than the whole page, so the visible form searches them by text (``q``)
    skema = django_filters.ModelChoiceFilter(queryset=Skema.objects.all(), widget=forms.HiddenInput)
    tuk = django_filters.ModelChoiceFilter(queryset=TUK.objects.all(), widget=forms.HiddenInput)
    dari = django_filters.DateFilter(label=_("Mulai dari"), method="filter_dari",
                                     widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    class Meta:
        model = Jadwal
        fields = []

    def filter_q(self, queryset, name, value):
        return selectors.jadwal_search(queryset, value)

    def filter_dari(self, queryset, name, value):
        start, _end = selectors.day_bounds(value)
        return queryset.filter(mulai__gte=start)
