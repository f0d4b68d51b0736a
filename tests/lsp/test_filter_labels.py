"""Issue 10 item 8: every list filter shows a meaningful empty choice ("Semua …"), never django's
"---------" or django-filter's English "Unknown". The filter sets are found in each app's ``filters``
module, so a new one is checked without being listed here."""

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
