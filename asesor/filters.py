"""The admin's asesor list filters (django-filter). Status filters are computed by the database
(``selectors.asesor_status_annotate``, the SQL twin of ``domain.asesor_status``, kept equal by a test)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from lsp.filters import FilterForm
from lsp.models import Skema
from lsp.widgets import LongSelect

from . import domain, selectors
from .models import AsesorProfile, RiwayatAsesmen


@extend_schema_field(OpenApiTypes.INT)  # the API's schema (drf-spectacular) cannot guess it from the form field
class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class MasterWidget(django_filters.widgets.BooleanWidget):
    """``?master=true|false`` with Indonesian choices ("Semua asesor" instead of django-filter's "Unknown")."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (
            ("", _("Semua asesor")), ("true", _("Hanya Master Asesor")), ("false", _("Bukan Master Asesor"))
        )


class BerlakuWidget(django_filters.widgets.BooleanWidget):
    """``?berlaku=true|false`` (the admin home's "Asesor aktif" opens ``?berlaku=true``)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (
            ("", _("Semua asesor")), ("true", _("Sertifikat masih berlaku")), ("false", _("Sertifikat tidak berlaku"))
        )


class AsesorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari"), method="filter_q", max_length=100)
    skema = django_filters.ModelChoiceFilter(
        label=_("Kompeten untuk skema"), queryset=Skema.objects.all(), method="filter_skema", widget=LongSelect,
        empty_label=_("Semua skema"),
    )
    kedaluwarsa_dalam = IntegerFilter(
        label=_("Berakhir dalam (hari)"), method="filter_kedaluwarsa_dalam", min_value=0, max_value=3650
    )
    master = django_filters.BooleanFilter(label=_("Master Asesor"), field_name="is_master", widget=MasterWidget())
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=domain.StatusAsesor.choices, method="filter_status", empty_label=_("Semua status")
    )
    berlaku = django_filters.BooleanFilter(
        label=_("Sertifikat berlaku"), method="filter_berlaku", widget=BerlakuWidget()
    )
    rekognisi = django_filters.ChoiceFilter(
        label=_("Rekognisi"), choices=domain.StatusRekognisi.choices, method="filter_rekognisi",
        empty_label=_("Semua"),
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

    @extend_schema_field(OpenApiTypes.INT)  # a skema id, in the API's schema
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

    def filter_berlaku(self, queryset, name, value):
        if value is None:
            return queryset
        return selectors.asesor_filter_status(queryset, on_date=self.on_date, berlaku=value)

    def filter_rekognisi(self, queryset, name, value):
        if not value:
            return queryset
        return selectors.asesor_filter_status(queryset, on_date=self.on_date, rekognisi=value)


class RiwayatEksternalFilter(django_filters.FilterSet):
    """The admin's list of external assessments: by verification status."""

    status = django_filters.ChoiceFilter(
        label=_("Status verifikasi"), choices=domain.StatusVerifikasi.choices, empty_label=_("Semua status")
    )

    class Meta:
        model = RiwayatAsesmen
        fields = ["status"]
        form = FilterForm
