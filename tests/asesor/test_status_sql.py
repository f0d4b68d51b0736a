"""The asesor status computed by the database (``selectors.asesor_status_annotate``: home counts, list
filters, exports) equals the one rule in ``domain.asesor_status`` for every asesor, on every day around
each boundary: the last valid day and the day after, the warning window's first day, 5 and 6 counted
assessments, assessments on the window's two ends, a certificate issued on 29 February, a recognition
recorded ahead of time, a pending external entry, no certificate at all."""

from datetime import date, timedelta

import pytest

from asesor import domain, selectors
from asesor.models import AsesorProfile, RiwayatAsesmen
from tests.asesor.factories import AsesorFactory, RiwayatFactory, SertifikatAsesorFactory

LEAP = date(2024, 2, 29)  # valid through 27 Feb 2027
LAST = domain.sertifikat_valid_until(LEAP)


def _log(asesor, *days, **kwargs):
    for d in days:
        RiwayatFactory(asesor=asesor, tanggal=d, **kwargs)


@pytest.fixture
def asesors(db):
    made = {}
    five = made["five"] = AsesorFactory()
    SertifikatAsesorFactory(asesor=five, issued_on=LEAP)
    # 5 counted: on the first day, on the last day, inside; one the day before issue does not count.
    _log(five, LEAP, LAST, date(2025, 1, 1), date(2025, 6, 1), date(2026, 1, 1), LEAP - timedelta(days=1))
    six = made["six"] = AsesorFactory()
    SertifikatAsesorFactory(asesor=six, issued_on=LEAP)
    _log(six, LEAP, date(2024, 6, 1), date(2025, 1, 1), date(2025, 6, 1), date(2026, 1, 1), LAST)
    pending = made["pending"] = AsesorFactory()
    SertifikatAsesorFactory(asesor=pending, issued_on=LEAP)
    _log(pending, date(2024, 6, 1), date(2025, 1, 1), date(2025, 6, 1), date(2026, 1, 1), date(2026, 6, 1))
    _log(pending, date(2026, 7, 1), status=domain.StatusVerifikasi.MENUNGGU, sumber=RiwayatAsesmen.Sumber.INTERNAL)
    renewed = made["renewed"] = AsesorFactory()  # recognition recorded ahead: never "segera kedaluwarsa"
    SertifikatAsesorFactory(asesor=renewed, issued_on=LEAP)
    SertifikatAsesorFactory(asesor=renewed, issued_on=LAST + timedelta(days=1))
    _log(renewed, *[date(2024, 3, 1) + timedelta(days=100 * k) for k in range(6)])
    old = made["old"] = AsesorFactory()  # an expired certificate before the current one
    SertifikatAsesorFactory(asesor=old, issued_on=LEAP - timedelta(days=3 * 365 + 10))
    SertifikatAsesorFactory(asesor=old, issued_on=LEAP + timedelta(days=30))
    _log(old, date(2023, 1, 1), date(2023, 2, 1))  # counted for the old one only
    made["none"] = AsesorFactory()
    return made


def _days():
    warn = selectors.warn_days()
    around = [LEAP, LAST, LAST - timedelta(days=warn), LAST + timedelta(days=30), date(2026, 1, 1), date(2026, 6, 1)]
    days = set()
    for d in around:
        days.update({d - timedelta(days=1), d, d + timedelta(days=1)})
    days.update({LEAP - timedelta(days=400), date(2028, 3, 1)})
    return sorted(days)


def test_sql_status_equals_python_for_every_asesor_on_every_boundary_day(asesors):
    seen_status, seen_rekognisi = set(), set()
    for day in _days():
        sql = {a.pk: a for a in selectors.asesor_status_annotate(AsesorProfile.objects.all(), on_date=day)}
        for asesor in AsesorProfile.objects.all():
            py = selectors.asesor_status_on(asesor=asesor, on_date=day)
            row = sql[asesor.pk]
            assert (row.st_status, row.st_rekognisi, row.st_jumlah, row.st_valid_until) == (
                py.status, py.rekognisi or "", py.jumlah_asesmen, py.valid_until
            ), (day, asesor.pk)
            seen_status.add(py.status)
            seen_rekognisi.add(py.rekognisi)
    # The walk reaches every outcome, so the comparison above is not vacuous.
    assert seen_status == set(domain.StatusAsesor.values)
    assert seen_rekognisi == {None, *domain.StatusRekognisi.values}


def test_five_and_six_assessments_on_the_last_valid_day_and_the_day_after(asesors):
    def states(day):
        rows = selectors.asesor_status_annotate(AsesorProfile.objects.all(), on_date=day)
        return {a.pk: (a.st_status, a.st_rekognisi, a.st_jumlah) for a in rows}

    five, six = asesors["five"].pk, asesors["six"].pk
    assert states(LAST)[five] == ("segera_kedaluwarsa", "belum_memenuhi", 5)
    assert states(LAST)[six] == ("segera_kedaluwarsa", "layak_rekognisi", 6)
    assert states(LAST + timedelta(days=1))[five] == ("kedaluwarsa", "wajib_mengulang", 5)
    assert states(LAST + timedelta(days=1))[six] == ("kedaluwarsa", "layak_rekognisi", 6)


def test_filters_and_home_counts_use_the_same_rule(asesors):
    day = LAST + timedelta(days=1)
    qs = AsesorProfile.objects.all()
    wajib = selectors.asesor_filter_status(qs, on_date=day, rekognisi="wajib_mengulang")
    assert set(wajib.values_list("pk", flat=True)) == {asesors["five"].pk, asesors["pending"].pk}
    both = selectors.asesor_filter_status(
        selectors.asesor_filter_status(qs, on_date=day, status="kedaluwarsa"), on_date=day, rekognisi="layak_rekognisi"
    )
    assert set(both.values_list("pk", flat=True)) == {asesors["six"].pk}
    summary = selectors.asesor_summary(LAST)
    python = [selectors.asesor_status_on(asesor=a, on_date=LAST) for a in qs]
    assert summary["berlaku"] == sum(1 for s in python if s.berlaku) == 5
    assert summary["segera"] == sum(1 for s in python if s.status == "segera_kedaluwarsa") == 4
    assert summary["wajib_mengulang"] == sum(1 for s in python if s.rekognisi == "wajib_mengulang") == 0
