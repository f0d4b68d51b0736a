"""Demo validation data (idempotent: skipped when a sample exists): the demo validator draws a sample
(10 %, seed ``demo-fr-va``) of this month's submitted records — asesi5's record by asesor1 — and records
a finding on the currency of the evidence with a follow-up for the admin, due in two weeks, and one for
asesor1 (the record's asesor, told by email and the bell; R65) due in a week; the conclusion and the
signature are left for the validator to try, marking the follow-up done for asesor1."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from lsp.models import Skema, User

from . import services
from .models import SampelValidasi


def seed_validasi(stdout):
    if SampelValidasi.objects.exists():
        stdout.write("asesmen: data demo validasi sudah ada.")
        return
    validator = User.objects.filter(username="validator").first()
    admin = User.objects.filter(username="admin").first()
    if not (validator and admin):
        stdout.write("asesmen: data demo validasi dilewati (akun validator/admin belum ada).")
        return
    from .demo import JWD

    today = timezone.localdate()
    try:
        # the JWD batch's finished record (asesi5): the demo's appealed PUM record stays out of the sample
        sampel = services.sampel_draw(by=validator, dari=today.replace(day=1), sampai=today, persen=10,
                                      seed="demo-fr-va", skema=Skema.objects.filter(kode=JWD).first())
    except ValidationError:
        stdout.write("asesmen: data demo validasi dilewati (belum ada rekaman asesmen yang diajukan).")
        return
    item = sampel.rekaman.order_by("pk").first()
    services.temuan_add(item=item, aspek="valid", memenuhi=True, by=validator,
                        uraian="Metode observasi dan tanya jawab sesuai dengan unit yang diases.")
    temuan = services.temuan_add(item=item, aspek="bukti_terkini", memenuhi=False, by=validator,
                                 uraian="Portofolio proyek bertanggal lebih dari dua tahun sebelum asesmen.")
    services.tindak_lanjut_add(temuan=temuan, penanggung_jawab=admin, batas=today + timedelta(days=14),
                               uraian="Tambahkan ketentuan masa berlaku bukti portofolio pada panduan asesor.",
                               by=validator)
    if item.asesor_id:
        services.tindak_lanjut_add(temuan=temuan, penanggung_jawab=item.asesor.user, batas=today + timedelta(days=7),
                                   uraian="Lengkapi bukti portofolio terkini asesi dan unggah ke rekaman asesmen.",
                                   by=validator)
    stdout.write(f"asesmen: sampel validasi {sampel.kode} ditarik validator dengan satu temuan terbuka.")
