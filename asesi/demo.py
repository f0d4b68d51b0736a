"""Demo asesi data: profiles for asesi1–asesi5 and applications in several states (idempotent).

Everything goes through the services (so the demo has real history, audit rows and emails), except
that the demo profiles' email addresses are marked confirmed directly."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lsp.models import Skema, User

from . import services
from .domain import HasilVerifikasi, Jawaban, Status, Tujuan
from .models import AsesiProfile, AsesmenMandiri

# username → profile. NIKs follow the real layout (region 6 digits, birth date DDMMYY with +40 on the
# day for women, serial 4) but are made up.
PROFILES = {
    "asesi1": {
        "nik": "3578011403980001", "tempat_lahir": "Surabaya", "tanggal_lahir": "1998-03-14", "jenis_kelamin": "L",
        "alamat": "Jl. Kertajaya Indah No. 21, Surabaya", "kode_pos": "60116", "telepon": "081230001001",
        "pendidikan_terakhir": "smk", "institusi": "CV Kode Nusantara", "jabatan": "Programmer junior",
        "alamat_kantor": "Jl. Raya Darmo No. 45, Surabaya",
    },
    "asesi2": {
        "nik": "3515026207000002", "tempat_lahir": "Sidoarjo", "tanggal_lahir": "2000-07-22", "jenis_kelamin": "P",
        "alamat": "Perum Citra Harmoni Blok C-7, Sidoarjo", "kode_pos": "61257", "telepon": "081230001002",
        "pendidikan_terakhir": "d3", "institusi": "PT Solusi Digital Jatim", "jabatan": "Web developer",
        "alamat_kantor": "Jl. Ahmad Yani No. 88, Sidoarjo",
    },
    "asesi3": {
        "nik": "3573034511960003", "tempat_lahir": "Malang", "tanggal_lahir": "1996-11-05", "jenis_kelamin": "P",
        "alamat": "Jl. Soekarno Hatta No. 12, Malang", "kode_pos": "65141", "telepon": "081230001003",
        "pendidikan_terakhir": "s1", "institusi": "Koperasi Sejahtera Bersama", "jabatan": "Pendamping UMKM",
        "alamat_kantor": "Jl. Ijen No. 3, Malang",
    },
    "asesi4": {
        "nik": "3273013001930004", "tempat_lahir": "Bandung", "tanggal_lahir": "1993-01-30", "jenis_kelamin": "L",
        "alamat": "Jl. Dago No. 150, Bandung", "kode_pos": "40135", "telepon": "081230001004",
        "pendidikan_terakhir": "s1", "institusi": "PT Awan Teknologi", "jabatan": "Software engineer",
        "alamat_kantor": "Jl. Asia Afrika No. 8, Bandung",
    },
    "asesi5": {
        "nik": "3374020909990005", "tempat_lahir": "Semarang", "tanggal_lahir": "1999-09-09", "jenis_kelamin": "L",
        "alamat": "Jl. Pandanaran No. 77, Semarang", "kode_pos": "50134", "telepon": "081230001005",
        "pendidikan_terakhir": "sma", "institusi": "", "jabatan": "", "alamat_kantor": "",
    },
}


def demo_pdf(title: str) -> bytes:
    """A one-page PDF standing in for a scanned document."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 14)
    page.drawString(72, 760, "DOKUMEN DEMO - bukan dokumen asli")
    page.setFont("Helvetica", 11)
    page.drawString(72, 735, title[:90])
    page.showPage()
    page.save()
    return buffer.getvalue()


def _upload(permohonan, user, item=None, name="dokumen.pdf", keterangan=""):
    title = item.deskripsi if item else keterangan or name
    berkas = SimpleUploadedFile(name, demo_pdf(title), content_type="application/pdf")
    return services.dokumen_upload(permohonan=permohonan, berkas=berkas, persyaratan=item, keterangan=keterangan,
                                   by=user)


def _upload_all(permohonan, user):
    docs = []
    for i, item in enumerate(permohonan.persyaratan.all(), 1):
        docs.append(_upload(permohonan, user, item, name=f"persyaratan-{i}.pdf"))
    return docs


def _apl02(permohonan, user, docs, *, only=None):
    rows = AsesmenMandiri.objects.filter(permohonan_unit__permohonan=permohonan).order_by("pk")
    if only is not None:
        rows = rows[:only]
    answers = {
        row.pk: {"jawaban": Jawaban.K, "bukti": [docs[0].pk] if docs else [], "bukti_catatan": "Pengalaman kerja"}
        for row in rows
    }
    services.asesmen_mandiri_save(permohonan=permohonan, answers=answers, by=user)


def seed(stdout):
    admin = User.objects.filter(username="admin").first()
    created = []
    for username, data in PROFILES.items():
        user = User.objects.filter(username=username).first()
        if user is None or AsesiProfile.objects.filter(user=user).exists():
            continue
        profil = services.asesi_profile_save(
            user=user,
            nama_lengkap=user.nama_lengkap,
            email=user.email,
            profile={**data, "kebangsaan": "Indonesia", "tanggal_lahir": _date(data["tanggal_lahir"])},
            by=user,
        )
        profil.email_dikonfirmasi_pada = timezone.now()
        profil.save(update_fields=["email_dikonfirmasi_pada"])
        created.append((username, user, profil))

    jwd = Skema.objects.filter(kode="SKM-TIK-JWD-2024").first()
    pum = Skema.objects.filter(kode="SKM-KOP-PUM-2024").first()
    for username, user, profil in created:
        if username == "asesi1" and jwd:  # a draft with one document and half of APL.02
            p = services.permohonan_create(asesi=profil, skema=jwd, tujuan=Tujuan.SERTIFIKASI, by=user)
            doc = _upload(p, user, p.persyaratan.first(), name="ijazah-smk.pdf")
            _apl02(p, user, [doc], only=3)
        elif username == "asesi2" and jwd:  # submitted, waiting for verification
            p = services.permohonan_create(asesi=profil, skema=jwd, tujuan=Tujuan.SERTIFIKASI, by=user)
            docs = _upload_all(p, user)
            _upload(p, user, None, name="portofolio-proyek.pdf", keterangan="Portofolio proyek toko daring")
            _apl02(p, user, docs)
            services.permohonan_submit(permohonan=p, by=user)
        elif username == "asesi3" and pum and admin:  # returned with reasons
            p = services.permohonan_create(asesi=profil, skema=pum, tujuan=Tujuan.SERTIFIKASI, by=user)
            _upload_all(p, user)
            services.permohonan_submit(permohonan=p, by=user)
            items = list(p.persyaratan.all())
            hasil = {i.pk: (HasilVerifikasi.ADA_MEMENUHI, "") for i in items}
            hasil[items[-1].pk] = (HasilVerifikasi.ADA_TIDAK_MEMENUHI, "Surat keterangan belum ditandatangani.")
            services.permohonan_verify(
                permohonan=p,
                hasil=hasil,
                keputusan=Status.DIKEMBALIKAN,
                catatan="Mohon unggah surat keterangan pendampingan yang sudah ditandatangani dan dicap.",
                by=admin,
            )
        elif username == "asesi4" and jwd and admin:  # accepted, ready to be scheduled
            p = services.permohonan_create(asesi=profil, skema=jwd, tujuan=Tujuan.RCC, by=user)
            docs = _upload_all(p, user)
            _apl02(p, user, docs)
            services.permohonan_submit(permohonan=p, by=user)
            hasil = {i.pk: (HasilVerifikasi.ADA_MEMENUHI, "") for i in p.persyaratan.all()}
            services.permohonan_verify(permohonan=p, hasil=hasil, keputusan=Status.DITERIMA, by=admin)
    if created:
        stdout.write("Asesi demo: profil " + ", ".join(c[0] for c in created) + " dan contoh permohonan.")


def _date(text):
    from datetime import date

    return date.fromisoformat(text)
