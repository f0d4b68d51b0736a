"""Search and filter forms of the master-data lists (django-filter).

A value that does not validate (``?jenis=xyz``, ``?tanggal_dari=kemarin``) is shown as a form error
and ignored; it never breaks the page."""

from datetime import date, datetime, time, timedelta

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.validators import EMPTY_VALUES
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import selectors
from .audit import action_choices
from .models import TUK, AuditLog, Skema, User
from .roles import Role

AKTIF_CHOICES = (("true", _("Aktif")), ("false", _("Nonaktif")))


class FilterForm(forms.Form):
    """Lays the filter fields out in one row; the template wraps it in ``<form method="get">``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        widths = getattr(self, "column_widths", {})
        self.helper.layout = Layout(
            Row(*[Column(name, css_class=widths.get(name, "col-md")) for name in self.fields])
        )


class AktifFilter(django_filters.ChoiceFilter):
    """``?aktif=true`` / ``?aktif=false``; empty shows both."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", AKTIF_CHOICES)
        kwargs.setdefault("empty_label", _("Semua status"))
        kwargs.setdefault("label", _("Status"))
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if value not in ("true", "false"):
            return qs
        return qs.filter(**{self.field_name: value == "true"})


class SkemaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari kode atau nama"))
    jenis = django_filters.ChoiceFilter(choices=Skema.Jenis.choices, empty_label=_("Semua jenis"), label=_("Jenis"))
    aktif = AktifFilter(field_name="aktif")
    bidang = django_filters.ChoiceFilter(empty_label=_("Semua bidang"), label=_("Bidang"))

    class Meta:
        model = Skema
        fields = ["q", "jenis", "aktif", "bidang"]
        form = type("SkemaFilterForm", (FilterForm,), {"column_widths": {"q": "col-md-4"}})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["bidang"].extra["choices"] = [(b, b) for b in selectors.skema_bidang_values()]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(kode__icontains=value) | Q(nama__icontains=value))


class TUKFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Cari kode, nama atau kota"))
    jenis = django_filters.ChoiceFilter(choices=TUK.Jenis.choices, empty_label=_("Semua jenis"), label=_("Jenis"))
    aktif = AktifFilter(field_name="aktif")

    class Meta:
        model = TUK
        fields = ["q", "jenis", "aktif"]
        form = type("TUKFilterForm", (FilterForm,), {"column_widths": {"q": "col-md-5"}})

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(kode__icontains=value) | Q(nama__icontains=value) | Q(kota__icontains=value))


class LocalDateFilter(django_filters.DateFilter):
    """A date bound on a timestamp, in the current time zone: ``lookup_expr="gte"`` keeps rows from the
    start of that day, ``"lte"`` rows up to its end. The same rows as ``__date__gte`` / ``__date__lte``,
    but compared with the column itself, so its index serves the filter instead of a cast of every row."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        if not date(2, 1, 1) <= value <= date(9998, 12, 31):  # no day boundary to compute: compare dates
            return qs.filter(**{f"{self.field_name}__date__{self.lookup_expr}": value})
        if self.lookup_expr == "gte":
            return qs.filter(**{f"{self.field_name}__gte": _start_of(value)})
        return qs.filter(**{f"{self.field_name}__lt": _start_of(value + timedelta(days=1))})


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


ACTOR_IDS_MAX = 200  # people a "Oleh" search resolves to ids (beyond that: a subquery)


class AuditLogFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(empty_label=_("Semua aksi"), label=_("Aksi"))
    tanggal_dari = LocalDateFilter(
        field_name="created_at", lookup_expr="gte", label=_("Dari tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tanggal_sampai = LocalDateFilter(
        field_name="created_at", lookup_expr="lte", label=_("Sampai tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    actor = django_filters.CharFilter(method="by_actor", label=_("Oleh (nama/nama pengguna)"))
    app = django_filters.ChoiceFilter(method="by_app", empty_label=_("Semua modul"), label=_("Modul"))
    jenis = django_filters.ChoiceFilter(method="by_jenis", empty_label=_("Semua jenis objek"), label=_("Jenis objek"))
    objek = django_filters.CharFilter(
        method="by_objek", label=_("Objek (ID atau nama)"), max_length=100,
        help_text=_("ID persis, atau minimal 3 huruf dari nama objek (mis. nomor permohonan)."),
    )

    class Meta:
        model = AuditLog
        fields = ["action", "app", "jenis", "objek", "tanggal_dari", "tanggal_sampai", "actor"]
        form = type("AuditFilterForm", (FilterForm,), {"column_widths": {
            "action": "col-md-4", "app": "col-md-4", "jenis": "col-md-4", "objek": "col-md-3",
            "tanggal_dari": "col-md-3", "tanggal_sampai": "col-md-3", "actor": "col-md-3",
        }})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["action"].extra["choices"] = action_choices()
        self.filters["app"].extra["choices"] = audit_app_choices()
        self.filters["jenis"].extra["choices"] = audit_model_choices()

    def by_app(self, queryset, name, value):
        """Rows about a record of one app (the content types of its models, resolved without a query):
        read newest first on the index (content_type, created_at, id)."""
        return queryset.filter(content_type__in=_content_types(value))

    def by_jenis(self, queryset, name, value):
        return queryset.filter(content_type__in=_content_types(value))

    def by_objek(self, queryset, name, value):
        """One record: its id exactly (with "Jenis objek", the index (content_type, object_id)), or its name
        as the trail wrote it (trigram index on ``object_repr``; at least 3 characters)."""
        value = value.strip()
        if not value:
            return queryset
        match = Q(object_id=value)
        if len(value) >= 3:
            match |= Q(object_repr__icontains=value)
        return queryset.filter(match)

    def by_actor(self, queryset, name, value):
        """People whose username, name or email contains ``value``. Their ids are looked up first (trigram
        indexes), so the trail is read newest first on an index for those ids and stops after one page,
        instead of gathering and sorting every row of theirs; a search matching very many people is
        passed on as a subquery."""
        value = value.strip()
        if not value:
            return queryset
        people = User.objects.filter(
            Q(username__icontains=value) | Q(nama_lengkap__icontains=value) | Q(email__icontains=value)
        ).values_list("pk", flat=True)
        ids = list(people[: ACTOR_IDS_MAX + 1])
        return queryset.filter(actor__in=ids if len(ids) <= ACTOR_IDS_MAX else people)


AUDIT_APPS = ("lsp", "asesi", "asesor", "asesmen", "sertifikat")


def audit_app_choices() -> list[tuple[str, str]]:
    """The project's apps, by their names (no database query)."""
    from django.apps import apps

    return [(label, str(apps.get_app_config(label).verbose_name)) for label in AUDIT_APPS
            if apps.is_installed(label)]


def audit_model_choices() -> list[tuple[str, str]]:
    """Every model of the project's apps as ``app_label.model``, labelled "App · Model" (no query)."""
    from django.apps import apps

    choices = []
    for label in AUDIT_APPS:
        if not apps.is_installed(label):
            continue
        config = apps.get_app_config(label)
        for model in config.get_models():
            choices.append((model._meta.label_lower,
                            f"{config.verbose_name} · {str(model._meta.verbose_name).capitalize()}"))
    return sorted(choices, key=lambda c: c[1].lower())


def _content_types(value: str) -> list:
    """The content types of an app (``asesi``) or of one model (``asesi.permohonan``), from Django's
    content-type cache (one query the first time a process asks, none after)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    if "." in value:
        models = [apps.get_model(value)]
    else:
        models = list(apps.get_app_config(value).get_models())
    return list(ContentType.objects.get_for_models(*models, for_concrete_models=False).values())


PERAN_SEMUA = "semua"


class UserFilter(django_filters.FilterSet):
    """Search people by username, name or email; ``peran`` is applied by the selector
    (``lsp.selectors.user_list_for_user``): empty shows the staff, ``semua`` every account."""

    q = django_filters.CharFilter(method="search", label=_("Cari nama pengguna, nama atau email"))
    peran = django_filters.ChoiceFilter(
        choices=[*Role.choices, (PERAN_SEMUA, _("Semua akun (termasuk asesi)"))],
        empty_label=_("Semua staf"),
        label=_("Peran"),
        method="by_role",
    )

    class Meta:
        model = User
        fields = ["q", "peran"]
        form = type("UserFilterForm", (FilterForm,), {"column_widths": {"q": "col-md-6"}})

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(username__icontains=value) | Q(nama_lengkap__icontains=value) | Q(email__icontains=value)
        )

    def by_role(self, queryset, name, value):
        return queryset  # the selector has applied it
