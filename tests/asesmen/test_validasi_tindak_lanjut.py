"""FR.VA reaches the admin LSP and the asesor (R65): the admin LSP reads every sample (a filtered, cursor-paged
list; the report, its PDF and each record read-only), and the asesor owning a follow-up sees it (told by
email and the bell when it is assigned), marks it done with a short note (only the owner, only an open one,
audited), is shown *terlambat* from the day after its due date, and the validator sees the outcome."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from asesmen import services
from asesmen.domain_validasi import AuditAction, StatusTindakLanjut, selesai_errors, tindak_lanjut_overdue
from asesmen.models import SampelValidasi, TindakLanjutValidasi
from lsp.models import AuditLog, Notification, Pemberitahuan
from tests.asesi.factories import admin_user
from tests.factories import UserFactory

from .pelaksanaan_factories import signature_png
from .test_services import codes
from .validasi_factories import submitted, validator

# --- the pure rules (no database) -------------------------------------------------------------------------


def test_only_the_owner_marks_an_open_follow_up_done():
    assert selesai_errors(status="terbuka", owner_id=7, by_id=7) == []
    assert selesai_errors(status="terbuka", owner_id=7, by_id=8) == ["bukan_penanggung_jawab"]
    assert selesai_errors(status="selesai", owner_id=7, by_id=7) == ["tindak_lanjut_selesai"]
    assert selesai_errors(status="selesai", owner_id=7, by_id=8) == ["bukan_penanggung_jawab", "tindak_lanjut_selesai"]


@pytest.mark.parametrize(("today", "terlambat"), [(date(2026, 5, 31), False), (date(2026, 6, 1), True)])
def test_terlambat_from_the_day_after_the_due_date(today, terlambat):
    assert tindak_lanjut_overdue(status="terbuka", batas=date(2026, 5, 31), today=today) is terlambat
    assert tindak_lanjut_overdue(status="selesai", batas=date(2026, 5, 31), today=today) is False


# --- services and pages (Postgres) ------------------------------------------------------------------------


@pytest.fixture
def ctx(db):
    admin = admin_user(username="admin_tl")
    a = submitted(n_asesi=2, admin=admin)
    b = submitted(n_asesi=1, admin=admin)
    v = validator(username="val_tl")
    today = timezone.localdate()
    sampel = services.sampel_draw(by=v, dari=today, sampai=today, persen=100, seed="tl")
    item_a = sampel.rekaman.filter(asesor=a["asesor"]).order_by("pk").first()
    item_b = sampel.rekaman.get(asesor=b["asesor"])
    temuan = services.temuan_add(item=item_a, aspek="bukti_terkini", memenuhi=False, uraian="Bukti 2019.", by=v)
    return {"admin": admin, "a": a, "b": b, "v": v, "sampel": sampel, "item_a": item_a, "item_b": item_b,
            "temuan": temuan, "asesor_a": a["asesor"].user, "asesor_b": b["asesor"].user, "today": today}


def _assign(ctx, owner=None, batas=None, temuan=None):
    return services.tindak_lanjut_add(temuan=temuan or ctx["temuan"], uraian="Unggah bukti terbaru.",
                                      penanggung_jawab=owner or ctx["asesor_a"],
                                      batas=batas or ctx["today"] + timedelta(days=7), by=ctx["v"])


def _url(name, *args):
    return reverse(f"asesmen:{name}", args=args)


def test_the_asesor_is_told_after_commit_when_a_follow_up_is_assigned(ctx, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        tl = _assign(ctx)
    assert len(callbacks) == 1  # the email is queued after commit
    note = Notification.objects.get(key=f"asesmen.tindak_lanjut.{tl.pk}.ditetapkan")
    assert note.recipient == ctx["asesor_a"].email and ctx["sampel"].kode in note.subject
    assert "Unggah bukti terbaru." in note.body and _url("tindak-lanjut-saya") in note.body
    bell = Pemberitahuan.objects.get(penerima=ctx["asesor_a"])
    assert bell.url == _url("tindak-lanjut-saya")
    # an admin owner is not an asesor to tell: no email from this
    _assign(ctx, owner=ctx["admin"])
    assert Notification.objects.filter(key__startswith="asesmen.tindak_lanjut.").count() == 1


def test_the_owner_marks_it_done_once_with_a_note_and_an_audit_row(ctx):
    tl = _assign(ctx)
    done = services.tindak_lanjut_selesai(tindak_lanjut=tl, catatan="  Bukti 2026 diunggah.  ", by=ctx["asesor_a"])
    assert done.status == StatusTindakLanjut.SELESAI and done.ditutup_oleh == ctx["asesor_a"] and done.ditutup_pada
    assert done.catatan_penutupan == "Bukti 2026 diunggah."
    row = AuditLog.objects.get(action=AuditAction.TINDAK_LANJUT_DONE)
    assert row.object_id == str(tl.pk) and row.actor == ctx["asesor_a"] and row.to_state == "selesai"
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_selesai(tindak_lanjut=tl, catatan="lagi", by=ctx["asesor_a"])
    assert codes(exc.value) == ["tindak_lanjut_selesai"]
    assert AuditLog.objects.filter(action=AuditAction.TINDAK_LANJUT_DONE).count() == 1


def test_nobody_but_the_owner_marks_it_done_and_a_note_is_required(ctx):
    tl = _assign(ctx)
    for someone in (ctx["asesor_b"], ctx["admin"], ctx["v"]):
        with pytest.raises(ValidationError) as exc:
            services.tindak_lanjut_selesai(tindak_lanjut=tl, catatan="Selesai.", by=someone)
        assert codes(exc.value) == ["bukan_penanggung_jawab"]
    with pytest.raises(ValidationError) as exc:
        services.tindak_lanjut_selesai(tindak_lanjut=tl, catatan="   ", by=ctx["asesor_a"])
    assert exc.value.error_dict.keys() == {"catatan"}
    tl.refresh_from_db()
    assert tl.status == StatusTindakLanjut.TERBUKA and not AuditLog.objects.filter(
        action=AuditAction.TINDAK_LANJUT_DONE).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_close_it_once(ctx):
    """A double-click on "Tandai selesai": the row lock lets one through, the other is refused with its code."""
    from tests.concurrency import run_at_once

    tl = _assign(ctx)

    def mark():
        return services.tindak_lanjut_selesai(tindak_lanjut=tl, catatan="Selesai.", by=ctx["asesor_a"])

    outcomes = run_at_once(mark, mark)
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1 and codes(refused[0]) == ["tindak_lanjut_selesai"]
    assert AuditLog.objects.filter(action=AuditAction.TINDAK_LANJUT_DONE).count() == 1


# --- the asesor's page --------------------------------------------------------------------------------------


def test_the_asesor_sees_only_their_follow_ups_and_marks_one_done(client, ctx):
    mine = _assign(ctx)
    theirs_temuan = services.temuan_add(item=ctx["item_b"], aspek="adil", memenuhi=False, uraian="x", by=ctx["v"])
    theirs = _assign(ctx, owner=ctx["asesor_b"], temuan=theirs_temuan)
    _assign(ctx, owner=ctx["admin"])  # the admin's, on asesor a's record: not on asesor a's page
    client.force_login(ctx["asesor_a"])
    page = client.get(_url("tindak-lanjut-saya"))
    assert [tl.pk for tl in page.context["object_list"]] == [mine.pk]
    html = page.content.decode()
    assert "Bukti 2019." in html and "Unggah bukti terbaru." in html and 'data-testid="terlambat"' not in html
    assert client.get(_url("tindak-lanjut-selesai", theirs.pk)).status_code == 404
    assert client.post(_url("tindak-lanjut-selesai", theirs.pk), {"catatan": "x"}).status_code == 404
    r = client.post(_url("tindak-lanjut-selesai", mine.pk), {"catatan": "Bukti 2026 diunggah."})
    assert r.status_code == 302 and r["Location"] == _url("tindak-lanjut-saya")
    mine.refresh_from_db()
    assert mine.status == StatusTindakLanjut.SELESAI
    assert list(client.get(_url("tindak-lanjut-saya")).context["object_list"]) == []
    done = client.get(_url("tindak-lanjut-saya") + "?status=selesai").content.decode()
    assert "Bukti 2026 diunggah." in done and _url("tindak-lanjut-selesai", mine.pk) not in done
    # marking it again: the service refuses it on the form (the page still opens for its owner)
    again = client.post(_url("tindak-lanjut-selesai", mine.pk), {"catatan": "lagi"})
    assert again.status_code == 200 and "sudah ditutup" in again.content.decode()
    # the validator sees it on the sample: done, by whom, the note
    client.force_login(ctx["v"])
    report = client.get(ctx["sampel"].get_absolute_url()).content.decode()
    assert 'data-status="selesai"' in report and "Bukti 2026 diunggah." in report
    assert str(ctx["asesor_a"]) in report


def test_the_validators_list_counts_the_open_follow_ups_of_each_sample(client, ctx):
    tl = _assign(ctx)
    client.force_login(ctx["v"])
    assert 'data-terbuka="1"' in client.get(_url("validasi-list")).content.decode()
    services.tindak_lanjut_selesai(tindak_lanjut=tl, catatan="Selesai.", by=ctx["asesor_a"])
    assert 'data-terbuka="0"' in client.get(_url("validasi-list")).content.decode()


def test_an_open_follow_up_past_its_due_date_shows_terlambat(client, ctx):
    tl = _assign(ctx)
    client.force_login(ctx["asesor_a"])
    TindakLanjutValidasi.objects.filter(pk=tl.pk).update(batas=ctx["today"])  # due today: not yet late
    assert 'data-testid="terlambat"' not in client.get(_url("tindak-lanjut-saya")).content.decode()
    TindakLanjutValidasi.objects.filter(pk=tl.pk).update(batas=ctx["today"] - timedelta(days=1))
    assert 'data-testid="terlambat"' in client.get(_url("tindak-lanjut-saya")).content.decode()


def test_the_asesor_menu_badge_and_home_line_count_open_follow_ups(client, ctx):
    _assign(ctx)
    _assign(ctx, batas=ctx["today"] + timedelta(days=3))
    client.force_login(ctx["asesor_a"])
    html = client.get("/").content.decode()
    line = html[html.index('data-action="tindak-lanjut-validasi"'):]
    assert f'href="{_url("tindak-lanjut-saya")}"' in line[:400] and "data-count>2<" in line[:600]
    sidebar = html[html.index('data-testid="sidebar"'):]
    assert _url("tindak-lanjut-saya") in sidebar and "tindak lanjut terbuka" in sidebar


def test_the_asesor_page_keeps_its_query_count(client, ctx, django_assert_max_num_queries):
    for n in range(6):
        _assign(ctx, batas=ctx["today"] + timedelta(days=n + 1))
    client.force_login(ctx["asesor_a"])
    with django_assert_max_num_queries(10):
        assert client.get(_url("tindak-lanjut-saya")).status_code == 200


# --- the admin LSP reads every sample ----------------------------------------------------------------------


def test_admin_lsp_lists_every_sample_and_filters_by_status_validator_and_period(client, ctx):
    other = validator(username="val_tl2")
    today = ctx["today"]
    second = services.sampel_draw(by=other, dari=today - timedelta(days=40), sampai=today, persen=100, seed="dua")
    SampelValidasi.objects.filter(pk=second.pk).update(dari=today - timedelta(days=40),
                                                       sampai=today - timedelta(days=30))
    _assign(ctx)
    client.force_login(ctx["admin"])
    url = _url("validasi-admin-list")

    def listed(query=""):
        response = client.get(url + query)
        assert response.status_code == 200
        return [s.pk for s in response.context["object_list"]]

    assert listed() == [second.pk, ctx["sampel"].pk]  # newest first
    row = client.get(url).context["object_list"][1]
    assert (row.jumlah, row.disimpulkan, row.tindak_lanjut_terbuka) == (3, 0, 1)
    assert listed(f"?validator={other.pk}") == [second.pk]
    assert listed("?status=disahkan") == []
    assert listed(f"?dari={(today - timedelta(days=5)).isoformat()}") == [ctx["sampel"].pk]
    assert listed(f"?sampai={(today - timedelta(days=35)).isoformat()}") == [second.pk]
    assert listed("?status=bukan&dari=kemarin") == [second.pk, ctx["sampel"].pk]  # a bad value is ignored


def test_admin_list_pages_by_cursor(client, ctx):
    today = ctx["today"]
    drawn = [ctx["sampel"].pk] + [services.sampel_draw(by=ctx["v"], dari=today, sampai=today, persen=100,
                                                       seed=f"s{n}").pk for n in range(26)]
    client.force_login(ctx["admin"])
    first = client.get(_url("validasi-admin-list"))
    page = first.context["page_obj"]
    assert len(first.context["object_list"]) == 25 and page.older and not page.newer
    second = client.get(_url("validasi-admin-list") + f"?sebelum={page.older}")
    shown = [s.pk for s in first.context["object_list"]] + [s.pk for s in second.context["object_list"]]
    assert shown == sorted(drawn, reverse=True)


def test_admin_list_keeps_its_query_count(client, ctx, django_assert_max_num_queries):
    today = ctx["today"]
    for n in range(5):
        s = services.sampel_draw(by=ctx["v"], dari=today, sampai=today, persen=100, seed=f"q{n}")
        t = services.temuan_add(item=s.rekaman.order_by("pk").first(), aspek="adil", memenuhi=False, uraian="x",
                                by=ctx["v"])
        _assign(ctx, temuan=t)
    client.force_login(ctx["admin"])
    url = _url("validasi-admin-list") + f"?status=divalidasi&validator={ctx['v'].pk}"
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_admin_lsp_reads_the_report_record_and_pdfs_without_the_validators_buttons(client, ctx):
    sampel, item = ctx["sampel"], ctx["item_a"]
    _assign(ctx)
    for i in sampel.rekaman.all():
        services.kesimpulan_save(item=i, kesimpulan="sesuai", by=ctx["v"])
    client.force_login(ctx["admin"])
    report = client.get(sampel.get_absolute_url()).content.decode()
    assert "Bukti 2019." in report and "Unggah bukti terbaru." in report
    assert _url("validasi-sahkan", sampel.pk) not in report
    assert _url("validasi-admin-list") in report  # the breadcrumb leads back to the admin's list
    record = client.get(_url("validasi-rekaman", item.pk)).content.decode()
    assert "Bukti 2019." in record
    for edit in ("validasi-temuan", "validasi-kesimpulan"):
        assert _url(edit, item.pk) not in record
    assert _url("validasi-tindak-lanjut", ctx["temuan"].pk) not in record and "/tutup/" not in record
    for pdf in (_url("validasi-pdf", sampel.pk), _url("validasi-formulir", item.pk)):
        response = client.get(pdf)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # read only: the validator's forms stay closed to the admin LSP, and the services refuse them
    assert client.post(_url("validasi-temuan", item.pk), {"aspek": "valid", "memenuhi": "1",
                                                           "uraian": "x"}).status_code == 403
    assert client.get(_url("validasi-sahkan", sampel.pk)).status_code == 403
    with pytest.raises(ValidationError):
        services.sampel_sign(sampel=sampel, ringkasan="x", ttd=signature_png(), by=ctx["admin"], ip=None)


def test_other_roles_cannot_read_a_sample(client, ctx):
    for user in (ctx["asesor_a"], UserFactory(username="komite_tl", roles=("komite",))):
        client.force_login(user)
        assert client.get(_url("validasi-admin-list")).status_code == 403
        assert client.get(ctx["sampel"].get_absolute_url()).status_code == 403
    client.force_login(validator(username="val_lain_tl"))  # another validator: still not theirs
    assert client.get(ctx["sampel"].get_absolute_url()).status_code == 404
    assert client.get(_url("validasi-admin-list")).status_code == 403
