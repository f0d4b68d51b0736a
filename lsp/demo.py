"""Demo master data and one account per role (see README: password ``Demo12345!``)."""

from django.contrib.auth.models import Group

from .demo_libur import seed_libur
from .models import KUK, TUK, Elemen, LspProfile, PersyaratanDasar, Skema, UnitKompetensi, User
from .roles import Role

DEMO_PASSWORD = "Demo12345!"

ACCOUNTS = [
    ("admin", "Admin LSP Demo", [Role.ADMIN_LSP], True),
    ("komite", "Dr. Ratna Komite", [Role.KOMITE], False),
    ("direktur", "Ir. Hendra Direktur", [Role.DIREKTUR], False),
    ("validator", "Budi Validator", [Role.VALIDATOR], False),
    ("asesor1", "Siti Rahmawati", [Role.ASESOR], False),
    ("asesor2", "Agus Wijaya", [Role.ASESOR], False),
    ("asesor3", "Dewi Lestari", [Role.ASESOR], False),
    ("asesi1", "Andi Pratama", [Role.ASESI], False),
    ("asesi2", "Bunga Maharani", [Role.ASESI], False),
    ("asesi3", "Citra Anggraini", [Role.ASESI], False),
    ("asesi4", "Dimas Saputra", [Role.ASESI], False),
    ("asesi5", "Eka Nugroho", [Role.ASESI], False),
]

# (kode, nama, jenis, level, bidang, persyaratan, [(kode unit, judul, [(elemen, [kuk, ...]), ...]), ...])
SKEMA = [
    (
        "SKM-TIK-JWD-2024",
        "Junior Web Developer",
        Skema.Jenis.OKUPASI,
        None,
        "TIK",
        [
            "Ijazah minimal SMK/D3 bidang TIK, atau SMA dengan pengalaman kerja pemrograman 1 tahun",
            "Sertifikat pelatihan pemrograman web atau surat keterangan pengalaman kerja",
            "Pas foto berwarna 3x4 latar merah",
        ],
        [
            ("J.620100.004.02", "Menggunakan Struktur Data", [
                ("Mengidentifikasi konsep data dan struktur data", [
                    "Konsep data dan struktur data diidentifikasi sesuai dengan konteks permasalahan.",
                    "Alternatif struktur data dibandingkan kelebihan dan kekurangannya untuk konteks permasalahan yang diselesaikan.",
                ]),
                ("Menerapkan struktur data dan akses terhadap struktur data tersebut", [
                    "Struktur data diimplementasikan sesuai dengan bahasa pemrograman yang akan dipergunakan.",
                    "Akses terhadap data dinyatakan dalam algoritma yang efisien sesuai bahasa pemrograman yang akan dipakai.",
                ]),
            ]),
            ("J.620100.016.01", "Menulis Kode dengan Prinsip sesuai Guidelines dan Best Practices", [
                ("Menerapkan coding-guidelines dan best practices dalam penulisan program", [
                    "Kode sumber dituliskan mengikuti coding-guidelines dan best practices.",
                    "Struktur program yang sesuai dengan konsep paradigmanya dibuat.",
                    "Galat/error ditangani.",
                ]),
                ("Menggunakan ukuran performansi dalam menuliskan kode sumber", [
                    "Efisiensi penggunaan resources oleh kode dihitung.",
                    "Kemudahan interaksi selalu diimplementasikan sesuai standar yang berlaku.",
                ]),
            ]),
            ("J.620100.025.02", "Melakukan Debugging", [
                ("Mempersiapkan kode program", [
                    "Kode program sesuai spesifikasi disiapkan.",
                    "Debugging tools untuk melihat proses suatu modul dipersiapkan.",
                ]),
                ("Melakukan debugging", [
                    "Kode program dikompilasi sesuai bahasa pemrograman yang digunakan.",
                    "Kriteria lulus build dianalisis.",
                    "Kode kesalahan diperbaiki.",
                ]),
            ]),
        ],
    ),
    (
        "SKM-MET-ASKOM-2023",
        "Asesor Kompetensi",
        Skema.Jenis.KLASTER,
        None,
        "Metodologi Asesmen",
        [
            "Memiliki sertifikat kompetensi teknis sesuai bidang yang akan diases",
            "Telah mengikuti pelatihan asesor kompetensi (diklat) 5 hari",
            "Pendidikan minimal D3 atau setara",
        ],
        [
            ("M.74APL00.001.2", "Merencanakan Aktivitas dan Proses Asesmen", [
                ("Menentukan pendekatan asesmen", [
                    "Kandidat, tujuan dan konteks asesmen diidentifikasi dan dikonfirmasi.",
                    "Standar kompetensi yang relevan dikonfirmasi.",
                ]),
                ("Mempersiapkan rencana asesmen", [
                    "Bukti-bukti ditentukan untuk setiap unit kompetensi.",
                    "Metode dan perangkat asesmen dipilih sesuai bukti yang diperlukan.",
                ]),
            ]),
            ("M.74APL00.002.2", "Melaksanakan Asesmen", [
                ("Mempersiapkan pelaksanaan asesmen", [
                    "Rencana asesmen dijelaskan dan disetujui asesi.",
                    "Kebutuhan khusus asesi diidentifikasi dan penyesuaian yang wajar dilakukan.",
                ]),
                ("Mengumpulkan dan mengevaluasi bukti", [
                    "Bukti dikumpulkan sesuai aturan bukti: valid, asli, terkini dan memadai.",
                    "Keputusan asesmen dibuat berdasarkan bukti: kompeten atau belum kompeten.",
                ]),
            ]),
            ("M.74APL00.004.2", "Memberikan Kontribusi dalam Validasi Asesmen", [
                ("Berpartisipasi dalam proses validasi", [
                    "Perangkat dan keputusan asesmen ditinjau bersama tim validasi.",
                    "Rekomendasi perbaikan dicatat dan ditindaklanjuti.",
                ]),
            ]),
        ],
    ),
    (
        "SKM-KOP-PUM-2024",
        "Pendamping Usaha Mikro, Kecil dan Menengah",
        Skema.Jenis.KLASTER,
        None,
        "Koperasi dan UMKM",
        [
            "Pendidikan minimal SMA/sederajat",
            "Pengalaman mendampingi UMKM minimal 1 tahun (surat keterangan)",
        ],
        [
            ("M.70KOP00.011.1", "Mengidentifikasi Permasalahan Usaha Mikro", [
                ("Mengumpulkan data usaha mikro", [
                    "Data profil usaha dikumpulkan dari pelaku usaha.",
                    "Data keuangan sederhana usaha dicatat.",
                ]),
                ("Menganalisis permasalahan", [
                    "Permasalahan usaha dipetakan berdasarkan data.",
                    "Prioritas penyelesaian masalah ditetapkan bersama pelaku usaha.",
                ]),
            ]),
            ("M.70KOP00.014.1", "Menyusun Rencana Pengembangan Usaha", [
                ("Menyusun rencana usaha", [
                    "Tujuan pengembangan usaha dirumuskan.",
                    "Rencana kegiatan dan anggaran disusun.",
                ]),
            ]),
        ],
    ),
]

SKEMA_DESKRIPSI = {
    "SKM-TIK-JWD-2024": "Skema okupasi pengembang web tingkat awal: struktur data, penulisan kode, debugging.",
    "SKM-MET-ASKOM-2023": "Skema klaster bagi calon asesor kompetensi (diklat 5 hari dan uji kompetensi).",
    "SKM-KOP-PUM-2024": "Skema klaster pendamping usaha mikro, kecil dan menengah (koperasi dan UMKM).",
}

# (kode, nama, jenis, alamat, kota, kontak nama, kontak telepon)
TUKS = [
    ("TUK-SWK-001", "TUK Sewaktu Hotel Sofia Sidoarjo", TUK.Jenis.SEWAKTU, "Jl. Raya Juanda No. 1, Sidoarjo",
     "Sidoarjo", "Rina Kusuma", "031-8661234"),
    ("TUK-MDR-001", "TUK Mandiri Lab Komputer LSP", TUK.Jenis.MANDIRI, "Jl. Raya Darmo No. 100, Surabaya",
     "Surabaya", "Yusuf Hidayat", "031-5678901"),
    ("TUK-TKJ-001", "TUK Tempat Kerja Koperasi Sejahtera Bersama", TUK.Jenis.TEMPAT_KERJA,
     "Jl. Ahmad Yani No. 45, Malang", "Malang", "Hendra Gunawan", "0341-556677"),
]


def seed(stdout):
    LspProfile.objects.get_or_create(
        pk=1,
        defaults={
            "nama": "LSP Koperasi Nusantara",
            "nomor_lisensi": "BNSP-LSP-1565-ID",
            "kode_lsp": "1565",
            "alamat": "Jl. Raya Darmo No. 100, Surabaya, Jawa Timur 60264",
            "telepon": "031-5678900",
            "email": "info@lsp-nusantara.example",
            "penandatangan_nama": "Ir. Hadi Santoso, M.M.",
            "penandatangan_jabatan": "Ketua LSP",
        },
    )
    for kode, nama, jenis, level, bidang, persyaratan, units in SKEMA:
        skema, created = Skema.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama, "jenis": jenis, "level_kkni": level, "bidang": bidang,
                "deskripsi": SKEMA_DESKRIPSI.get(kode, ""),
            },
        )
        if not created:
            continue
        for i, text in enumerate(persyaratan, 1):
            PersyaratanDasar.objects.create(skema=skema, urutan=i, deskripsi=text)
        for u, (kode_unit, judul, elemen_list) in enumerate(units, 1):
            unit = UnitKompetensi.objects.create(skema=skema, kode=kode_unit, judul=judul, urutan=u)
            for e, (nama_elemen, kuks) in enumerate(elemen_list, 1):
                elemen = Elemen.objects.create(unit=unit, urutan=e, nama=nama_elemen)
                KUK.objects.bulk_create(KUK(elemen=elemen, urutan=k, deskripsi=t) for k, t in enumerate(kuks, 1))
    for kode, nama, jenis, alamat, kota, kontak_nama, kontak_telepon in TUKS:
        TUK.objects.get_or_create(
            kode=kode,
            defaults={
                "nama": nama, "jenis": jenis, "alamat": alamat, "kota": kota,
                "kontak_nama": kontak_nama, "kontak_telepon": kontak_telepon,
            },
        )

    seed_libur()  # the holidays of 2026 and 2027: the LSP checks them against each year's SKB (lsp/demo_libur.py)

    for username, nama, roles, staff in ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"nama_lengkap": nama, "email": f"{username}@lsp-nusantara.example", "is_staff": staff},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=[r.value for r in roles]))
    stdout.write(f"Akun demo (kata sandi {DEMO_PASSWORD}): " + ", ".join(a[0] for a in ACCOUNTS))
