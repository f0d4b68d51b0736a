"""The admin's list of assessment records (django-filter); every filter uses an indexed column."""

import django_filters
from django.utils.translation import gettext_lazy as _

from lsp.models import Skema

from .domain_pelaksanaan import StatusRekaman, Verdict
from .models import RekamanAsesmen


class RekamanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Nomor permohonan"), method="filter_q", max_length=50)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusRekaman.choices)
    rekomendasi = django_filters.ChoiceFilter(label=_("Rekomendasi"), choices=Verdict.choices)
    skema = django_filters.ModelChoiceFilter(label=_("Skema"), queryset=Skema.objects.order_by("kode"),
                                             field_name="peserta__jadwal__skema")

    class Meta:
        model = RekamanAsesmen
        fields = []

    def filter_q(self, queryset, name, value):
        """``APL-000123`` (or just 123): the application's id, an exact indexed lookup."""
        digits = value.strip().upper().removeprefix("APL-").lstrip("0")
        if not digits.isdigit() or len(digits) > 12:
            return queryset.none()
        return queryset.filter(peserta__permohonan_id=int(digits))
