"""Issue 10 item 8: an expired technical certificate is flagged on the asesor detail page and in the list
(the rule, at its boundary, is ``asesor.domain.kompetensi_kedaluwarsa``)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from asesor import domain

from .factories import KompetensiFactory, asesor_with_certificate

D = timedelta(days=1)


class K:
    def __init__(self, valid_until):
        self.valid_until = valid_until


def test_last_valid_day_is_not_expired_the_day_after_is():
    assert not domain.kompetensi_kedaluwarsa(K(date(2026, 3, 20)), date(2026, 3, 20))
    assert domain.kompetensi_kedaluwarsa(K(date(2026, 3, 20)), date(2026, 3, 21))
    assert not domain.kompetensi_kedaluwarsa(K(None), date(2099, 1, 1))  # no end date never expires


@pytest.mark.django_db
def test_detail_and_list_flag_only_the_expired_one(client, admin_lsp):
    client.force_login(admin_lsp)
    today = timezone.localdate()
    a = asesor_with_certificate(today - 100 * D)
    expired = KompetensiFactory(asesor=a, nomor_sertifikat="TEK-LAMA", valid_until=today - D)
    KompetensiFactory(asesor=a, nomor_sertifikat="TEK-BARU", valid_until=today)
    detail = client.get(reverse("asesor:asesor-detail", args=[a.pk])).content.decode()
    rows = {r for r in detail.split("<tr") if "TEK-" in r}
    assert [("TEK-LAMA" in r) for r in rows if "data-kompetensi-kedaluwarsa" in r] == [True]
    listing = client.get(reverse("asesor:asesor-list")).content.decode()
    assert listing.count("data-kompetensi-kedaluwarsa") == 1
    assert expired.skema.kode in listing
