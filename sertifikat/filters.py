"""The admin certificate list's filters. The status filter turns ``domain.status_on`` into SQL on the
stored status and the indexed ``berlaku_sampai`` (expired is derived from the date, never stored)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lsp.filters import FilterForm
from lsp.models import Skema

from . import domain
from .domain import Status, StatusTersimpan

BERAKHIR_HARI = (("30", _("30 hari")), ("90", _("90 hari")))


class TahunFilter(django_filters.NumberFilter):
    """A whole year in range, checked on the server too (``?tahun=0.5`` was a 500: year 0 at the database)."""

    field_class = forms.IntegerField


class SertifikatFilter(django_filters.FilterSet):
    nomor = django_filters.CharFilter(label=_("Nomor sertifikat (tepat)"), method="filter_nomor", max_length=100)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, method="filter_status", empty_label=_("Semua status")
    )
    # a code, not a select of every skema: hundreds of options would cost more than the list itself
    skema = django_filters.CharFilter(label=_("Kode skema"), method="filter_skema", max_length=50)
    tahun = TahunFilter(
        label=_("Tahun terbit"), field_name="tanggal_terbit", lookup_expr="year", min_value=1990, max_value=2100,
        widget=forms.NumberInput(attrs={"min": 1990, "max": 2100}),
    )
    berakhir = django_filters.ChoiceFilter(
        label=_("Berakhir dalam"), choices=BERAKHIR_HARI,
        method="filter_berakhir", empty_label=_("Kapan saja"),
    )
    pdf_status = django_filters.ChoiceFilter(
        label=_("PDF"), choices=domain.StatusPdf.choices, empty_label=_("Semua")
    )

    class Meta:
        form = FilterForm
        fields = []

    def filter_nomor(self, queryset, name, value):
        text = domain.lookup_normalize(value)
        return queryset.filter(nomor__iexact=text) if text else queryset.none()

    def filter_skema(self, queryset, name, value):
        """The skema by its code (the small skema table), then its certificates through their index."""
        skema = Skema.objects.filter(kode__iexact=value.strip()).values_list("pk", flat=True).first()
        return queryset.filter(skema_id=skema) if skema else queryset.none()

    def filter_berakhir(self, queryset, name, value):
        """Active certificates whose validity ends within ``value`` days from today (the home page's
        "expiring in 90 days"): ``selectors.sertifikat_berakhir``."""
        from .selectors import sertifikat_berakhir

        return sertifikat_berakhir(queryset, today=timezone.localdate(), hari=int(value))

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        aktif = Q(status=StatusTersimpan.AKTIF)
        return queryset.filter({
            Status.AKTIF: aktif & Q(berlaku_sampai__gte=today),
            Status.KEDALUWARSA: aktif & Q(berlaku_sampai__lt=today),
            Status.DIBEKUKAN: Q(status=StatusTersimpan.DIBEKUKAN),
            Status.DICABUT: Q(status=StatusTersimpan.DICABUT),
        }[value])
