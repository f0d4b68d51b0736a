"""Demo complaint (idempotent): one anonymous complaint about an assessment, being handled, so admin LSP
sees the list and the public tracking page has something to show."""

from lsp.models import User

from . import services
from .domain import JenisPengaduan, StatusPengaduan
from .models import Pengaduan


def seed(stdout):
    if Pengaduan.objects.exists():
        stdout.write("pengaduan: data demo sudah ada.")
        return
    admin = User.objects.filter(username="admin").first()
    p = services.pengaduan_ajukan(
        jenis=JenisPengaduan.ASESMEN, tentang="Uji kompetensi JWD di TUK demo",
        isi="Waktu ujian tertulis dipotong 15 menit karena ruangan dipakai acara lain.",
        nama="Pengadu demo", kontak="pengadu@example.com",
    )
    if admin is not None:
        services.pengaduan_transition(pengaduan=p, to=StatusPengaduan.DIINVESTIGASI, by=admin,
                                      catatan="Konfirmasi ke pengelola TUK dan asesor yang bertugas.")
    stdout.write(f"pengaduan: pengaduan demo {p.kode} (kode untuk halaman lacak).")
