"""Issue 10 item 5: no page of any role is wider than a phone's screen (390 × 844).

The pages are discovered from the URL conf (the same walk as tests/test_no_500.py), not kept by hand: every
route of our apps, its arguments filled from the demo data plus a few records with long names, emails and
numbers created here. Each role opens every page it may open (200, and the 403/404/400 pages it meets) and
``document.documentElement.scrollWidth`` must stay within the viewport: wide tables scroll inside their card
(``.table-responsive``) or become a card list, long words wrap.

An argument is filled from ``_fillers()`` by the URL segment before it, else from the app's model named like
that segment (``asesmen:jadwal`` → ``asesmen.Jadwal``); a new route whose argument can be filled neither way
fails ``test_every_route_argument_can_be_filled``: add its segment to ``_fillers()``."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.browser.conftest import login
from tests.test_no_500 import walk

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
ROLES = [None, "admin", "asesi1", "asesor1", "asesor2", "komite", "direktur", "validator"]
ARG = re.compile(r"<(?:(\w+):)?(\w+)>")
LONG_EMAIL = "raden.ajeng.kartika.asesor.kompetensi.senior@lembaga-sertifikasi-profesi-nusantara-jawa-timur.example"


def _own_or_any(qs, username, **own):
    """The first object of ``qs`` that belongs to ``username`` (``own`` lookups with ``{u}``), else any."""
    if username and own:
        mine = qs.filter(**{k: v.format(u=username) for k, v in own.items()}).order_by("pk").first()
        if mine is not None:
            return mine.pk
    obj = qs.order_by("pk").first()
    return obj.pk if obj is not None else None


def _fillers():
    """``namespace:segment`` (the literal URL segment before the argument) → a function of the username
    returning the argument's value."""
    from asesi.models import AsesiProfile, Dokumen, Permohonan
    from asesmen.models import (
        Banding,
        BuktiKerja,
        ButirInstrumen,
        Jadwal,
        KeputusanSK,
        PenugasanAsesor,
        PesertaJadwal,
        SampelRekaman,
        SampelValidasi,
        TemuanValidasi,
        TindakLanjutValidasi,
    )
    from asesor.models import (
        AsesorProfile,
        Diklat,
        KompetensiTeknis,
        PengajuanRekognisi,
        PesertaDiklat,
        RiwayatAsesmen,
        SertifikatAsesor,
    )
    from lsp.models import KUK, TUK, Elemen, HariLibur, PersyaratanDasar, Skema, UnitKompetensi, User
    from sertifikat.models import PenerbitanMassal, Sertifikat
    from sertifikat.pengaduan.models import Pengaduan

    def uid(username):
        return urlsafe_base64_encode(force_bytes(User.objects.get(username="asesi2").pk))

    def token(username):
        return default_token_generator.make_token(User.objects.get(username="asesi2"))

    return {
        "asesi:permohonan": lambda u: _own_or_any(Permohonan.objects.all(), u, asesi__user__username="{u}"),
        "asesi:verifikasi": lambda u: _own_or_any(Permohonan.objects.exclude(diajukan_pada=None), u),
        "asesi:daftar-asesi": lambda u: _own_or_any(AsesiProfile.objects.filter(user__email=LONG_EMAIL), u),
        "asesi:dokumen": lambda u: _own_or_any(Dokumen.objects.all(), u, permohonan__asesi__user__username="{u}"),
        "asesi:konfirmasi-email": lambda u: "token-yang-tidak-dikenal",
        "asesi:aktivasi": uid,
        "asesi:aktivasi/uid": token,
        "asesor:asesor": lambda u: _own_or_any(
            AsesorProfile.objects.filter(user__username__in=[u, "asesor2"]), u, user__username="{u}"
        ),
        "asesor:kompetensi": lambda u: _own_or_any(KompetensiTeknis.objects.all(), u),
        "asesor:riwayat": lambda u: _own_or_any(RiwayatAsesmen.objects.filter(status="menunggu"), u),
        "asesor:dokumen": lambda u: "sertifikat",
        "asesor:dokumen/kind": lambda u: _own_or_any(SertifikatAsesor.objects.all(), u, asesor__user__username="{u}"),
        "asesor:rekognisi": lambda u: _own_or_any(PengajuanRekognisi.objects.all(), u, asesor__user__username="{u}"),
        "asesor:diklat": lambda u: _own_or_any(Diklat.objects.all(), u),
        "asesor:peserta": lambda u: _own_or_any(PesertaDiklat.objects.all(), u),
        "lsp:skema": lambda u: _own_or_any(Skema.objects.filter(kode="SKM-TIK-JWD-2024"), u),
        "lsp:templat.": lambda u: "xlsx",
        "asesmen:penugasan": lambda u: _own_or_any(PenugasanAsesor.objects.all(), u, asesor__user__username="{u}"),
        "asesmen:peserta": lambda u: _own_or_any(PesertaJadwal.objects.filter(aktif=True), u),
        "asesmen:asesi": lambda u: _own_or_any(
            PesertaJadwal.objects.filter(aktif=True), u, asesor__user__username="{u}"
        ),
        "asesmen:dokumen": lambda u: _own_or_any(
            Dokumen.objects.filter(permohonan__penjadwalan__aktif=True), u,
            permohonan__penjadwalan__asesor__user__username="{u}",
        ),
        "asesmen:kuk": lambda u: _own_or_any(KUK.objects.all(), u),
        "asesmen:butir": lambda u: _own_or_any(ButirInstrumen.objects.all(), u),
        "asesmen:ujian": lambda u: _own_or_any(ButirInstrumen.objects.filter(instrumen="IA.05"), u),
        "asesmen:unit": lambda u: _own_or_any(UnitKompetensi.objects.filter(butir_instrumen__isnull=False), u),
        "asesmen:hasil-kerja": lambda u: _own_or_any(BuktiKerja.objects.all(), u),
        "asesmen:berita-acara": lambda u: "2026-12-01",
        "asesmen:pleno": lambda u: _own_or_any(Jadwal.objects.filter(peserta__rekaman__status="diajukan"), u),
        "asesmen:keputusan": lambda u: _own_or_any(PesertaJadwal.objects.filter(rekaman__status="diajukan"), u),
        "sertifikat:sk": lambda u: _own_or_any(KeputusanSK.objects.filter(status="disetujui"), u),
        "asesmen:sk": lambda u: _own_or_any(KeputusanSK.objects.all(), u),
        "asesmen:validasi": lambda u: _own_or_any(SampelValidasi.objects.all(), u, validator__username="{u}"),
        "asesmen:sampel": lambda u: _own_or_any(SampelRekaman.objects.all(), u, sampel__validator__username="{u}"),
        "asesmen:temuan": lambda u: _own_or_any(TemuanValidasi.objects.all(), u,
                                                item__sampel__validator__username="{u}"),
        # the validator's follow-up pages, and the asesor's own (``saya/tindak-lanjut/<pk>/selesai/``)
        "asesmen:tindak-lanjut": lambda u: _own_or_any(TindakLanjutValidasi.objects.filter(
            penanggung_jawab__username=u or ""), u) or _own_or_any(TindakLanjutValidasi.objects.all(), u,
                                                                   temuan__item__sampel__validator__username="{u}"),
        "asesmen:jadwal-saya": lambda u: _own_or_any(
            PesertaJadwal.objects.filter(aktif=True), u, permohonan__asesi__user__username="{u}"
        ),
        # a role home: the role the user holds (anonymous is sent to log in whatever the role)
        "lsp:beranda": lambda u: {
            "admin": "admin_lsp", "komite": "komite", "validator": "validator", "direktur": "direktur"
        }.get(
            u or "", "asesor" if (u or "").startswith("asesor") else "asesi"
        ),
        "lsp:unit": lambda u: _own_or_any(UnitKompetensi.objects.all(), u),
        "lsp:elemen": lambda u: _own_or_any(Elemen.objects.all(), u),
        "lsp:kuk": lambda u: _own_or_any(KUK.objects.all(), u),
        "lsp:persyaratan": lambda u: _own_or_any(PersyaratanDasar.objects.all(), u),
        "lsp:tuk": lambda u: _own_or_any(TUK.objects.all(), u),
        "lsp:libur": lambda u: _own_or_any(HariLibur.objects.all(), u),
        "lsp:daftar": lambda u: "sertifikat",  # a list export (POST only: a GET answers 405)
        "lsp:pengguna": lambda u: _own_or_any(User.objects.filter(username="asesor2"), u),
        "verifikasi:verifikasi": lambda u: Sertifikat.objects.order_by("pk").values_list("token", flat=True).first(),
        "sertifikat:massal": lambda u: _own_or_any(PenerbitanMassal.objects.all(), u),
        "api:verifikasi": lambda u: Sertifikat.objects.order_by("pk").values_list("nomor", flat=True).first(),
        # FR.AK.04 banding and complaints
        "asesmen:saya": lambda u: _own_or_any(Banding.objects.all(), u, permohonan__asesi__user__username="{u}"),
        "asesmen:ajukan": lambda u: _own_or_any(
            Permohonan.objects.filter(status="diputuskan", keputusan="BK"), u, asesi__user__username="{u}"
        ),
        "pengaduan:lacak": lambda u: Pengaduan.objects.order_by("pk").values_list("kode", flat=True).first(),
        "pengaduan:kelola": lambda u: _own_or_any(Pengaduan.objects.all(), u),
        ":reset": uid,
        ":reset/uid": token,
    }


def _key(namespace, route, match):
    """What names an argument: the URL segment before it, or ``segment/<previous argument>``."""
    before = route[: match.start()].rstrip("/")
    previous = list(ARG.finditer(before))
    if previous and previous[-1].end() == len(before):
        last = previous[-1]
        segment = before[: last.start()].rstrip("/").rsplit("/", 1)[-1]
        suffix = {"uidb64": "uid"}.get(last.group(2), last.group(2))
        return f"{namespace or ''}:{segment}/{suffix}"
    return f"{namespace or ''}:{before.rsplit('/', 1)[-1]}"


def _namespaced_routes():
    from django.urls import URLResolver, get_resolver

    found = []

    def visit(resolver, prefix, namespace):
        for route, pattern in walk(resolver, prefix, namespace):
            found.append((route, pattern))

    visit(get_resolver(), "", None)
    # walk() does not report the namespace; find it from the first segment's include
    names = {}
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            names[str(entry.pattern)] = entry.namespace
    result = []
    for route, pattern in found:
        namespace = next((ns for prefix, ns in names.items() if route.startswith(prefix)), None)
        if namespace == "api":  # JSON and the API's own Swagger page, not app pages (schemathesis covers them)
            continue
        result.append((namespace, route, pattern))
    return result


def _model_filler(key):
    """For ``app:segment`` with no entry in ``FILLERS``: the model of that app named like the segment
    (``asesmen:jadwal`` → ``asesmen.Jadwal``), its first row. None when there is no such model."""
    from django.apps import apps

    label, _sep, segment = key.partition(":")
    if not label or not apps.is_installed(label) or "/" in segment:
        return None
    wanted = segment.replace("-", "").replace("_", "").lower()
    for model in apps.get_app_config(label).get_models():
        if model.__name__.lower() == wanted:
            return lambda u, model=model: _own_or_any(model.objects.all(), u)
    return None


def _filler(key, fillers):
    return fillers.get(key) or _model_filler(key)


def fill(namespace, route, username, fillers):
    """``/route`` with its arguments filled for ``username``, or raise TypeError naming what is missing."""
    out, pos = "", 0
    for match in ARG.finditer(route):
        key = _key(namespace, route, match)
        value = _filler(key, fillers)(username)
        if value is None:
            return None
        out += route[pos : match.start()] + str(value)
        pos = match.end()
    return "/" + out + route[pos:]


def test_every_route_argument_can_be_filled(db):
    fillers = _fillers()
    missing = []
    for namespace, route, _pattern in _namespaced_routes():
        for match in ARG.finditer(route):
            if _filler(_key(namespace, route, match), fillers) is None:
                missing.append(f"{route} ({_key(namespace, route, match)})")
    assert missing == []
    # the fallback for a new app's routes: the model named like the segment
    assert _model_filler("asesor:pesertadiklat") is not None and _model_filler("asesor:tidak-ada") is None


def _long_records():
    """Demo data with the long values real records have: a long email, institution, LSP and skema name,
    and a technical certificate that expired."""
    from asesi.models import AsesiProfile
    from asesor.models import AsesorProfile, RiwayatAsesmen
    from lsp.models import User

    User.objects.filter(username="asesor2").update(email=LONG_EMAIL.replace("raden", "agus"))
    asesi = AsesiProfile.objects.select_related("user").get(user__username="asesi1")
    User.objects.filter(pk=asesi.user_id).update(email=LONG_EMAIL.replace("raden", "asesi"))
    other = AsesiProfile.objects.select_related("user").get(user__username="asesi2")
    User.objects.filter(pk=other.user_id).update(
        email=LONG_EMAIL, nama_lengkap="Raden Ajeng Kartika Sekarwangi Purbaningrum Wiryodiningrat"
    )
    a2 = AsesorProfile.objects.get(user__username="asesor2")
    RiwayatAsesmen.objects.filter(asesor=a2, status="menunggu").update(
        nama_lsp="LSP Pariwisata dan Ekonomi Kreatif Kabupaten Banyuwangi Provinsi Jawa Timur",
        skema_nama="Barista Profesional Tingkat Lanjut (Kualifikasi Nasional Indonesia Level IV)",
    )


def _pages_for(username, fillers):
    """The paths ``username`` is shown an HTML page on (one 403/404 page each), by asking the server."""
    from lsp.models import User

    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    pages, seen_status = [], set()
    for namespace, route, _pattern in _namespaced_routes():
        path = fill(namespace, route, username, fillers)
        if path is None:
            continue
        response = client.get(path, follow=True)
        if not response.get("Content-Type", "").startswith("text/html") or response.status_code >= 405:
            continue
        final = response.redirect_chain[-1][0] if response.redirect_chain else path
        if response.status_code != 200 or final.startswith("/akun/masuk/"):
            if (response.status_code, final.split("?")[0]) in seen_status:
                continue
            seen_status.add((response.status_code, final.split("?")[0]))
        if path not in pages:
            pages.append(path)
    return pages


def test_no_page_is_wider_than_a_phone(new_page, demo_data):
    _long_records()
    fillers = _fillers()
    too_wide, visited = [], 0
    for username in ROLES:
        paths = _pages_for(username, fillers)
        page = new_page()
        page.set_viewport_size(PHONE)
        if username:
            login(page, username)
        for path in paths:
            page.goto(path)
            visited += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{username or 'anonim'} {path}: {width}px")
    assert visited > 60  # every role's pages were opened, not a handful
    assert too_wide == []


@pytest.mark.parametrize("path", ["/asesi/verifikasi/", "/asesi/daftar-asesi/", "/asesor/", "/asesor/verifikasi/"])
def test_lists_become_cards_showing_every_column_on_a_phone(new_page, demo_data, path):
    """The verification queue used to show two of its eight columns on a phone: each row is now a card in
    which every cell is on screen, labelled with its column heading."""
    page = new_page()
    page.set_viewport_size(PHONE)
    login(page, "admin")
    page.goto(path)
    table = page.locator("table.table-cards").first
    headings = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    cells = table.locator("tbody tr").first.locator("td")
    assert cells.count() == len(headings) > 1
    for i in range(cells.count()):
        cell = cells.nth(i)
        box = cell.bounding_box()
        if headings[i]:
            assert cell.get_attribute("data-label") == headings[i]
        if box is not None:  # an empty cell (no actions) is hidden
            assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], (path, headings[i], box)
    # and at desktop width the same rows are a table again
    page.set_viewport_size({"width": 1366, "height": 768})
    assert table.locator("tbody tr").first.evaluate("row => getComputedStyle(row).display") == "table-row"
