"""The Indonesian holidays of 2026 and 2027 for ``seed_demo`` and ``seed_bench`` (R64).

THE LSP MUST CHECK THESE AGAINST THE OFFICIAL SKB EACH YEAR (the joint decree of Menteri Agama, Menteri
Ketenagakerjaan and Menteri PANRB on hari libur nasional and cuti bersama, and its amendments; the dates
of Idul Fitri and Idul Adha are fixed by a Keputusan Menteri Agama after the sidang isbat) and correct
them on the *Hari libur* page.

* 2026: the SKB Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 (signed 19 September 2025):
  17 days of libur nasional and 8 of cuti bersama.
* 2027: no SKB was known when this list was written. Fixed-date holidays and the Christian ones (from the
  date of Easter, 28 March 2027) are certain; the dates of the lunar calendars (Islamic, Chinese, Saka,
  Buddhist) are astronomical estimates, named "(perkiraan)"; cuti bersama are left out until the SKB sets
  them."""

from datetime import date

from .domain_libur import JenisLibur

LN, CB = JenisLibur.LIBUR_NASIONAL, JenisLibur.CUTI_BERSAMA
PERKIRAAN = " (perkiraan)"

LIBUR_2026 = [
    (date(2026, 1, 1), "Tahun Baru 2026 Masehi", LN),
    (date(2026, 1, 16), "Isra Mikraj Nabi Muhammad S.A.W.", LN),
    (date(2026, 2, 16), "Tahun Baru Imlek 2577 Kongzili", CB),
    (date(2026, 2, 17), "Tahun Baru Imlek 2577 Kongzili", LN),
    (date(2026, 3, 18), "Hari Suci Nyepi (Tahun Baru Saka 1948)", CB),
    (date(2026, 3, 19), "Hari Suci Nyepi (Tahun Baru Saka 1948)", LN),
    (date(2026, 3, 20), "Idul Fitri 1447 Hijriah", CB),
    (date(2026, 3, 21), "Idul Fitri 1447 Hijriah", LN),
    (date(2026, 3, 22), "Idul Fitri 1447 Hijriah", LN),
    (date(2026, 3, 23), "Idul Fitri 1447 Hijriah", CB),
    (date(2026, 3, 24), "Idul Fitri 1447 Hijriah", CB),
    (date(2026, 4, 3), "Wafat Yesus Kristus", LN),
    (date(2026, 4, 5), "Kebangkitan Yesus Kristus (Paskah)", LN),
    (date(2026, 5, 1), "Hari Buruh Internasional", LN),
    (date(2026, 5, 14), "Kenaikan Yesus Kristus", LN),
    (date(2026, 5, 15), "Kenaikan Yesus Kristus", CB),
    (date(2026, 5, 27), "Idul Adha 1447 Hijriah", LN),
    (date(2026, 5, 28), "Idul Adha 1447 Hijriah", CB),
    (date(2026, 5, 31), "Hari Raya Waisak 2570 BE", LN),
    (date(2026, 6, 1), "Hari Lahir Pancasila", LN),
    (date(2026, 6, 16), "1 Muharam Tahun Baru Islam 1448 Hijriah", LN),
    (date(2026, 8, 17), "Proklamasi Kemerdekaan", LN),
    (date(2026, 8, 25), "Maulid Nabi Muhammad S.A.W.", LN),
    (date(2026, 12, 24), "Kelahiran Yesus Kristus", CB),
    (date(2026, 12, 25), "Kelahiran Yesus Kristus", LN),
]

LIBUR_2027 = [
    (date(2027, 1, 1), "Tahun Baru 2027 Masehi", LN),
    (date(2027, 1, 5), "Isra Mikraj Nabi Muhammad S.A.W." + PERKIRAAN, LN),
    (date(2027, 2, 6), "Tahun Baru Imlek 2578 Kongzili" + PERKIRAAN, LN),
    (date(2027, 3, 8), "Hari Suci Nyepi (Tahun Baru Saka 1949)" + PERKIRAAN, LN),
    (date(2027, 3, 9), "Idul Fitri 1448 Hijriah" + PERKIRAAN, LN),
    (date(2027, 3, 10), "Idul Fitri 1448 Hijriah" + PERKIRAAN, LN),
    (date(2027, 3, 26), "Wafat Yesus Kristus", LN),
    (date(2027, 3, 28), "Kebangkitan Yesus Kristus (Paskah)", LN),
    (date(2027, 5, 1), "Hari Buruh Internasional", LN),
    (date(2027, 5, 6), "Kenaikan Yesus Kristus", LN),
    (date(2027, 5, 16), "Idul Adha 1448 Hijriah" + PERKIRAAN, LN),
    (date(2027, 5, 20), "Hari Raya Waisak 2571 BE" + PERKIRAAN, LN),
    (date(2027, 6, 1), "Hari Lahir Pancasila", LN),
    (date(2027, 6, 6), "1 Muharam Tahun Baru Islam 1449 Hijriah" + PERKIRAAN, LN),
    (date(2027, 8, 14), "Maulid Nabi Muhammad S.A.W." + PERKIRAAN, LN),
    (date(2027, 8, 17), "Proklamasi Kemerdekaan", LN),
    (date(2027, 12, 25), "Kelahiran Yesus Kristus", LN),
]

LIBUR = LIBUR_2026 + LIBUR_2027


def seed_libur() -> int:
    """Add the days above that the calendar lacks (a date already there is left as the admin set it);
    returns how many were added."""
    from .models import HariLibur

    existing = set(HariLibur.objects.filter(tanggal__in=[d for d, _n, _j in LIBUR]).values_list("tanggal", flat=True))
    rows = [HariLibur(tanggal=d, nama=nama, jenis=jenis) for d, nama, jenis in LIBUR if d not in existing]
    HariLibur.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
