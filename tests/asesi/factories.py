"""Factories and helpers for asesi tests. Applications are built through the services so that they
carry the same copied units, requirements and history as real ones."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from asesi import services
from asesi.domain import HasilVerifikasi, Jawaban, Status, Tujuan
from asesi.models import AsesiProfile, AsesmenMandiri, Permohonan
from tests.factories import UserFactory, skema_with_units

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def pdf(name="dokumen.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class AsesiProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AsesiProfile

    user = factory.SubFactory(UserFactory, roles=("asesi",))
    nik = factory.Sequence(lambda n: f"3201{n:012d}")
    tempat_lahir = "Bandung"
    tanggal_lahir = datetime.date(1995, 5, 17)
    jenis_kelamin = "L"
    kebangsaan = "Indonesia"
    alamat = "Jl. Merdeka No. 10, Bandung"
    kode_pos = "40115"
    telepon = "081234567890"
    pendidikan_terakhir = "s1"
    institusi = "PT Contoh"
    jabatan = "Programmer"
    alamat_kantor = "Jl. Asia Afrika No. 1, Bandung"
    email_dikonfirmasi_pada = factory.LazyFunction(timezone.now)


def permohonan_draft(profil=None, skema=None, *, with_documents=True, **kwargs) -> Permohonan:
    profil = profil or AsesiProfileFactory()
    skema = skema or skema_with_units()
    p = services.permohonan_create(
        asesi=profil, skema=skema, tujuan=kwargs.pop("tujuan", Tujuan.SERTIFIKASI), by=profil.user, **kwargs
    )
    if with_documents:
        for item in p.persyaratan.all():
            services.dokumen_upload(permohonan=p, berkas=pdf(f"p{item.pk}.pdf"), persyaratan=item, by=profil.user)
    return p


def apl02_fill(p: Permohonan, jawaban=Jawaban.K):
    rows = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=p)
    answers = {r.pk: {"jawaban": jawaban, "bukti": [], "bukti_catatan": "Pengalaman kerja 2 tahun"} for r in rows}
    services.asesmen_mandiri_save(permohonan=p, answers=answers, by=p.asesi.user)


def verify(p: Permohonan, admin, keputusan=Status.DITERIMA, catatan="", hasil=HasilVerifikasi.ADA_MEMENUHI):
    results = {item.pk: (hasil, "") for item in p.persyaratan.all()}
    return services.permohonan_verify(permohonan=p, hasil=results, keputusan=keputusan, catatan=catatan, by=admin)


def admin_user(**kwargs):
    return UserFactory(roles=("admin_lsp",), **kwargs)


def make_ready(p: Permohonan) -> Permohonan:
    """Satisfy every content guard (documents, verification results, complete APL.02), so that only the
    who-may-move rules decide a transition."""
    apl02_fill(p)
    p.persyaratan.update(hasil=HasilVerifikasi.ADA_MEMENUHI)
    return p


def force_status(p: Permohonan, status: str) -> Permohonan:
    """Put an application in a state for a test (bypassing the service on purpose)."""
    keputusan = "K" if status in ("diputuskan", "bersertifikat") else ""
    Permohonan.objects.filter(pk=p.pk).update(status=status, keputusan=keputusan, diajukan_pada=timezone.now())
    p.refresh_from_db()
    return p
