"""The one form-error pattern (templates/_form_errors.html) on every form of the project.

The form pages are discovered from the URL conf, not listed by hand: every view that takes form input
(a ``FormMixin`` view, a view with ``get_form``/``get_forms``, or a function view naming its
``form_class``). Each is sent invalid input and must answer with the summary above the form: every
field error a link to an element of the page, the field's own error beside it. A form page added later
without a case below fails ``test_every_form_view_has_a_case`` until it gets one (how to reach it: who,
which object, which invalid input) — it cannot be forgotten."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import get_template
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.generic.edit import FormMixin

from asesi.domain import Status
from asesmen import services as asesmen_services
from asesor import services as asesor_services
from asesor.domain import StatusVerifikasi
from lsp.models import HariLibur
from tests.asesi.factories import force_status, permohonan_draft
from tests.asesmen.factories import jadwal_planned, permohonan_diterima
from tests.asesmen.pelaksanaan_factories import assess_all, kuk_of, signature_png, started
from tests.asesor.factories import (
    DiklatFactory,
    KompetensiFactory,
    PesertaFactory,
    RiwayatFactory,
    asesor_with_certificate,
)
from tests.factories import TUKFactory, UserFactory, skema_with_units

# --- discovery -------------------------------------------------------------------------------------------


def _patterns(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":  # Django's own admin and its templates
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, prefix)
        else:
            yield namespace + (pattern.name or ""), pattern


def takes_form_input(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return issubclass(view_class, FormMixin) or hasattr(view_class, "get_form") or hasattr(view_class, "get_forms")
    return getattr(callback, "form_class", None) is not None


FORM_VIEWS = sorted(name for name, pattern in _patterns(get_resolver()) if takes_form_input(pattern.callback))


# --- how to reach each form page with invalid input -------------------------------------------------------


def _asesor_layak():
    """An asesor whose certificate (issued 400 days ago) already holds the 6 assessments recognition needs."""
    issued = timezone.localdate() - timedelta(days=400)
    asesor = asesor_with_certificate(issued)
    for i in range(6):
        RiwayatFactory(asesor=asesor, tanggal=issued + timedelta(days=10 + i))
    return asesor


def _pengajuan():
    asesor = _asesor_layak()
    bukti = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    return asesor_services.pengajuan_rekognisi_submit(
        asesor=asesor, bukti=[bukti], catatan="", by=asesor.user, today=timezone.localdate()
    )


@pytest.fixture
def world(db):
    """Everything the form pages need, each object in the state its form accepts input in."""
    admin = UserFactory(username="admin_forms", roles=("admin_lsp",))
    skema = skema_with_units(n_units=1, n_elemen=1, n_kuk=1)
    unit = skema.units.first()
    elemen = unit.elemen.first()
    draft = permohonan_draft(skema=skema)  # the asesi's own draft
    submitted = force_status(permohonan_draft(skema=skema), Status.DIAJUKAN)  # waiting for verification
    asesor = asesor_with_certificate()
    diklat = DiklatFactory()
    asesor_layak = _asesor_layak()
    jadwal = jadwal_planned(skema=skema, admin=admin)
    [peserta] = asesmen_services.peserta_add(
        jadwal=jadwal, permohonan_list=[permohonan_diterima(skema, admin)], by=admin
    )
    return {
        "admin": admin,
        "asesi": draft.asesi.user,
        "asesi_profile": draft.asesi,
        "skema": skema,
        "unit": unit,
        "elemen": elemen,
        "kuk": elemen.kuk.first(),
        "persyaratan": skema.persyaratan.first(),
        "tuk": TUKFactory(),
        "libur": HariLibur.objects.create(tanggal=date(2026, 8, 17), nama="Proklamasi Kemerdekaan"),
        "draft": draft,
        "submitted": submitted,
        "asesor": asesor,
        "kompetensi": KompetensiFactory(asesor=asesor),
        "riwayat": RiwayatFactory(asesor=asesor, status=StatusVerifikasi.MENUNGGU, nama_lsp="LSP Lain"),
        "diklat": diklat,
        "peserta": PesertaFactory(diklat=diklat),
        "asesor_layak": asesor_layak.user,  # may ask for recognition
        "pengajuan": _pengajuan(),  # another asesor's open request, for the admin to decide
        "jadwal": jadwal,  # a planned batch with one asesi placed
        "peserta_jadwal": peserta,
        "exec": (ex := started(admin=admin)),  # a running batch: an asesi paired with an asesor, ready to assess
        "exec_asesor": ex["asesor"].user,
        "komite": UserFactory(username="komite_forms", roles=("komite",)),
        "direktur": UserFactory(username="direktur_forms", roles=("direktur",)),
        **_banding_world(admin),
        "validator": UserFactory(username="validator_forms", roles=("validator",)),
    }


def _banding_world(admin):
    """A BK asesi who may appeal, an appeal waiting for the komite, and a complaint to handle."""
    from asesmen.services.banding import banding_ajukan
    from sertifikat.pengaduan.services import pengaduan_ajukan
    from tests.asesmen.banding_factories import JAWABAN, bk_result, komite_user

    waiting = bk_result(admin=admin)
    p = waiting["permohonan"]
    banding = banding_ajukan(permohonan=p, jawaban=JAWABAN, alasan="Alasan", by=p.asesi.user)
    bk = bk_result(admin=admin)
    return {"bk_asesi": bk["permohonan"].asesi.user, "bk": bk, "banding": banding, "komite": komite_user(),
            "pengaduan": pengaduan_ajukan(jenis="asesor", isi="Isi")}


def _surveilans_diunggah():
    """A certificate's surveillance whose logbook waits for the admin's review."""
    from sertifikat import services as sertifikat_services
    from sertifikat.models import Surveilans
    from tests.asesi.factories import pdf
    from tests.sertifikat.factories import issued, lsp_profile

    lsp_profile()
    cert = issued(nama="Pemegang Logbook", tanggal_terbit=date(2026, 1, 31))
    sertifikat_services.surveilans_request_due(today=date(2027, 2, 1))
    row = Surveilans.objects.get(sertifikat=cert)
    return sertifikat_services.surveilans_upload(surveilans=row, berkas=pdf("logbook.pdf"), by=cert.asesi.user)


def _reset_link(user, name):
    return reverse(name, args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])


def _apl02_bad(w):
    row = w["draft"].units.first().asesmen_mandiri.first()
    return {f"jawaban_{row.pk}": "LULUS"}  # only K or BK exist


# url name: (who is logged in (None = nobody), the URL, the invalid input); an empty POST unless said
CASES = {
    "login": (None, lambda w: reverse("login"), {}),
    "password_change": ("asesi", lambda w: reverse("password_change"), {}),
    "password_reset": (None, lambda w: reverse("password_reset"), {}),
    "password_reset_confirm": (None, lambda w: _reset_link(w["admin"], "password_reset_confirm"), {}),
    "asesi:aktivasi": (None, lambda w: _reset_link(w["asesi"], "asesi:aktivasi"), {}),
    "asesi:daftar": (None, lambda w: reverse("asesi:daftar"), {}),
    "asesi:profil": ("asesi", lambda w: reverse("asesi:profil"), {}),
    "asesi:permohonan-create": ("asesi", lambda w: reverse("asesi:permohonan-create"), {}),
    "asesi:permohonan-update": ("asesi", lambda w: reverse("asesi:permohonan-update", args=[w["draft"].pk]), {}),
    "asesi:dokumen-upload": ("asesi", lambda w: reverse("asesi:dokumen-upload", args=[w["draft"].pk]), {}),
    "asesi:asesmen-mandiri": ("asesi", lambda w: reverse("asesi:asesmen-mandiri", args=[w["draft"].pk]), _apl02_bad),
    "asesi:verifikasi-detail": ("admin", lambda w: reverse("asesi:verifikasi-detail", args=[w["submitted"].pk]), {}),
    "asesi:asesi-create": ("admin", lambda w: reverse("asesi:asesi-create"), {}),
    "asesi:asesi-import": ("admin", lambda w: reverse("asesi:asesi-import"), {}),
    "asesi:asesi-update": ("admin", lambda w: reverse("asesi:asesi-update", args=[w["asesi_profile"].pk]), {}),
    "lsp:skema-create": ("admin", lambda w: reverse("lsp:skema-create"), {}),
    "lsp:skema-update": ("admin", lambda w: reverse("lsp:skema-update", args=[w["skema"].pk]), {}),
    "lsp:skema-import": ("admin", lambda w: reverse("lsp:skema-import", args=[w["skema"].pk]), {}),
    "lsp:skema-create-from-file": ("admin", lambda w: reverse("lsp:skema-create-from-file"), {}),
    "sertifikat:impor": ("admin", lambda w: reverse("sertifikat:impor"), {}),
    "sertifikat:laporan-bnsp": ("admin", lambda w: reverse("sertifikat:laporan-bnsp"), {}),
    "sertifikat:surveilans-periksa": ("admin", lambda w: reverse("sertifikat:surveilans-periksa",
                                                                 args=[_surveilans_diunggah().pk]), {}),
    "lsp:unit-create": ("admin", lambda w: reverse("lsp:unit-create", args=[w["skema"].pk]), {}),
    "lsp:unit-update": ("admin", lambda w: reverse("lsp:unit-update", args=[w["unit"].pk]), {}),
    "lsp:elemen-create": ("admin", lambda w: reverse("lsp:elemen-create", args=[w["unit"].pk]), {}),
    "lsp:elemen-update": ("admin", lambda w: reverse("lsp:elemen-update", args=[w["elemen"].pk]), {}),
    "lsp:kuk-create": ("admin", lambda w: reverse("lsp:kuk-create", args=[w["elemen"].pk]), {}),
    "lsp:kuk-update": ("admin", lambda w: reverse("lsp:kuk-update", args=[w["kuk"].pk]), {}),
    "lsp:persyaratan-create": ("admin", lambda w: reverse("lsp:persyaratan-create", args=[w["skema"].pk]), {}),
    "lsp:persyaratan-update": ("admin", lambda w: reverse("lsp:persyaratan-update", args=[w["persyaratan"].pk]), {}),
    # check boxes cannot be typed wrong; the service's refusal (see test below) is what this page shows
    "lsp:user-roles": ("admin", lambda w: reverse("lsp:user-roles", args=[w["asesi"].pk]), {"komite": "on"}),
    "lsp:tuk-create": ("admin", lambda w: reverse("lsp:tuk-create"), {}),
    "lsp:tuk-update": ("admin", lambda w: reverse("lsp:tuk-update", args=[w["tuk"].pk]), {}),
    "lsp:libur-create": ("admin", lambda w: reverse("lsp:libur-create"), {}),
    "lsp:libur-update": ("admin", lambda w: reverse("lsp:libur-update", args=[w["libur"].pk]), {"tanggal": "31-31"}),
    "lsp:libur-import": ("admin", lambda w: reverse("lsp:libur-import"), {"tahun": "1999"}),
    "lsp:profil": ("admin", lambda w: reverse("lsp:profil"), {}),
    "asesor:asesor-create": ("admin", lambda w: reverse("asesor:asesor-create"), {}),
    "asesor:asesor-update": ("admin", lambda w: reverse("asesor:asesor-update", args=[w["asesor"].pk]), {}),
    "asesor:sertifikat-create": ("admin", lambda w: reverse("asesor:sertifikat-create", args=[w["asesor"].pk]), {}),
    # a question asked with GET
    "asesor:kelayakan": ("admin", lambda w: reverse("asesor:kelayakan", args=[w["asesor"].pk]), {"tanggal": "31-31"}),
    "asesor:rekognisi-create": ("admin", lambda w: reverse("asesor:rekognisi-create", args=[w["asesor"].pk]), {}),
    "asesor:kompetensi-create": ("admin", lambda w: reverse("asesor:kompetensi-create", args=[w["asesor"].pk]), {}),
    "asesor:kompetensi-update": ("admin", lambda w: reverse("asesor:kompetensi-update", args=[w["kompetensi"].pk]), {}),
    "asesor:riwayat-create": ("admin", lambda w: reverse("asesor:riwayat-create", args=[w["asesor"].pk]), {}),
    "asesor:riwayat-verify": ("admin", lambda w: reverse("asesor:riwayat-verify", args=[w["riwayat"].pk]), {}),
    "asesor:konflik-create": ("admin", lambda w: reverse("asesor:konflik-create", args=[w["asesor"].pk]), {}),
    "asesor:diklat-create": ("admin", lambda w: reverse("asesor:diklat-create"), {}),
    "asesor:diklat-update": ("admin", lambda w: reverse("asesor:diklat-update", args=[w["diklat"].pk]), {}),
    "asesor:peserta-create": ("admin", lambda w: reverse("asesor:peserta-create", args=[w["diklat"].pk]), {}),
    "asesor:peserta-hasil": ("admin", lambda w: reverse("asesor:peserta-hasil", args=[w["peserta"].pk]), {}),
    "asesor:peserta-kompeten": ("admin", lambda w: reverse("asesor:peserta-kompeten", args=[w["peserta"].pk]), {}),
    "asesor:rekognisi-ajukan": ("asesor_layak", lambda w: reverse("asesor:rekognisi-ajukan"), {}),
    "asesor:riwayat-saya-create": ("asesor_layak", lambda w: reverse("asesor:riwayat-saya-create"), {}),
    "asesor:pengajuan-detail": ("admin", lambda w: reverse("asesor:pengajuan-detail", args=[w["pengajuan"].pk]), {}),
    "asesmen:jadwal-create": ("admin", lambda w: reverse("asesmen:jadwal-create"), {}),
    "asesmen:jadwal-update": ("admin", lambda w: reverse("asesmen:jadwal-update", args=[w["jadwal"].pk]), {}),
    "asesmen:peserta-move": ("admin", lambda w: reverse("asesmen:peserta-move", args=[w["peserta_jadwal"].pk]), {}),
    "asesmen:peserta-remove": ("admin", lambda w: reverse("asesmen:peserta-remove", args=[w["peserta_jadwal"].pk]), {}),
    "asesmen:verifikasi-tuk": ("admin", lambda w: reverse("asesmen:verifikasi-tuk", args=[w["jadwal"].pk]), {}),
    # check boxes and an optional note: the service's refusal (see the test below) is what this page shows
    "asesmen:tinjauan": ("exec_asesor", lambda w: reverse("asesmen:tinjauan", args=[w["exec"]["penugasan"].pk]), {}),
    "asesmen:bank-unit": (
        "admin", lambda w: reverse("asesmen:bank-unit", args=[w["exec"]["skema"].units.first().pk]),
        {"instrumen": "IA.05", "urutan": 1, "pertanyaan": "Q", "pilihan": "a\nb", "kunci": "C"},  # no option C
    ),
    "asesmen:keputusan": ("komite", lambda w: _keputusan_url(w["exec"]), {"keputusan": "LULUS"}),
    "asesmen:sk-ubah": ("komite", lambda w: reverse("asesmen:sk-ubah", args=[_sk(w).pk]), {"tanggal_pleno": "31-31"}),
    "asesmen:sk-tolak": ("direktur", lambda w: reverse("asesmen:sk-tolak", args=[_sk(w).pk]), {"alasan": ""}),
    "asesmen:banding-ajukan": (
        "bk_asesi", lambda w: reverse("asesmen:banding-ajukan", args=[w["bk"]["permohonan"].pk]), {}),
    "asesmen:banding-detail": ("komite", lambda w: reverse("asesmen:banding-detail", args=[w["banding"].pk]), {}),
    "pengaduan:ajukan": (None, lambda w: reverse("pengaduan:ajukan"), {}),
    "pengaduan:lacak": (None, lambda w: reverse("pengaduan:lacak"), {"kode": ""}),  # a GET form
    "pengaduan:admin-detail": ("admin", lambda w: reverse("pengaduan:admin-detail", args=[w["pengaduan"].pk]), {}),
    "asesmen:rekaman-koreksi": (
        "admin", lambda w: _submitted_record_url(w["exec"]),
        lambda w: {"kuk": kuk_of(w["exec"]["skema"])[0].pk, "hasil": "BK", "alasan": "", "tindak_lanjut": "Ulang"},
    ),
    "asesmen:validasi-create": ("validator", lambda w: reverse("asesmen:validasi-create"),
                                {"dari": "", "sampai": "2026-01-01", "persen": "0"}),
    "asesmen:validasi-sahkan": ("validator", lambda w: reverse("asesmen:validasi-sahkan", args=[_validasi(w).pk]),
                                {"ringkasan": ""}),
    "asesmen:validasi-temuan": (
        "validator", lambda w: reverse("asesmen:validasi-temuan", args=[_validasi_item(w).pk]),
        {"aspek": "valid", "memenuhi": "1", "uraian": ""},
    ),
    # a conclusion other than "sesuai" needs a note: the service refuses it on the field
    "asesmen:validasi-kesimpulan": (
        "validator", lambda w: reverse("asesmen:validasi-kesimpulan", args=[_validasi_item(w).pk]),
        {"kesimpulan": "tidak_sesuai", "catatan": ""},
    ),
    "asesmen:validasi-tindak-lanjut": (
        "validator", lambda w: reverse("asesmen:validasi-tindak-lanjut", args=[_validasi_temuan(w)[0].pk]),
        {"uraian": "", "batas": "kemarin"},
    ),
    "asesmen:validasi-tutup": (
        "validator", lambda w: reverse("asesmen:validasi-tutup", args=[_validasi_temuan(w)[1].pk]),
        {"catatan": ""},
    ),
    # the asesor owning a follow-up marks it done: the note is required
    "asesmen:tindak-lanjut-selesai": (
        "exec_asesor", lambda w: reverse("asesmen:tindak-lanjut-selesai", args=[_validasi_tl_asesor(w).pk]),
        {"catatan": "  "},
    ),
}


def _validasi(w):
    """A sample the world's validator drew of the running batch's record, once assessed and submitted."""
    from asesmen import services as asesmen_services

    if "sampel" not in w:
        ex = w["exec"]
        assess_all(ex["p"], ex["asesor"].user)
        asesmen_services.rekaman_submit(peserta=ex["p"], ttd=signature_png(), by=ex["asesor"].user, ip=None)
        today = timezone.localdate()
        w["sampel"] = asesmen_services.sampel_draw(by=w["validator"], dari=today, sampai=today, persen=100)
    return w["sampel"]


def _validasi_item(w):
    """The sample's item of the running batch's record (the world's other records submitted today, such as
    the appeal's BK record, may be drawn as well)."""
    return _validasi(w).rekaman.get(rekaman__peserta=w["exec"]["p"])


def _validasi_temuan(w):
    """A finding (with one open follow-up owned by the admin) on the sampled record."""
    from asesmen import services as asesmen_services

    item = _validasi_item(w)
    temuan = asesmen_services.temuan_add(item=item, aspek="adil", memenuhi=False, uraian="x", by=w["validator"])
    tl = asesmen_services.tindak_lanjut_add(temuan=temuan, uraian="y", penanggung_jawab=w["admin"],
                                            batas=timezone.localdate(), by=w["validator"])
    return temuan, tl


def _validasi_tl_asesor(w):
    """An open follow-up on the sampled record owned by its asesor (R65)."""
    from asesmen import services as asesmen_services

    item = _validasi_item(w)
    temuan = asesmen_services.temuan_add(item=item, aspek="bukti_terkini", memenuhi=False, uraian="x",
                                         by=w["validator"])
    return asesmen_services.tindak_lanjut_add(temuan=temuan, uraian="y", penanggung_jawab=w["exec"]["asesor"].user,
                                              batas=timezone.localdate(), by=w["validator"])


def _submitted_record_url(ex):
    """The correction page of a record the asesor assessed and submitted (a correction needs a reason)."""
    from asesmen import services as asesmen_services

    assess_all(ex["p"], ex["asesor"].user)
    asesmen_services.rekaman_submit(peserta=ex["p"], ttd=signature_png(), by=ex["asesor"].user, ip=None)
    return reverse("asesmen:rekaman-koreksi", args=[ex["p"].pk])


def _keputusan_url(ex):
    """The komite's decision page of a submitted record (only K or BK exist)."""
    _submitted_record_url(ex)
    return reverse("asesmen:keputusan", args=[ex["p"].pk])


def _sk(w):
    from asesmen.models import KeputusanSK

    return KeputusanSK.objects.create(jadwal=w["jadwal"])


def test_every_form_view_has_a_case():
    assert FORM_VIEWS, "no form view discovered: the discovery is broken"
    missing = sorted(set(FORM_VIEWS) - set(CASES))
    assert missing == [], f"form pages without a case in tests/test_form_errors.py CASES: {missing}"
    assert sorted(set(CASES) - set(FORM_VIEWS)) == [], "CASES names a URL that is no form page (any more)"


def _bound_forms(response):
    found = []
    for context in response.context or []:
        for value in context.flatten().values():
            if isinstance(value, forms.BaseForm) and value.is_bound and value.errors and value not in found:
                found.append(value)
    return found


ID_RE = re.compile(r'\sid="([^"]+)"')


@pytest.mark.parametrize("name", FORM_VIEWS)
def test_invalid_input_shows_the_summary_and_each_error_at_its_field(client, world, name, monkeypatch):
    who, url_of, data = CASES[name]
    if who:
        client.force_login(world[who])
    url = url_of(world)
    data = data(world) if callable(data) else data
    if name in ("password_reset_confirm", "asesi:aktivasi"):  # the link puts the token in the session first
        url = client.get(url)["Location"]
    if name == "lsp:user-roles":  # e.g. another admin changed the roles meanwhile: the service refuses
        from lsp import services

        def refuse(**kwargs):
            raise ValidationError({"komite": [ValidationError("Peran ini baru saja diubah.", code="stale")]})

        monkeypatch.setattr(services, "user_roles_update", refuse)
    if name == "asesmen:tinjauan":  # e.g. the batch was cancelled meanwhile: the service refuses
        from asesmen import services as asesmen_services

        def refuse_tinjauan(**kwargs):
            raise ValidationError(ValidationError("Jadwal ini sudah dibatalkan.", code="stale"))

        monkeypatch.setattr(asesmen_services, "tinjauan_save", refuse_tinjauan)
    if name in ("asesor:kelayakan", "pengaduan:lacak"):
        response = client.get(url, data)
    else:
        response = client.post(url, data)

    assert response.status_code in (200, 400), (response.status_code, response.get("Location"))
    html = response.content.decode()
    assert html.count("data-form-errors") >= 1, "no error summary above the form"
    summary = html[html.index("data-form-errors"):]
    summary = summary[: summary.index("</div>")]
    ids = set(ID_RE.findall(html))
    (form, *_) = _bound_forms(response)
    for field_name in form.errors:
        if field_name == "__all__":
            for message in form.non_field_errors():
                assert str(message) in html
            continue
        bound = form[field_name]
        # beside the field: crispy's error_<n>_<id> (or error_<id> of a hand-made widget)
        assert re.search(rf'id="error_(\d+_)?{re.escape(bound.auto_id)}"', html), f"{field_name}: no error beside it"
        # in the summary: a link whose target exists on the page
        targets = re.findall(r'data-error-for="([^"]+)"', summary)
        own = (bound.auto_id, f"div_{bound.auto_id}")
        linked = [t for t in targets if t in own or t.startswith(f"{bound.auto_id}_")]
        assert linked, f"{field_name}: not linked from the summary"
        assert all(t in ids for t in linked), f"{field_name}: the summary links to a missing id {linked}"


# --- every template that renders a form shows the summary ------------------------------------------------


TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_the_crispy_pack_shows_the_summary():
    """Every {% crispy form %} and {{ form|crispy }} goes through bootstrap5/errors.html: ours."""
    origin = get_template("bootstrap5/errors.html").origin.name
    assert Path(origin) == TEMPLATES / "bootstrap5" / "errors.html"
    assert "_form_errors.html" in Path(origin).read_text()


@pytest.mark.parametrize(
    "path",
    sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html") if "as_crispy_field" in p.read_text()),
)
def test_templates_rendering_fields_one_by_one_include_the_summary(path):
    """A template that places fields itself (``as_crispy_field``) skips the pack's summary: it must
    include the partial."""
    assert '{% include "_form_errors.html"' in (TEMPLATES / path).read_text()


# --- what the summary lists ------------------------------------------------------------------------------


def test_the_summary_follows_the_order_the_fields_are_shown(db):
    from asesi.forms import RegistrasiForm
    from lsp.templatetags.lsp_forms import form_field_errors

    targets = [item.target for item in form_field_errors(RegistrasiForm({}))]
    # the layout shows the account first, although the model's fields come first in the class
    assert targets[:4] == ["id_username", "id_password1", "id_password2", "id_nama_lengkap"]
    assert len(targets) == len(set(targets)) == len(RegistrasiForm({}).errors)


def test_a_choice_group_is_linked_through_its_first_option(db):
    from asesi.forms import VerifikasiForm
    from lsp.templatetags.lsp_forms import form_field_errors

    items = form_field_errors(VerifikasiForm({}, persyaratan=[]))
    assert [(i.target, i.label) for i in items] == [("id_keputusan_0", "Keputusan")]
