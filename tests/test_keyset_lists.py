"""The deep lists page by cursor (``lsp.pagination.KeysetPaginationMixin``), not by OFFSET: for each one, walking
"Berikutnya" then "Sebelumnya" visits every row once in the list's order (ties broken by id), a page costs the
same queries however many rows there are (no OFFSET, no paginator COUNT), the pager's links keep the filters,
and an old ``?page=`` link or an edited, foreign or hostile cursor shows a normal page, never a 500."""

import json
import re
from base64 import urlsafe_b64encode
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from asesi.domain import Status as StatusPermohonan
from asesi.models import PermohonanRiwayat
from asesmen.domain import StatusJadwal
from asesmen.domain_keputusan import StatusSK
from asesmen.models import Banding, Jadwal, KeputusanSK, PesertaJadwal, RekamanAsesmen
from asesmen.views import JadwalListView, PlenoQueueView, RekamanListView, SKListView
from asesmen.views.banding import BandingListView
from lsp.models import Pemberitahuan, User
from lsp.views.nav import PemberitahuanListView
from lsp.views.pengguna import UserListView
from sertifikat.pengaduan.models import Pengaduan
from sertifikat.pengaduan.services import kode_baru
from sertifikat.pengaduan.views import AdminListView as PengaduanListView
from sertifikat.views import SurveilansListView
from tests.asesi.factories import AsesiProfileFactory, admin_user, permohonan_draft
from tests.factories import TUKFactory, UserFactory, skema_with_units

pytestmark = pytest.mark.django_db

PAGE = 2  # rows per page in these tests
N = 5  # rows per list: three pages, one of them short


def _token(values) -> str:
    return urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


class World:
    """The few shared rows the lists need (a skema, a TUK, the admin, a komite member)."""

    def __init__(self):
        self.admin = admin_user(username="admin_keyset")
        self.komite = UserFactory(username="komite_keyset", roles=("komite",))
        self.direktur = UserFactory(username="direktur_keyset", roles=("direktur",))
        self.skema = skema_with_units(n_units=1, n_elemen=1, n_kuk=1)
        self.tuk = TUKFactory()
        self.base = timezone.now().replace(microsecond=0) - timedelta(days=30)

    def at(self, i):
        """Row ``i``'s time: rows 1 and 2 share theirs (a tie the id must break)."""
        return self.base + timedelta(hours=1 if i == 2 else i)

    def jadwal(self, i, **kwargs):
        start = self.at(i)
        values = {"skema": self.skema, "tuk": self.tuk, "mulai": start, "selesai": start + timedelta(hours=8),
                  "status": StatusJadwal.DIRENCANAKAN, **kwargs}
        return Jadwal.objects.create(**values)

    def permohonan(self):
        return permohonan_draft(AsesiProfileFactory(), self.skema, with_documents=False)


# --- each list: who opens it, its URL, and rows made in a known order (expected: the list's order) -------------


def rekaman_rows(w, n):
    jadwal = w.jadwal(0, status=StatusJadwal.BERJALAN)
    rows = []
    for i in range(n):
        peserta = PesertaJadwal.objects.create(jadwal=jadwal, permohonan=w.permohonan(), aktif=True)
        r = RekamanAsesmen.objects.create(peserta=peserta)
        RekamanAsesmen.objects.filter(pk=r.pk).update(created_at=w.at(i))
        rows.append((w.at(i), r.pk))
    return [pk for _at, pk in sorted(rows, reverse=True)]


def jadwal_rows(w, n):
    rows = [(j.mulai, j.pk) for j in (w.jadwal(i) for i in range(n))]
    return [pk for _at, pk in sorted(rows, reverse=True)]


def sk_rows(w, n):
    rows = []
    for i in range(n):
        sk = KeputusanSK.objects.create(jadwal=w.jadwal(i, status=StatusJadwal.SELESAI), status=StatusSK.DRAF)
        KeputusanSK.objects.filter(pk=sk.pk).update(updated_at=w.at(i))
        rows.append((w.at(i), sk.pk))
    return [pk for _at, pk in sorted(rows, reverse=True)]


def pleno_rows(w, n):
    rows = []
    for i in range(n):
        jadwal = w.jadwal(i, status=StatusJadwal.SELESAI)
        peserta = PesertaJadwal.objects.create(jadwal=jadwal, permohonan=w.permohonan(), aktif=True)
        RekamanAsesmen.objects.create(peserta=peserta, status="diajukan", rekomendasi="K", diajukan_pada=w.at(i))
        rows.append((jadwal.mulai, jadwal.pk))
    approved = w.jadwal(n, status=StatusJadwal.SELESAI)  # its SK approved: out of the queue
    peserta = PesertaJadwal.objects.create(jadwal=approved, permohonan=w.permohonan(), aktif=True)
    RekamanAsesmen.objects.create(peserta=peserta, status="diajukan", rekomendasi="K", diajukan_pada=w.at(n))
    KeputusanSK.objects.create(jadwal=approved, status=StatusSK.DISETUJUI, nomor=f"SK-{approved.pk}",
                               tanggal_pleno=timezone.localdate(), diputuskan_pada=timezone.now())
    return [pk for _at, pk in sorted(rows, reverse=True)]


def _banding(w, i, status):
    p = w.permohonan()
    hasil = PermohonanRiwayat.objects.create(permohonan=p, dari=StatusPermohonan.DIASES, ke=StatusPermohonan.DIPUTUSKAN)
    decided = status != "diajukan"
    b = Banding.objects.create(permohonan=p, hasil=hasil, alasan="Alasan", status=status, diajukan_oleh=p.asesi.user,
                               diputuskan_oleh=w.komite if decided else None,
                               diputuskan_pada=timezone.now() if decided else None,
                               alasan_keputusan="Diputuskan." if decided else "")
    Banding.objects.filter(pk=b.pk).update(diajukan_pada=w.at(i))
    return w.at(i), b.pk


def banding_queue_rows(w, n):  # waiting: oldest first
    rows = [_banding(w, i, "diajukan") for i in range(n)]
    _banding(w, n, "diterima")  # decided: not in the queue
    return [pk for _at, pk in sorted(rows)]


def banding_semua_rows(w, n):  # every appeal: newest first
    rows = [_banding(w, i, ("diajukan", "diterima", "ditolak")[i % 3]) for i in range(n)]
    return [pk for _at, pk in sorted(rows, reverse=True)]


def pengaduan_rows(w, n):
    rows = []
    for i in range(n):
        p = Pengaduan.objects.create(kode=kode_baru(), jenis="lainnya", tentang=f"Perkara {i}", isi="Isi",
                                     kontak=f"p{i}@example.test")
        Pengaduan.objects.filter(pk=p.pk).update(created_at=w.at(i))
        rows.append((w.at(i), p.pk))
    return [pk for _at, pk in sorted(rows, reverse=True)]


def pemberitahuan_rows(w, n):
    rows = []
    Pemberitahuan.objects.create(penerima=w.komite, judul="Milik orang lain")  # never listed for the admin
    for i in range(n):
        p = Pemberitahuan.objects.create(penerima=w.admin, judul=f"Kabar {i}", url="/")
        Pemberitahuan.objects.filter(pk=p.pk).update(dibuat_pada=w.at(i))
        rows.append((w.at(i), p.pk))
    return [pk for _at, pk in sorted(rows, reverse=True)]


def surveilans_rows(w, n):
    from sertifikat.models import Sertifikat, Surveilans, new_token
    from tests.sertifikat.factories import issued, lsp_profile

    if not hasattr(w, "sertifikat"):
        lsp_profile()
        w.sertifikat = issued(by=w.admin)
    rows = []
    for i in range(n + 1):
        cert = Sertifikat.objects.get(pk=w.sertifikat.pk)
        cert.pk, cert.permohonan, cert.token, cert.sumber = None, None, new_token(), "impor"  # a legacy copy
        k = Sertifikat.objects.count()
        cert.nomor, cert.nomor_registrasi = f"{w.sertifikat.nomor}-{k}", f"{w.sertifikat.nomor_registrasi}-{k}"
        cert.save()
        status = ("menunggu", "diunggah", "ditolak", "diterima")[i % 4] if i < n else "diterima"
        s = Surveilans.objects.create(sertifikat=cert, jatuh_tempo=w.at(i).date() + timedelta(days=i % 2 * 3),
                                      status=status, logbook="" if status == "menunggu" else "l.pdf",
                                      catatan="Kurang." if status == "ditolak" else "")
        if status != "diterima":
            rows.append((0 if status == "diunggah" else 1, s.jatuh_tempo, s.pk))
    return [pk for *_key, pk in sorted(rows)]


def user_rows(w, n):
    start = User.objects.count()
    for i in range(start, start + n):
        UserFactory(username=f"asesi-{i % 3}-{i}")
    return list(User.objects.order_by("username", "pk").values_list("pk", flat=True))


LISTS = {
    # name: (view, who, url, rows)
    "rekaman": (RekamanListView, "admin", "/asesmen/rekaman/", rekaman_rows),
    "jadwal": (JadwalListView, "admin", "/asesmen/jadwal/", jadwal_rows),
    "sk": (SKListView, "direktur", "/asesmen/sk/", sk_rows),
    "pleno": (PlenoQueueView, "komite", "/asesmen/pleno/", pleno_rows),
    "banding-antrian": (BandingListView, "komite", "/asesmen/banding/", banding_queue_rows),
    "banding-semua": (BandingListView, "komite", "/asesmen/banding/?status=semua", banding_semua_rows),
    "pengaduan": (PengaduanListView, "admin", "/pengaduan/kelola/", pengaduan_rows),
    "pemberitahuan": (PemberitahuanListView, "admin", "/lsp/pemberitahuan/", pemberitahuan_rows),
    "pengguna-semua": (UserListView, "admin", "/lsp/pengguna/?peran=semua", user_rows),
    "surveilans": (SurveilansListView, "admin", "/sertifikat/surveilans/", surveilans_rows),
}


def _ids(response):
    assert response.status_code == 200
    return [o.pk for o in response.context["object_list"]]


def _get(client, url, **params):
    return client.get(f"{url}{'&' if '?' in url else '?'}{urlencode(params)}" if params else url)


@pytest.fixture
def setup(client, monkeypatch, request):
    view, who, url, make = LISTS[request.param]
    monkeypatch.setattr(view, "paginate_by", PAGE)
    w = World()
    client.force_login(getattr(w, who))
    return w, client, url, make


@pytest.mark.parametrize("setup", list(LISTS), indirect=True)
def test_next_then_previous_visit_every_row_once_in_order(setup):
    w, client, url, make = setup
    expected = make(w, N)
    seen, pages, response = [], [], _get(client, url)
    while True:
        page = _ids(response)
        pages.append(page)
        seen += page
        older = response.context["page_obj"].older
        if not older:
            break
        assert len(pages) <= N, "the cursor does not advance"
        response = _get(client, url, sebelum=older)
    assert seen == expected  # every row once, in the list's order
    assert response.context["paginator"] is None and "page=" not in response.content.decode()
    back = [pages[-1]]
    while (newer := response.context["page_obj"].newer) is not None:
        response = _get(client, url, sesudah=newer)
        back.insert(0, _ids(response))
    assert back == pages  # "Sebelumnya" from the end gives the same pages back


@pytest.mark.parametrize("setup", list(LISTS), indirect=True)
def test_a_page_costs_the_same_queries_however_many_rows(setup, django_assert_max_num_queries):
    w, client, url, make = setup

    def cost(**params):
        with CaptureQueriesContext(connection) as ctx:
            response = _get(client, url, **params)
        assert response.status_code == 200
        sql = [q["sql"] for q in ctx.captured_queries]
        assert not any(" OFFSET " in s for s in sql), "a page must not skip rows by OFFSET"
        return len(sql), response

    make(w, 3)
    _get(client, url)  # caches warmed
    few, response = cost()
    make(w, 12)
    many, _ = cost()
    deep, _ = cost(sebelum=response.context["page_obj"].older)
    assert few == many == deep
    with django_assert_max_num_queries(14):
        _get(client, url)


HOSTILE = [
    {"page": "2"}, {"page": "999"}, {"page": "abc"},  # links from before the cursor
    {"sebelum": "!!"}, {"sesudah": "bm9uc2Vuc2U"}, {"sebelum": "x" * 600}, {"sebelum": ""},
    {"sebelum": _token(["bukan-tanggal", "abc"])}, {"sesudah": _token([1, 2])}, {"sebelum": _token([1])},
    {"sebelum": _token(["2026-01-01T00:00:00+07:00", 10**30])}, {"sesudah": _token(["2026-01-01T00:00:00", -1])},
    {"sebelum": _token(["a\u0000b", 1])}, {"sebelum": _token([{"x": 1}, [2]])}, {"sebelum": _token([None, None])},
    {"sebelum": _token(["'; DROP TABLE x;--", "1 OR 1=1"])}, {"sebelum": _token([True, 1.5])},
    {"sebelum": "MQ", "sesudah": "MQ"},
]


@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime")  # the naive cursor: a warning only
@pytest.mark.parametrize("setup", list(LISTS), indirect=True)
def test_old_page_links_and_hostile_cursors_show_a_normal_page(setup):
    w, client, url, make = setup
    make(w, 3)
    first = _ids(_get(client, url))
    for params in HOSTILE:
        response = _get(client, url, **params)
        assert response.status_code in (200, 400), params
        if response.status_code == 200 and ("page" in params or params.get("sebelum") in ("!!", "")):
            assert _ids(response) == first, params  # what does not parse: the first page


@pytest.mark.parametrize("setup", list(LISTS), indirect=True)
def test_the_pager_links_keep_the_filters_and_lead_to_the_next_page(setup):
    w, client, url, make = setup
    expected = make(w, N)
    first = _get(client, url)
    links = {unescape(h) for h in re.findall(r'class="page-link" href="([^"]+)"', first.content.decode())}
    [nxt] = [h for h in links if "sebelum=" in h]
    own = parse_qs(urlsplit(url).query)
    assert {k: v for k, v in parse_qs(urlsplit(nxt).query).items() if k in own} == own  # the filters stay
    second = client.get(urlsplit(url).path + nxt)
    assert _ids(second) == expected[PAGE:2 * PAGE]
    back = [unescape(h) for h in re.findall(r'class="page-link" href="([^"]+)"', second.content.decode())
            if "sesudah=" in unescape(h)]
    assert _ids(client.get(urlsplit(url).path + back[0])) == expected[:PAGE]
