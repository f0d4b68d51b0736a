from django import forms

from lsp.widgets import LongSelect

CHOICES = [("", "Semua skema"), (1, "SKM-1 — Web <Junior>"), (2, "SKM-2 — Data & Analitik")]


def test_long_select_writes_the_same_html_as_django_select():
    for value in ("", "2", None):
        expected = forms.Select(choices=CHOICES).render("skema", value, {"class": "form-select", "id": "id_skema"})
        got = LongSelect(choices=CHOICES).render("skema", value, {"class": "form-select", "id": "id_skema"})
        assert got == "".join(line.strip() for line in expected.splitlines())
    assert "&lt;Junior&gt;" in got and "Data &amp; Analitik" in got
