"""Issue 10 item 8: every list filter shows a meaningful empty choice ("Semua …"), never django's
"---------" or django-filter's English "Unknown"; nor does any form's select. The filter sets and forms are
found in each app's ``filters`` and ``forms`` modules, so a new one is checked without being listed here."""

import importlib
import inspect

import django_filters
import pytest
from django.apps import apps

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["lsp", "asesi", "asesor", "asesmen", "sertifikat"]


def filtersets():
    found = []
    for label in PROJECT_APPS:
        if not apps.is_installed(label):
            continue
        try:
            module = importlib.import_module(f"{label}.filters")
        except ModuleNotFoundError:
            continue
        found += [
            obj for _name, obj in inspect.getmembers(module, inspect.isclass)
            if issubclass(obj, django_filters.FilterSet) and obj.__module__ == module.__name__
            and obj._meta.model is not None
        ]
    return found


def test_the_filter_sets_are_found():
    names = {f.__name__ for f in filtersets()}
    assert {"AsesorFilter", "SkemaFilter", "TUKFilter"} <= names


@pytest.mark.parametrize("filterset", filtersets(), ids=lambda f: f.__name__)
def test_every_empty_choice_is_meaningful(filterset):
    html = str(filterset(None, queryset=filterset._meta.model.objects.none()).form)
    assert "---------" not in html
    assert ">Unknown<" not in html


def forms_without_arguments():
    """Every form class of the apps that can be built with no arguments (the others need the object they
    edit, and are rendered by their pages' tests)."""
    from django import forms

    found = []
    for label in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{label}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not (issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__):
                continue
            required = [
                p for p in list(inspect.signature(cls.__init__).parameters.values())[1:]
                if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
            ]
            if not required:
                found.append(cls)
    return found


def test_the_forms_are_found():
    names = {f.__name__ for f in forms_without_arguments()}
    assert {"TUKForm", "KompetensiForm", "DiklatForm", "RiwayatEksternalForm", "KelayakanForm"} <= names


@pytest.mark.parametrize("form_class", forms_without_arguments(), ids=lambda f: f.__name__)
def test_no_form_select_shows_dashes(form_class):
    assert "---------" not in str(form_class())
