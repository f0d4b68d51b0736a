"""The admin's asesor list filters (django-filter). Status filters are computed by the database
(``selectors.asesor_status_annotate``, the SQL twin of ``domain.asesor_status``, kept equal by a test)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lsp.models import Skema
from lsp.widgets import LongSelect

from . import domain, selectors
from .models import AsesorProfile


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class AsesorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari"), method="filter_q", max_length=100)
    skema = django_filters.ModelChoiceFilter(
        label=_("Kompeten untuk skema"), queryset=Skema.objects.all(), method="filter_skema", widget=LongSelect
    )
    kedaluwarsa_dalam = IntegerFilter(
        label=_("Berakhir dalam (hari)"), method="filter_kedaluwarsa_dalam", min_value=0, max_value=3650
    )
    master = django_filters.BooleanFilter(
        label=_("Master Asesor"), field_name="is_master",
        widget=django_filters.widgets.BooleanWidget(),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=domain.StatusAsesor.choices, method="filter_status")
    rekognisi = django_filters.ChoiceFilter(
        label=_("Rekognisi"), choices=domain.StatusRekognisi.choices, method="filter_rekognisi"
    )

    class Meta:
        model = AsesorProfile
        fields = []

    def __init__(self, *args, on_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_date = on_date or timezone.localdate()

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(user__nama_lengkap__icontains=value)
            | Q(user__username__icontains=value)
            | Q(user__email__icontains=value)
            | Q(nomor_registrasi__icontains=value)
        )

    def filter_skema(self, queryset, name, value):
        return selectors.asesor_competent_for(queryset, value) if value else queryset

    def filter_kedaluwarsa_dalam(self, queryset, name, value):
        if value is None:
            return queryset
        return selectors.asesor_expiring_within(queryset, on_date=self.on_date, days=value)

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        return selectors.asesor_filter_status(queryset, on_date=self.on_date, status=value)

    def filter_rekognisi(self, queryset, name, value):
        if not value:
            return queryset
        return selectors.asesor_filter_status(queryset, on_date=self.on_date, rekognisi=value)
