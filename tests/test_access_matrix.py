"""Access-control matrix (issue 16 item 2): every URL of the URL conf, as every kind of user, answers what it must.

The routes come from the URL conf (``walk_named`` in tests/test_no_500.py: every app's pages, the public
verification and the JSON API; only Django admin is left out, it has its own staff checks), so a new view
cannot escape: ``test_every_url_is_classified`` fails until its name has a line in ``MATRIX`` below, and
prints that line ready to paste with a guessed class.

The users ("personas") of every row:

=================  ==============================================================================
``anon``           not signed in
``asesi``          the asesi who owns the row's object (permohonan, document, jadwal seat, certificate)
``asesi_lain``     another asesi, with applications of her own (``asesi2``): a *foreign* object for her
``asesor``         the asesor assigned to the row's object (or owning it: own competence, RCC request)
``asesor_jadwal``  an asesor assigned to the same batch (jadwal) but not to this asesi (``asesor3``)
``asesor_lain``    an asesor assigned to nothing of it (``asesor2``)
``komite``         komite / pengambil keputusan
``direktur``       direktur / ketua LSP (approves or refuses the SK)
``validator``      validator
``admin``          admin LSP
=================  ==============================================================================

The access classes (what each persona gets; ``ok`` = 2xx or a redirect that is not to the login page,
``login`` = a redirect to the login page, otherwise the status code):

=====================  ==========================================================================
``PUBLIC``             everyone, anonymous included
``SIGNED_IN``          every signed-in user (each sees only their own data); anonymous → login
``ADMIN``              admin LSP only; other roles 403
``ASESI``              any asesi (a list of her own things, a form for herself); other roles 403
``ASESI_OWN``          the owning asesi; another asesi 404 (never 403: an id is not confirmed); others 403
``ASESOR``             any asesor (own pages); other roles 403
``ASESOR_OWN``         the owning / assigned asesor; another asesor (same batch or not) 404; others 403
``ASESOR_OWN_ADMIN``   as ``ASESOR_OWN`` and admin LSP too
``JADWAL_ASESOR``      every asesor assigned to the batch (the batch's own pages); another asesor 404
``JADWAL_ASESOR_ADMIN``  as ``JADWAL_ASESOR`` and admin LSP too
``PESERTA``            the owning asesi, her assigned asesor and admin LSP (the shared assessment
                       record); anyone else 404
``PESERTA_PLENO``      as ``PESERTA`` for a submitted record, which komite and direktur read too
``OWNER``              only the signed-in owner of the row (a notification, one's certificate); anyone
                       else 404: the row is fetched from what belongs to the user
``HOLDER_ADMIN``       the owning asesi and admin LSP (her documents, certificate PDF, logbook); anyone
                       else 404
``KOMITE``, ``VALIDATOR``, ``DIREKTUR``  only that role; other roles 403 (pleno, validation, SK approval)
``VALIDATOR_ADMIN``    the validator and admin LSP (a validation report read: admin LSP reads every sample)
``KOMITE_ADMIN``       komite and admin LSP (the appeal queue and each appeal; deciding is the komite's)
``SK_READERS``         komite, direktur and admin LSP (the SK list, page and PDF)
``LAPORAN_READERS``    FR.AK.05 printed: its asesor, komite, direktur and admin LSP; another asesor 404
``API_*``              the JSON API: as the class named, but anonymous gets 401 (not a login redirect):
                       ``API_ASESI_ADMIN`` / ``API_ASESOR_ADMIN`` lists (each asesi / asesor sees her own
                       rows, admin LSP all), ``API_ASESI_OWN_ADMIN`` / ``API_ASESOR_OWN_ADMIN`` one row
                       (another asesi / asesor 404), ``API_JADWAL`` / ``API_PESERTA`` the batches (list:
                       asesi, asesor, admin; one batch: its asesi, its asesors, admin; anyone else's 404)
``*_HOME``             a role's own home page: only users holding that role; anyone else 404
``SIGNS_OUT``          logging out: everyone ends on the login page
=====================  ==========================================================================

A row is ``"namespace:name": R(CLASS, "object", ..., post=True)``: the objects fill the route's arguments
in order (keys of ``world_objects()``: the demo data of ``seed_demo`` plus a few rows made here), ``post``
marks a POST-only action (``post={"aksi": "..."}``: the fields it needs to be understood).
How each row is checked:

* a GET page: GET answers the class's outcome for every persona; a POST with no fields is refused the same
  way (or 405), for one persona of each kind of refusal: a view cannot check the role only in ``get()``;
* a POST-only action: the POST answers the class's outcome (an admitted persona may get 400 for the empty
  form); a GET by an admitted persona is never ``ok``.

Every request runs in a savepoint rolled back afterwards (and the clients' cookies are put back), so an
allowed POST that changes state changes nothing for the next request: the rows are independent of order.
The world is built once for the module inside a transaction that is rolled back at its end.

Classifying a new URL: paste the line the failure prints and check its guess against the view. An object the
world lacks (an SK, a banding, a validation) is one key in ``world_objects()`` with its owning asesi / asesor
(``Obj(pk, "asesi5", "asesor1")``), its rows made in ``_build()`` when the demo has none; a class the table
lacks is one ``_access(...)`` line; a URL that answers differently per argument value (``lsp:role-home``)
takes a list of rows."""

import io
import os
import re
from dataclasses import dataclass
from datetime import date
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.test_no_500 import walk_named

pytestmark = pytest.mark.django_db

OK, LOGIN = "ok", "login"
PERSONAS = ("anon", "asesi", "asesi_lain", "asesor", "asesor_jadwal", "asesor_lain", "komite", "direktur", "validator",
            "admin")


@dataclass(frozen=True)
class Access:
    name: str
    allowed: frozenset
    foreign: frozenset = frozenset()  # personas answered 404 (another asesi's / asesor's object)
    refused: str = "403"  # what the other signed-in personas get
    anon: str = LOGIN

    def expected(self, persona):
        if persona in self.allowed:
            return OK
        if persona == "anon":
            return self.anon
        if persona in self.foreign:
            return "404"
        return self.refused


def _access(name, *allowed, foreign=(), refused="403", anon=LOGIN):
    """``asesor_jadwal`` is treated as ``asesor_lain`` unless named: only batch pages admit her."""
    allowed, foreign = set(allowed), set(foreign)
    if "asesor_lain" in allowed:
        allowed.add("asesor_jadwal")
    if "asesor_lain" in foreign:
        foreign.add("asesor_jadwal")
    return Access(name, frozenset(allowed), frozenset(foreign), refused, anon)


PUBLIC = _access("PUBLIC", *PERSONAS)
SIGNED_IN = _access("SIGNED_IN", *PERSONAS[1:])
ADMIN = _access("ADMIN", "admin")
ASESI = _access("ASESI", "asesi", "asesi_lain")
ASESI_OWN = _access("ASESI_OWN", "asesi", foreign={"asesi_lain"})
ASESOR = _access("ASESOR", "asesor", "asesor_lain")
ASESOR_OWN = _access("ASESOR_OWN", "asesor", foreign={"asesor_lain"})
ASESOR_OWN_ADMIN = _access("ASESOR_OWN_ADMIN", "asesor", "admin", foreign={"asesor_lain"})
KOMITE = _access("KOMITE", "komite")
DIREKTUR = _access("DIREKTUR", "direktur")
KOMITE_ADMIN = _access("KOMITE_ADMIN", "komite", "admin")
SK_READERS = _access("SK_READERS", "komite", "direktur", "admin")
LAPORAN_READERS = _access("LAPORAN_READERS", "asesor", "komite", "direktur", "admin", foreign={"asesor_lain"})
VALIDATOR = _access("VALIDATOR", "validator")
VALIDATOR_ADMIN = _access("VALIDATOR_ADMIN", "validator", "admin")
JADWAL_ASESOR = _access("JADWAL_ASESOR", "asesor", "asesor_jadwal", foreign={"asesor_lain"})
JADWAL_ASESOR_ADMIN = _access("JADWAL_ASESOR_ADMIN", "asesor", "asesor_jadwal", "admin", foreign={"asesor_lain"})
PESERTA = _access("PESERTA", "asesi", "asesor", "admin", refused="404")
# a submitted record (FR.AK.02 diajukan): the pleno decides from it, so komite and direktur read it too
PESERTA_PLENO = _access("PESERTA_PLENO", "asesi", "asesor", "admin", "komite", "direktur", refused="404")
# rows a selector scopes to the user, whatever the role: anyone else is answered 404
OWNER = _access("OWNER", "asesi", refused="404")
HOLDER_ADMIN = _access("HOLDER_ADMIN", "asesi", "admin", refused="404")
SIGNS_OUT = _access("SIGNS_OUT", refused=LOGIN)  # logging out ends on the login page, whoever asks
# a role's own home: a role the user does not hold is not found
KOMITE_HOME = _access("KOMITE_HOME", "komite", refused="404")
VALIDATOR_HOME = _access("VALIDATOR_HOME", "validator", refused="404")
ADMIN_HOME = _access("ADMIN_HOME", "admin", refused="404")
ASESOR_HOME = _access("ASESOR_HOME", "asesor", "asesor_lain", refused="404")
ASESI_HOME = _access("ASESI_HOME", "asesi", "asesi_lain", refused="404")
DIREKTUR_HOME = _access("DIREKTUR_HOME", "direktur", refused="404")
# the JSON API: anonymous is answered 401 (token authentication comes first), a role without access 403
API_ASESI_ADMIN = _access("API_ASESI_ADMIN", "asesi", "asesi_lain", "admin", anon="401")
API_ASESI_OWN_ADMIN = _access("API_ASESI_OWN_ADMIN", "asesi", "admin", foreign={"asesi_lain"}, anon="401")
API_ASESOR_ADMIN = _access("API_ASESOR_ADMIN", "asesor", "asesor_lain", "admin", anon="401")
API_ASESOR_OWN_ADMIN = _access("API_ASESOR_OWN_ADMIN", "asesor", "admin", foreign={"asesor_lain"}, anon="401")
API_JADWAL = _access("API_JADWAL", "asesi", "asesi_lain", "asesor", "asesor_lain", "admin", anon="401")
API_PESERTA = _access("API_PESERTA", "asesi", "asesor", "asesor_jadwal", "admin", foreign={"asesi_lain", "asesor_lain"},
                      anon="401")
CLASSES = [v for v in list(globals().values()) if isinstance(v, Access)]


@dataclass(frozen=True)
class R:
    """One row: the access class, the world objects filling the route's arguments in order, POST-only."""

    access: Access
    objects: tuple = ()
    post: bool = False

    def __init__(self, access, *objects, post=False):
        object.__setattr__(self, "access", access)
        object.__setattr__(self, "objects", objects)
        object.__setattr__(self, "post", post)  # True, or the fields an allowed POST needs to be understood

    @property
    def data(self):
        return self.post if isinstance(self.post, dict) else {}


# fmt: off
MATRIX = {
    # --- accounts (no namespace) --------------------------------------------------------------------
    ":home": R(PUBLIC),
    ":login": R(PUBLIC),
    ":logout": R(SIGNS_OUT, post=True),
    ":password_change": R(SIGNED_IN),
    ":password_change_done": R(SIGNED_IN),
    ":password_reset": R(PUBLIC),
    ":password_reset_done": R(PUBLIC),
    ":password_reset_confirm": R(PUBLIC, "uid", "token"),
    ":password_reset_complete": R(PUBLIC),
    ":set_language": R(PUBLIC),  # Django's: a GET is sent back where it came from
    # --- lsp: master data, users, audit, navigation ----------------------------------------------------
    "lsp:skema-list": R(ADMIN),
    "lsp:skema-create": R(ADMIN),
    "lsp:skema-create-from-file": R(ADMIN),
    "lsp:skema-detail": R(ADMIN, "skema"),
    "lsp:skema-update": R(ADMIN, "skema"),
    "lsp:skema-status": R(ADMIN, "skema", post=True),
    "lsp:skema-import": R(ADMIN, "skema"),
    "lsp:skema-import-template": R(ADMIN, "xlsx"),
    "lsp:unit-create": R(ADMIN, "skema"),
    "lsp:unit-update": R(ADMIN, "unit"),
    "lsp:unit-delete": R(ADMIN, "unit"),
    "lsp:unit-move": R(ADMIN, "unit", post=True),
    "lsp:elemen-create": R(ADMIN, "unit"),
    "lsp:elemen-update": R(ADMIN, "elemen"),
    "lsp:elemen-delete": R(ADMIN, "elemen"),
    "lsp:elemen-move": R(ADMIN, "elemen", post=True),
    "lsp:kuk-create": R(ADMIN, "elemen"),
    "lsp:kuk-update": R(ADMIN, "kuk"),
    "lsp:kuk-delete": R(ADMIN, "kuk"),
    "lsp:kuk-move": R(ADMIN, "kuk", post=True),
    "lsp:persyaratan-create": R(ADMIN, "skema"),
    "lsp:persyaratan-update": R(ADMIN, "persyaratan"),
    "lsp:persyaratan-delete": R(ADMIN, "persyaratan"),
    "lsp:persyaratan-move": R(ADMIN, "persyaratan", post=True),
    "lsp:user-list": R(ADMIN),
    "lsp:user-roles": R(ADMIN, "user"),
    "lsp:tuk-list": R(ADMIN),
    "lsp:tuk-create": R(ADMIN),
    "lsp:tuk-update": R(ADMIN, "tuk"),
    "lsp:tuk-status": R(ADMIN, "tuk", post=True),
    "lsp:libur-list": R(ADMIN),
    "lsp:libur-create": R(ADMIN),
    "lsp:libur-import": R(ADMIN),
    "lsp:libur-xlsx": R(ADMIN),
    "lsp:libur-update": R(ADMIN, "libur"),
    "lsp:libur-delete": R(ADMIN, "libur"),
    "lsp:profil": R(ADMIN),
    "lsp:profil-logo": R(PUBLIC),
    "lsp:audit-list": R(ADMIN),
    "lsp:audit-export-csv": R(ADMIN),
    "lsp:role-home": [R(ADMIN_HOME, "role:admin_lsp"), R(KOMITE_HOME, "role:komite"),
                      R(VALIDATOR_HOME, "role:validator"), R(ASESOR_HOME, "role:asesor"),
                      R(ASESI_HOME, "role:asesi"), R(DIREKTUR_HOME, "role:direktur")],
    "lsp:search": R(SIGNED_IN),
    "lsp:pemberitahuan-list": R(SIGNED_IN),
    "lsp:pemberitahuan-read-all": R(SIGNED_IN, post=True),
    "lsp:pemberitahuan-read": R(OWNER, "pemberitahuan", post=True),
    "lsp:ekspor-detail": R(ADMIN, "ekspor"),
    "lsp:ekspor-download": R(ADMIN, "ekspor"),
    "lsp:ekspor-retry": R(ADMIN, "ekspor", post=True),
    "lsp:daftar-ekspor": R(ADMIN, "jenis:asesi", post=True),  # a list's export (CSV streamed at once)
    ":api_token": R(SIGNED_IN),
    # --- asesi: registration, applications, verification, asesi admin -----------------------------
    "asesi:daftar": R(PUBLIC),
    "asesi:email-resend": R(ASESI, post=True),
    "asesi:email-confirm": R(PUBLIC, "email-token"),
    "asesi:aktivasi": R(PUBLIC, "uid", "token"),
    "asesi:profil": R(ASESI),
    "asesi:permohonan-list": R(ASESI),
    "asesi:permohonan-create": R(ASESI),
    "asesi:permohonan-detail": R(ASESI_OWN, "permohonan"),
    "asesi:permohonan-update": R(ASESI_OWN, "permohonan-draft"),
    "asesi:permohonan-submit": R(ASESI_OWN, "permohonan-draft", post=True),
    "asesi:permohonan-delete": R(ASESI_OWN, "permohonan-draft", post=True),
    "asesi:dokumen-upload": R(ASESI_OWN, "permohonan-draft", post=True),
    "asesi:asesmen-mandiri": R(ASESI_OWN, "permohonan-draft"),
    "asesi:dokumen-download": R(HOLDER_ADMIN, "dokumen"),
    "asesi:dokumen-delete": R(ASESI_OWN, "dokumen-draft", post=True),
    "asesi:verifikasi-list": R(ADMIN),
    "asesi:verifikasi-detail": R(ADMIN, "permohonan-diajukan"),
    "asesi:asesi-list": R(ADMIN),
    "asesi:asesi-create": R(ADMIN),
    "asesi:asesi-import": R(ADMIN),
    "asesi:asesi-import-template": R(ADMIN),
    "asesi:asesi-detail": R(ADMIN, "asesi-profil"),
    "asesi:asesi-update": R(ADMIN, "asesi-profil"),
    "asesi:asesi-activation-resend": R(ADMIN, "asesi-profil", post=True),
    # --- asesor: registry, own page, RCC, external assessments, diklat ---------------------------------
    "asesor:asesor-list": R(ADMIN),
    "asesor:asesor-export-csv": R(ADMIN),
    "asesor:asesor-export-xlsx": R(ADMIN),
    "asesor:asesor-create": R(ADMIN),
    "asesor:asesor-saya": R(ASESOR),
    "asesor:rekognisi-ajukan": R(ASESOR),
    "asesor:riwayat-saya-create": R(ASESOR),
    "asesor:antrean": R(ADMIN),
    "asesor:pengajuan-detail": R(ADMIN, "rekognisi"),
    "asesor:pengajuan-withdraw": R(ASESOR_OWN, "rekognisi", post=True),
    "asesor:asesor-detail": R(ADMIN, "asesor"),
    "asesor:asesor-update": R(ADMIN, "asesor"),
    "asesor:sertifikat-create": R(ADMIN, "asesor"),
    "asesor:kelayakan": R(ADMIN, "asesor"),
    "asesor:rekognisi-create": R(ADMIN, "asesor"),
    "asesor:kompetensi-create": R(ADMIN, "asesor"),
    "asesor:kompetensi-update": R(ADMIN, "kompetensi"),
    "asesor:riwayat-create": R(ADMIN, "asesor"),
    "asesor:riwayat-list": R(ADMIN),
    "asesor:riwayat-verify": R(ADMIN, "riwayat"),
    "asesor:konflik-create": R(ADMIN, "asesor"),
    "asesor:dokumen-download": R(ASESOR_OWN_ADMIN, "kind:kompetensi", "kompetensi"),
    "asesor:diklat-list": R(ADMIN),
    "asesor:diklat-create": R(ADMIN),
    "asesor:diklat-detail": R(ADMIN, "diklat"),
    "asesor:diklat-update": R(ADMIN, "diklat"),
    "asesor:peserta-create": R(ADMIN, "diklat"),
    "asesor:peserta-hasil": R(ADMIN, "peserta-diklat"),
    "asesor:peserta-kompeten": R(ADMIN, "peserta-diklat"),
    # --- asesmen: planning (admin), the asesor's batches, execution, the asesi's side --------------------
    "asesmen:jadwal-list": R(ADMIN),
    "asesmen:jadwal-create": R(ADMIN),
    "asesmen:kalender": R(ADMIN),
    "asesmen:jadwal-detail": R(ADMIN, "jadwal"),
    "asesmen:jadwal-update": R(ADMIN, "jadwal"),
    "asesmen:jadwal-transition": R(ADMIN, "jadwal", post=True),
    "asesmen:peserta-pilih": R(ADMIN, "jadwal"),
    "asesmen:penugasan-add": R(ADMIN, "jadwal", post=True),
    "asesmen:verifikasi-tuk": R(JADWAL_ASESOR_ADMIN, "jadwal"),
    "asesmen:mapa": R(ADMIN, "jadwal"),
    "asesmen:penugasan-remove": R(ADMIN, "penugasan", post=True),
    "asesmen:surat-tugas": R(ASESOR_OWN_ADMIN, "penugasan"),
    "asesmen:peserta-asesor": R(ADMIN, "peserta", post=True),
    "asesmen:peserta-remove": R(ADMIN, "peserta"),
    "asesmen:peserta-move": R(ADMIN, "peserta"),
    "asesmen:asesor-jadwal-list": R(ASESOR),
    "asesmen:asesor-jadwal-detail": R(JADWAL_ASESOR, "jadwal"),
    "asesmen:pernyataan": R(ASESOR_OWN, "penugasan", post=True),
    "asesmen:asesor-peserta": R(ASESOR_OWN, "peserta"),
    "asesmen:asesor-dokumen": R(ASESOR_OWN, "dokumen"),
    "asesmen:ruang-kerja": R(ASESOR_OWN, "peserta"),
    "asesmen:kuk-save": R(ASESOR_OWN, "peserta", "kuk", post=True),
    "asesmen:jawaban-save": R(ASESOR_OWN, "peserta", "butir", post=True),
    "asesmen:asesor-ttd": R(ASESOR_OWN, "peserta", post=True),
    "asesmen:tinjauan": R(ASESOR_OWN, "penugasan"),
    "asesmen:rekaman-list": R(ADMIN),
    "asesmen:rekaman-riwayat": R(ASESOR_OWN_ADMIN, "peserta"),
    "asesmen:rekaman-koreksi": R(ADMIN, "peserta"),
    "asesmen:formulir-pdf": R(PESERTA_PLENO, "peserta"),  # asesi5's record is submitted
    "asesmen:berita-acara": R(JADWAL_ASESOR_ADMIN, "jadwal", "tanggal"),
    "asesmen:bukti-kerja": R(PESERTA, "bukti-kerja"),
    "asesmen:bank": R(ADMIN),
    "asesmen:bank-unit": R(ADMIN, "unit"),
    "asesmen:bank-import": R(ADMIN, "unit", post=True),
    "asesmen:bank-butir-toggle": R(ADMIN, "butir", post=True),
    "asesmen:asesi-asesmen": R(ASESI_OWN, "peserta"),
    "asesmen:asesi-ujian": R(ASESI_OWN, "peserta"),
    "asesmen:asesi-ujian-jawab": R(ASESI_OWN, "peserta", "butir-ujian", post=True),
    "asesmen:asesi-jadwal": R(ASESI),
    "asesmen:asesi-ics": R(ASESI_OWN, "peserta"),
    "asesmen:asesi-konfirmasi": R(ASESI_OWN, "peserta", post={"aksi": "ak01"}),
    # --- asesmen: FR.AK.05, pleno and SK (komite, direktur), FR.VA validation, FR.AK.04 appeals ---------------
    "asesmen:laporan": R(ASESOR_OWN, "penugasan-laporan"),
    "asesmen:laporan-cetak": R(LAPORAN_READERS, "penugasan-laporan"),
    "asesmen:laporan-pdf": R(LAPORAN_READERS, "penugasan-laporan"),
    "asesmen:pleno": R(KOMITE),
    "asesmen:pleno-jadwal": R(KOMITE, "jadwal-pleno"),
    "asesmen:keputusan": R(KOMITE, "peserta-pleno"),
    "asesmen:sk-list": R(SK_READERS),
    "asesmen:sk-detail": R(SK_READERS, "sk"),
    "asesmen:sk-ubah": R(KOMITE, "sk-diajukan"),
    "asesmen:sk-ajukan": R(KOMITE, "sk-diajukan", post=True),
    "asesmen:sk-setujui": R(DIREKTUR, "sk-diajukan", post=True),
    "asesmen:sk-tolak": R(DIREKTUR, "sk-diajukan"),
    "asesmen:sk-pdf": R(SK_READERS, "sk"),
    "asesmen:validasi-list": R(VALIDATOR),
    "asesmen:validasi-create": R(VALIDATOR),
    "asesmen:validasi-detail": R(VALIDATOR_ADMIN, "sampel"),
    "asesmen:validasi-sahkan": R(VALIDATOR, "sampel"),
    "asesmen:validasi-pdf": R(VALIDATOR_ADMIN, "sampel"),
    "asesmen:validasi-rekaman": R(VALIDATOR_ADMIN, "sampel-item"),
    "asesmen:validasi-formulir": R(VALIDATOR_ADMIN, "sampel-item"),
    "asesmen:validasi-temuan": R(VALIDATOR, "sampel-item"),
    "asesmen:validasi-kesimpulan": R(VALIDATOR, "sampel-item"),
    "asesmen:validasi-tindak-lanjut": R(VALIDATOR, "temuan"),
    "asesmen:validasi-tutup": R(VALIDATOR, "tindak-lanjut"),
    "asesmen:validasi-admin-list": R(ADMIN),
    "asesmen:tindak-lanjut-saya": R(ASESOR),
    "asesmen:tindak-lanjut-selesai": R(ASESOR_OWN, "tindak-lanjut-asesor"),  # its owner; another asesor 404
    "asesmen:banding-saya": R(ASESI),
    "asesmen:banding-saya-detail": R(ASESI_OWN, "banding"),
    "asesmen:banding-ajukan": R(ASESI_OWN, "permohonan-bk"),
    "asesmen:banding-list": R(KOMITE_ADMIN),
    "asesmen:banding-detail": R(KOMITE_ADMIN, "banding"),  # admin LSP reads; a POST by her is a 404
    # --- sertifikat: issue, list, the holder's, surveillance; public verification and API ---------------
    "sertifikat:sertifikat-list": R(ADMIN),
    "sertifikat:penerbitan": R(ADMIN),
    "sertifikat:impor": R(ADMIN),
    "sertifikat:sertifikat-saya": R(ASESI),
    "sertifikat:massal-detail": R(ADMIN, "massal"),
    "sertifikat:surveilans-list": R(ADMIN),
    "sertifikat:surveilans-upload": R(OWNER, "surveilans", post=True),
    "sertifikat:surveilans-periksa": R(ADMIN, "surveilans"),
    "sertifikat:surveilans-logbook": R(HOLDER_ADMIN, "surveilans"),
    "sertifikat:massal-zip": R(ADMIN, "massal"),
    "sertifikat:sertifikat-detail": R(ADMIN, "sertifikat"),
    "sertifikat:sertifikat-status": R(ADMIN, "sertifikat", post=True),
    "sertifikat:sertifikat-pdf": R(HOLDER_ADMIN, "sertifikat"),
    "sertifikat:sertifikat-pdf-retry": R(ADMIN, "sertifikat", post=True),
    "sertifikat:sertifikasi-ulang": R(OWNER, "sertifikat", post=True),
    "sertifikat:sk-terbit": R(ADMIN, "sk"),
    "sertifikat:laporan-bnsp": R(ADMIN),
    # --- complaints: public filing and tracking by code, the admin's handling ----------------------------
    "pengaduan:ajukan": R(PUBLIC),
    "pengaduan:terkirim": R(PUBLIC),  # without a complaint just filed: back to the form
    "pengaduan:lacak": R(PUBLIC),
    "pengaduan:lacak-detail": R(PUBLIC, "pengaduan-kode"),
    "pengaduan:admin-list": R(ADMIN),
    "pengaduan:admin-detail": R(ADMIN, "pengaduan"),
    "verifikasi:cari": R(PUBLIC),
    "verifikasi:detail": R(PUBLIC, "sertifikat-token"),
    "api:verifikasi": R(PUBLIC, "sertifikat-nomor"),
    # --- the JSON API (token or session); the skema, the schema and its docs are public ------------------
    "api:skema-list": R(PUBLIC),
    "api:skema-detail": R(PUBLIC, "skema"),
    "api:schema": R(PUBLIC),
    "api:docs": R(PUBLIC),
    "api:asesi-list": R(API_ASESI_ADMIN),
    "api:asesi-detail": R(API_ASESI_OWN_ADMIN, "asesi-profil"),
    "api:permohonan-list": R(API_ASESI_ADMIN),
    "api:permohonan-detail": R(API_ASESI_OWN_ADMIN, "permohonan"),
    "api:permohonan-ajukan": R(API_ASESI_OWN_ADMIN, "permohonan", post=True),
    "api:asesor-list": R(API_ASESOR_ADMIN),
    "api:asesor-detail": R(API_ASESOR_OWN_ADMIN, "asesor"),
    "api:jadwal-list": R(API_JADWAL),
    "api:jadwal-detail": R(API_PESERTA, "jadwal"),
    "api:rekaman-list": R(API_ASESOR_ADMIN),
    "api:rekaman-detail": R(API_ASESOR_OWN_ADMIN, "rekaman"),
    "api:sertifikat-list": R(API_ASESI_ADMIN),
    "api:sertifikat-detail": R(API_ASESI_OWN_ADMIN, "sertifikat"),
}
# fmt: on

FIXED_USERS = {"asesi_lain": "asesi2", "asesor_jadwal": "asesor3", "asesor_lain": "asesor2", "komite": "komite",
               "direktur": "direktur", "validator": "validator", "admin": "admin"}
DEFAULT_OWNERS = ("asesi5", "asesor1")  # the demo's assessed asesi and her asesor


@dataclass
class Obj:
    value: object
    asesi: str | None = None  # the username of the asesi owning it
    asesor: str | None = None  # the username of the asesor assigned to / owning it


def world_objects():
    """The objects rows name, keyed as in ``MATRIX``: the demo's records plus the few made by ``_build``.
    Owners are never ``asesi2`` / ``asesor2`` (they are the foreign personas)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from asesi.models import AsesiProfile, Dokumen, Permohonan
    from asesi.services.registration import email_confirmation_token
    from asesmen.models import (
        Banding,
        BuktiKerja,
        ButirInstrumen,
        Jadwal,
        KeputusanSK,
        LaporanAsesmen,
        PenugasanAsesor,
        PesertaJadwal,
        RekamanAsesmen,
        SampelValidasi,
        TindakLanjutValidasi,
    )
    from asesor.models import AsesorProfile, Diklat, KompetensiTeknis, PengajuanRekognisi, PesertaDiklat, RiwayatAsesmen
    from lsp.models import KUK, TUK, Ekspor, HariLibur, Pemberitahuan, PersyaratanDasar, Skema, User
    from sertifikat.models import PenerbitanMassal, Sertifikat, Surveilans
    from sertifikat.pengaduan.models import Pengaduan

    owner, asesor = DEFAULT_OWNERS
    peserta = PesertaJadwal.objects.get(permohonan__asesi__user__username=owner, aktif=True)
    draft = Permohonan.objects.get(asesi__user__username="asesi1", status="draft")
    sertifikat = Sertifikat.objects.filter(permohonan__asesi__user__username=owner).order_by("pk").first()
    kuk = KUK.objects.filter(elemen__unit__skema=peserta.jadwal.skema).order_by("pk").first()
    mine = {"asesi": owner, "asesor": asesor}
    reset_user = User.objects.get(username="asesi3")
    laporan = LaporanAsesmen.objects.select_related("penugasan__asesor__user").get(status="ditandatangani")
    sk_diajukan = KeputusanSK.objects.get(status="diajukan")
    peserta_pleno = PesertaJadwal.objects.filter(jadwal=sk_diajukan.jadwal, aktif=True, rekaman__status="diajukan")
    sampel = SampelValidasi.objects.get(validator__username="validator")
    tindak_lanjut = TindakLanjutValidasi.objects.get(temuan__item__sampel=sampel, penanggung_jawab__username="admin")
    tindak_lanjut_asesor = TindakLanjutValidasi.objects.get(temuan__item__sampel=sampel,
                                                            penanggung_jawab__username=asesor)
    banding = Banding.objects.get(permohonan__asesi__user__username="asesi1", status="diajukan")
    pengaduan = Pengaduan.objects.order_by("pk").first()
    return {
        "uid": Obj(urlsafe_base64_encode(force_bytes(reset_user.pk))),
        "token": Obj(default_token_generator.make_token(reset_user)),
        "email-token": Obj(email_confirmation_token(AsesiProfile.objects.get(user__username="asesi1"))),
        "xlsx": Obj("xlsx"),
        "skema": Obj(Skema.objects.get(kode="SKM-TIK-JWD-2024").pk),
        "unit": Obj(kuk.elemen.unit_id),
        "elemen": Obj(kuk.elemen_id),
        "kuk": Obj(kuk.pk, **mine),
        "persyaratan": Obj(PersyaratanDasar.objects.order_by("pk").first().pk),
        "tuk": Obj(TUK.objects.order_by("pk").first().pk),
        "libur": Obj(HariLibur.objects.order_by("pk").first().pk),
        "user": Obj(User.objects.get(username="asesor3").pk),
        "pemberitahuan": Obj(Pemberitahuan.objects.filter(penerima__username=owner).order_by("pk").first().pk, owner),
        "ekspor": Obj(Ekspor.objects.get(created_by__username="admin").pk),
        "permohonan": Obj(peserta.permohonan_id, **mine),
        "permohonan-draft": Obj(draft.pk, "asesi1"),
        "permohonan-diajukan": Obj(Permohonan.objects.filter(status="diajukan").order_by("pk").first().pk),
        "dokumen": Obj(Dokumen.objects.filter(permohonan=peserta.permohonan).order_by("pk").first().pk, **mine),
        "dokumen-draft": Obj(Dokumen.objects.filter(permohonan=draft).order_by("pk").first().pk, "asesi1"),
        "asesi-profil": Obj(AsesiProfile.objects.get(user__username=owner).pk),
        "asesor": Obj(AsesorProfile.objects.get(user__username=asesor).pk),
        "rekognisi": Obj(PengajuanRekognisi.objects.get(asesor__user__username=asesor).pk, asesor=asesor),
        "kompetensi": Obj(KompetensiTeknis.objects.get(asesor__user__username=asesor).pk, asesor=asesor),
        "riwayat": Obj(RiwayatAsesmen.objects.filter(asesor__user__username=asesor).order_by("pk").first().pk),
        "diklat": Obj(Diklat.objects.order_by("pk").first().pk),
        "peserta-diklat": Obj(PesertaDiklat.objects.order_by("pk").first().pk),
        "jadwal": Obj(peserta.jadwal_id, **mine),
        "tanggal": Obj(timezone.localdate(Jadwal.objects.get(pk=peserta.jadwal_id).mulai).isoformat(), **mine),
        "penugasan": Obj(PenugasanAsesor.objects.get(jadwal=peserta.jadwal, asesor__user__username=asesor).pk, **mine),
        "peserta": Obj(peserta.pk, **mine),
        "butir": Obj(ButirInstrumen.objects.filter(unit__skema=peserta.jadwal.skema).order_by("pk").first().pk, **mine),
        "butir-ujian": Obj(ButirInstrumen.objects.filter(unit__skema=peserta.jadwal.skema, instrumen="IA.05")
                           .order_by("pk").first().pk, **mine),
        "bukti-kerja": Obj(BuktiKerja.objects.get(rekaman__peserta=peserta).pk, **mine),
        "massal": Obj(PenerbitanMassal.objects.order_by("pk").first().pk),
        "surveilans": Obj(Surveilans.objects.get(sertifikat=sertifikat).pk, owner),
        "sertifikat": Obj(sertifikat.pk, owner),
        "sertifikat-token": Obj(sertifikat.token),
        "sertifikat-nomor": Obj(sertifikat.nomor),
        **{f"role:{r}": Obj(r) for r in ("admin_lsp", "komite", "validator", "asesor", "asesi",
                                                               "direktur")},
        "kind:kompetensi": Obj("kompetensi"),
        "jenis:asesi": Obj("asesi"),
        "rekaman": Obj(RekamanAsesmen.objects.get(peserta=peserta).pk, **mine),
        "penugasan-laporan": Obj(laporan.penugasan_id, asesor=laporan.penugasan.asesor.user.username),
        "jadwal-pleno": Obj(sk_diajukan.jadwal_id),
        "peserta-pleno": Obj(peserta_pleno.order_by("pk").first().pk),
        "sk": Obj(KeputusanSK.objects.filter(status="disetujui").order_by("pk").first().pk),
        "sk-diajukan": Obj(sk_diajukan.pk),
        "sampel": Obj(sampel.pk),
        "sampel-item": Obj(tindak_lanjut.temuan.item_id),
        "temuan": Obj(tindak_lanjut.temuan_id),
        "tindak-lanjut": Obj(tindak_lanjut.pk),
        "tindak-lanjut-asesor": Obj(tindak_lanjut_asesor.pk, asesor=asesor),
        "banding": Obj(banding.pk, "asesi1"),
        "permohonan-bk": Obj(banding.permohonan_id, "asesi1"),
        "pengaduan": Obj(pengaduan.pk),
        "pengaduan-kode": Obj(pengaduan.kode),
    }


def _build():
    """Records the demo does not have, so that every route has a real object to open."""
    from asesmen.models import ButirInstrumen, PenugasanAsesor, PesertaJadwal, RekamanAsesmen
    from asesor.models import AsesorProfile, KompetensiTeknis
    from lsp.models import Ekspor, LspProfile, User
    from sertifikat import services as sertifikat_services
    from sertifikat.models import PenerbitanMassal, Sertifikat, Surveilans
    from tests.asesi.factories import pdf

    owner, asesor = DEFAULT_OWNERS
    admin = User.objects.get(username="admin")
    peserta = PesertaJadwal.objects.get(permohonan__asesi__user__username=owner, aktif=True)
    PenugasanAsesor.objects.create(jadwal=peserta.jadwal, asesor=AsesorProfile.objects.get(user__username="asesor3"))
    rekaman = RekamanAsesmen.objects.get(peserta=peserta)
    butir = ButirInstrumen.objects.filter(unit__skema=peserta.jadwal.skema).order_by("pk").first()
    rekaman.bukti_kerja.model.objects.create(
        rekaman=rekaman, butir=butir, berkas=ContentFile(b"%PDF-1.4\n%%EOF\n", "hasil.pdf"),
        nama_asli="hasil.pdf", mime="application/pdf", diunggah_oleh=User.objects.get(username=owner),
    )
    kompetensi = KompetensiTeknis.objects.get(asesor__user__username=asesor)
    kompetensi.dokumen.save("kompetensi.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    sertifikat = Sertifikat.objects.filter(permohonan__asesi__user__username=owner).order_by("pk").first()
    row = Surveilans.objects.create(sertifikat=sertifikat, jatuh_tempo=date(2027, 1, 31))
    sertifikat_services.surveilans_upload(surveilans=row, berkas=pdf("logbook.pdf"), by=sertifikat.asesi.user)
    massal = PenerbitanMassal.objects.create(dibuat_oleh=admin, jumlah=1, zip_dibuat_pada=timezone.now())
    massal.zip.save("sertifikat.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    logo = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(logo, "PNG")
    LspProfile.objects.get(pk=1).logo.save("logo.png", ContentFile(logo.getvalue()))
    Ekspor.objects.create(created_by=admin, jenis="asesor.xlsx", status="selesai", nama_berkas="asesor.xlsx",
                          berkas=ContentFile(b"PK\x03\x04", "asesor.xlsx"))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo + ``_build`` once for the module, in a transaction rolled back at its end; one signed-in
    client per user."""
    from lsp.celery import app
    from lsp.models import User

    media = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        AXES_ENABLED=False,
    )
    media.enable()
    eager, app.conf.task_always_eager = app.conf.task_always_eager, True
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with open(os.devnull, "w") as devnull:
                call_command("seed_demo", stdout=devnull)
            _build()
            objects = world_objects()
            clients = {None: Client()}
            for user in User.objects.filter(username__in=["admin", "komite", "direktur", "validator", "asesi1",
                                                           "asesi2", "asesi5", "asesor1", "asesor2", "asesor3"]):
                clients[user.username] = Client()
                clients[user.username].force_login(user)
            yield objects, clients
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
    app.conf.task_always_eager = eager
    media.disable()


@pytest.fixture(autouse=True)
def _eager_celery_and_private_media():
    """Replaces the suite's per-test media folder: the rows' files live in the module's world."""
    yield


# --- the routes ------------------------------------------------------------------------------------------

ARG = re.compile(r"<(?:(\w+):)?(\w+)>")


def routes():
    """``{"namespace:name": route}`` of every URL pattern (Django admin aside)."""
    return {f"{ns or ''}:{pattern.name}": route for ns, route, pattern in walk_named()}


def _rows():
    out = []
    for name, route in routes().items():
        rows = MATRIX.get(name)
        for i, row in enumerate(rows if isinstance(rows, list) else [rows]):
            out.append(pytest.param(name, route, row, id=f"{name}#{i}" if isinstance(rows, list) else name))
    return out


def _closure_values(callback):
    """Everything the decorators around a function view closed over (``@role_required`` roles,
    ``@require_POST`` methods), down its ``__wrapped__`` chain."""
    func = callback
    while func is not None:
        for cell in getattr(func, "__closure__", None) or ():
            try:
                yield cell.cell_contents
            except ValueError:  # an empty cell
                continue
        func = getattr(func, "__wrapped__", None)


def _guess(name, route, pattern):
    """A ready-to-paste line for an unclassified URL: its class guessed from the view's roles, its objects
    from the URL segment before each argument (or the argument's own name), POST-only from the view."""
    from django.contrib.auth.mixins import AccessMixin

    from lsp.roles import Role

    callback = pattern.callback
    view_class = getattr(callback, "view_class", None)
    closed = list(_closure_values(callback))
    roles = set(getattr(view_class, "roles", ()) or ())
    for value in closed:
        if isinstance(value, tuple) and value and all(isinstance(r, Role) for r in value):
            roles |= set(value)
    has_object = bool(ARG.search(route))
    by_roles = {
        frozenset({Role.ADMIN_LSP}): "ADMIN",
        frozenset({Role.KOMITE}): "KOMITE",
        frozenset({Role.VALIDATOR}): "VALIDATOR",
        frozenset({Role.VALIDATOR, Role.ADMIN_LSP}): "VALIDATOR_ADMIN",
        frozenset({Role.ASESI}): "ASESI_OWN" if has_object else "ASESI",
        frozenset({Role.ASESI, Role.ADMIN_LSP}): "HOLDER_ADMIN",
        frozenset({Role.ASESOR}): "ASESOR_OWN" if has_object else "ASESOR",
        frozenset({Role.ASESOR, Role.ADMIN_LSP}): "ASESOR_OWN_ADMIN",
    }
    if roles:
        access = by_roles.get(frozenset(roles), f"a class for {sorted(r.value for r in roles)} (add one)")
    elif view_class is not None and issubclass(view_class, AccessMixin):
        access = "SIGNED_IN"
    else:
        access = "SIGNED_IN or PUBLIC"
    objects = []
    for match in ARG.finditer(route):
        segment = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        int_after_word = match.group(1) == "int" and not segment.startswith("<")
        objects.append(f'"{segment if int_after_word else match.group(2)}"')
    post_only = (
        getattr(view_class, "http_method_names", None) == ["post"]
        or (hasattr(view_class, "post") and not hasattr(view_class, "get"))
        or any(isinstance(value, list) and value == ["POST"] for value in closed)  # @require_POST
    )
    args = "".join(f", {o}" for o in objects)
    return f'    "{name}": R({access}{args}{", post=True" if post_only else ""}),  # /{route}'


def unclassified(matrix=None):
    """The ready-to-paste lines of the URL names ``matrix`` has no line for, and its stale names."""
    matrix = MATRIX if matrix is None else matrix
    found = {f"{ns or ''}:{p.name}": (route, p) for ns, route, p in walk_named()}
    missing = [_guess(name, route, p) for name, (route, p) in found.items() if name not in matrix]
    return missing, sorted(set(matrix) - set(found))


def test_every_url_is_classified():
    """A new view fails here until ``MATRIX`` has its line (the message gives it, with a guessed class)."""
    assert len(routes()) > 150  # every app's routes, the public verification and the API are in the walk
    missing, stale = unclassified()
    assert not missing, (
        "URL names with no line in MATRIX (tests/test_access_matrix.py). Check each guess against the view, "
        "name the objects filling its arguments (keys of world_objects(); add one there if needed), mark "
        "POST-only actions with post=True, and paste:\n" + "\n".join(missing)
    )
    assert not stale, f"MATRIX has lines for URL names that no longer exist: {stale}"
    rows = [r for v in MATRIX.values() for r in (v if isinstance(v, list) else [v])]
    for row in rows:
        assert row.access in CLASSES


def test_a_new_url_gets_a_ready_line_with_a_guessed_class():
    matrix = dict(MATRIX)
    for name in ("asesi:permohonan-detail", "lsp:tuk-update", "asesmen:asesor-peserta", "asesor:asesor-saya",
                 "asesmen:jadwal-transition"):
        del matrix[name]
    missing, stale = unclassified(matrix)
    assert stale == []
    assert missing == [
        '    "lsp:tuk-update": R(ADMIN, "tuk"),  # /lsp/tuk/<int:pk>/ubah/',
        '    "asesi:permohonan-detail": R(ASESI_OWN, "permohonan"),  # /asesi/permohonan/<int:pk>/',
        '    "asesor:asesor-saya": R(ASESOR),  # /asesor/saya/',
        '    "asesmen:jadwal-transition": R(ADMIN, "jadwal", post=True),  # /asesmen/jadwal/<int:pk>/status/',
        '    "asesmen:asesor-peserta": R(ASESOR_OWN, "asesi"),  # /asesmen/saya/asesi/<int:pk>/',  # the segment
    ]


def _outcome(response):
    code = response.status_code
    if 300 <= code < 400:
        return LOGIN if response["Location"].startswith(reverse(settings.LOGIN_URL)) else OK
    return OK if 200 <= code < 300 else str(code)


def _path(route, row, objects):
    values = [objects[key] for key in row.objects]
    args = list(ARG.finditer(route))
    assert len(values) == len(args), f"{route}: {len(args)} arguments, the row names {len(values)} objects"
    out, pos = "", 0
    for match, obj in zip(args, values, strict=True):
        out += route[pos : match.start()] + str(obj.value)
        pos = match.end()
    owners = [o for o in values if o.asesi or o.asesor]
    return "/" + out + route[pos:], (owners[0] if owners else Obj(None))


def _request(client, method, path, data=None):
    """One request in a savepoint rolled back afterwards, the client's cookies put back (a logout or a
    password change must not sign the persona out for the next request)."""
    saved = {key: morsel.value for key, morsel in client.cookies.items()}
    try:
        with transaction.atomic():
            response = getattr(client, method)(path, data or {})
            transaction.set_rollback(True)
    finally:
        client.cookies = SimpleCookie()
        for key, value in saved.items():
            client.cookies[key] = value
    return response


def _user_of(persona, owner):
    if persona == "anon":
        return None
    if persona == "asesi":
        return owner.asesi or DEFAULT_OWNERS[0]
    if persona == "asesor":
        return owner.asesor or DEFAULT_OWNERS[1]
    return FIXED_USERS[persona]


def check_row(world, route, row):
    """What ``row``'s URL answers differently from its class, one line per persona and method."""
    objects, clients = world
    path, owner = _path(route, row, objects)
    wrong, refusals_posted = [], set()
    for persona in PERSONAS:
        client = clients[_user_of(persona, owner)]
        client.raise_request_exception = False
        expected = row.access.expected(persona)
        if row.post:
            got = _outcome(_request(client, "post", path, row.data))
            if got != expected and not (expected == OK and got == "400"):  # allowed, the empty form refused
                wrong.append(f"{persona}: POST {got}, expected {expected}")
            if expected == OK:  # a refused persona is refused whatever the method
                get = _request(client, "get", path)
                if _outcome(get) == OK or get.status_code >= 500:
                    wrong.append(f"{persona}: GET of a POST-only action answered {get.status_code}")
            continue
        got = _outcome(_request(client, "get", path))
        if got != expected:
            wrong.append(f"{persona}: GET {got}, expected {expected}")
        if expected != OK and expected not in refusals_posted:
            # refused: a POST is refused too (a view must not check the role in get() only); one persona per
            # kind of refusal is enough, they meet the same check
            refusals_posted.add(expected)
            got_post = _outcome(_request(client, "post", path))
            if got_post not in (expected, "405"):
                wrong.append(f"{persona}: POST {got_post}, expected {expected} (refused like the GET) or 405")
    return path, wrong


@pytest.mark.postgres
@pytest.mark.parametrize(("name", "route", "row"), _rows())
def test_access(world, name, route, row):
    if row is None:
        pytest.fail(f"{name} has no line in MATRIX: see test_every_url_is_classified for the line to add")
    path, wrong = check_row(world, route, row)
    assert not wrong, f"{row.access.name} {path}:\n  " + "\n  ".join(wrong)


@pytest.mark.postgres
def test_the_matrix_sees_a_missing_role_check_and_a_leaking_selector(world, monkeypatch):
    """The matrix is not blind: a list opened to asesi and a selector returning every asesi's applications
    are each reported."""
    from asesi import selectors
    from asesi.models import Permohonan
    from lsp.roles import Role
    from lsp.views.skema import SkemaListView

    found = routes()
    monkeypatch.setattr(SkemaListView, "roles", (Role.ADMIN_LSP, Role.ASESI))
    _path_, wrong = check_row(world, found["lsp:skema-list"], MATRIX["lsp:skema-list"])
    assert wrong == ["asesi: GET ok, expected 403", "asesi_lain: GET ok, expected 403"]

    monkeypatch.setattr(selectors, "permohonan_for_owner", lambda user: Permohonan.objects.all())
    _path_, wrong = check_row(world, found["asesi:permohonan-detail"], MATRIX["asesi:permohonan-detail"])
    assert "asesi_lain: GET ok, expected 404" in wrong
