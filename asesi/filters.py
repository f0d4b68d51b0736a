import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lsp.filters import LocalDateFilter
from lsp.models import Skema

from .domain import Status
from .models import Permohonan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PermohonanFilter(django_filters.FilterSet):
    """Filters of the verification queue: skema, status, submission date range."""

    skema = django_filters.ModelChoiceFilter(
        label=_("Skema"), queryset=Skema.objects.order_by("kode"), empty_label=_("Semua skema")
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
        fields = ["skema", "status", "dari", "sampai"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from crispy_forms.helper import FormHelper
        from crispy_forms.layout import Column, Layout, Row

        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Row(
                Column("skema", css_class="col-md-4"),
                Column("status", css_class="col-md-3"),
                Column("dari", css_class="col-md-2"),
                Column("sampai", css_class="col-md-3"),
            )
        )
        self.form.helper = helper
