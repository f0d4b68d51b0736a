import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lsp.filters import LocalDateFilter
from lsp.models import Skema
from lsp.widgets import LongSelect

from .domain import Status
from .models import Permohonan
from .selectors import Urutan, verifikasi_search

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PermohonanFilter(django_filters.FilterSet):
    """Filters of the verification queue: search (name, full NIK, APL number), skema, status, submission
    date range, and the order (``urut``, applied by the view as a keyset: ``selectors.PERMOHONAN_KEYSETS``)."""

    q = django_filters.CharFilter(label=_("Cari nama, NIK lengkap atau nomor APL"), method="search", max_length=100)
    urut = django_filters.ChoiceFilter(
        label=_("Urutkan"), choices=Urutan.choices, empty_label=None, method="keep"
    )

    skema = django_filters.ModelChoiceFilter(
        label=_("Skema"), queryset=Skema.objects.order_by("kode"), empty_label=_("Semua skema"), widget=LongSelect
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[c for c in Status.choices if c[0] != Status.DRAFT],
        empty_label=_("Semua status"),
    )
    dari = LocalDateFilter(
        label=_("Diajukan sejak"), field_name="diajukan_pada", lookup_expr="gte", widget=DATE
    )
    sampai = LocalDateFilter(
        label=_("Diajukan sampai"), field_name="diajukan_pada", lookup_expr="lte", widget=DATE
    )

    class Meta:
        model = Permohonan
        fields = ["q", "skema", "status", "dari", "sampai", "urut"]

    def search(self, queryset, name, value):
        return verifikasi_search(queryset, value)

    def keep(self, queryset, name, value):
        return queryset  # the view pages in this order

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from crispy_forms.helper import FormHelper
        from crispy_forms.layout import Column, Layout, Row

        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Row(
                Column("q", css_class="col-md-5"),
                Column("skema", css_class="col-md-4"),
                Column("urut", css_class="col-md-3"),
            ),
            Row(
                Column("status", css_class="col-md-4"),
                Column("dari", css_class="col-md-4"),
                Column("sampai", css_class="col-md-4"),
            ),
        )
        self.form.helper = helper
