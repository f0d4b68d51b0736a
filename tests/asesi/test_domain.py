"""Pure rules: no database."""

from datetime import UTC, date, datetime, timedelta

import pytest

from asesi import domain
from asesi.domain import HasilVerifikasi, Jawaban, Status

TODAY = date(2025, 6, 15)


# --- identity data ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nik, ok",
    [
        ("3201234567890001", True),
        ("0000000000000000", True),
        ("320123456789000", False),  # 15 digits
        ("32012345678900011", False),  # 17 digits
        ("32012345678900A1", False),  # a letter
        ("3201 2345 6789 0001", False),  # spaces are removed by nik_normalize, not accepted raw
        ("", False),
        (None, False),
        ("３２０１２３４５６７８９０００１", False),  # full-width digits are not ASCII digits
    ],
)
def test_nik_exactly_16_ascii_digits(nik, ok):
    assert (domain.nik_error(nik) is None) is ok


def test_nik_normalize_drops_spaces_only():
    assert domain.nik_normalize(" 3201 2345 6789 0001 ") == "3201234567890001"
    assert domain.nik_normalize("3201-2345") == "3201-2345"


@pytest.mark.parametrize("value, ok", [("40115", True), ("4011", False), ("401155", False), ("4011a", False)])
def test_kode_pos_5_digits(value, ok):
    assert (domain.kode_pos_error(value) is None) is ok


@pytest.mark.parametrize(
    "value, ok",
    [
        ("081234567890", True),
        ("+62 812-3456-7890", True),
        ("0812345", False),  # 7 digits
        ("12345678", True),  # 8 digits: the minimum
        ("1234567890123456", False),  # 16 digits
        ("0812abc", False),
        ("", False),
    ],
)
def test_telepon(value, ok):
    assert (domain.telepon_error(value) is None) is ok


def test_birth_date_boundaries():
    assert domain.tanggal_lahir_error(date(2025, 6, 16), today=TODAY) == "birth_date_future"
    assert domain.tanggal_lahir_error(TODAY, today=TODAY) == "birth_date_too_young"
    # exactly 15 on the day: accepted; one day short: refused
    assert domain.tanggal_lahir_error(date(2010, 6, 15), today=TODAY) is None
    assert domain.tanggal_lahir_error(date(2010, 6, 16), today=TODAY) == "birth_date_too_young"
    # 100 years old is the limit
    assert domain.tanggal_lahir_error(date(1925, 6, 15), today=TODAY) is None
    assert domain.tanggal_lahir_error(date(1924, 6, 14), today=TODAY) == "birth_date_too_old"


def test_usia_counts_birthday_on_leap_day():
    assert domain.usia(date(2008, 2, 29), today=date(2025, 2, 28)) == 16
    assert domain.usia(date(2008, 2, 29), today=date(2025, 3, 1)) == 17


def test_validators_raise_coded_indonesian_errors():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        domain.validate_nik("123")
    assert exc.value.code == "nik_format"
    assert "16 digit" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        domain.validate_tanggal_lahir(date(2030, 1, 1), today=TODAY)
    assert exc.value.code == "birth_date_future"
    assert "masa depan" in exc.value.messages[0]


# --- masking ------------------------------------------------------------------------------------------


def test_mask_nik_keeps_region_and_last_four():
    assert domain.mask_nik("3201234567890001") == "3201********0001"
    assert domain.mask_nik("") == ""
    assert domain.mask_nik("1234") == "****"


def test_mask_tanggal_and_alamat():
    assert domain.mask_tanggal(date(1990, 4, 1)) == "**-**-1990"
    assert domain.mask_tanggal(None) == ""
    assert domain.mask_alamat("Jl. Merdeka No. 10, Bandung") == "Jl. ***"
    assert domain.mask_alamat("") == ""


def test_profil_display_masks_unless_full():
    data = {"nik": "3201234567890001", "tanggal_lahir": date(1990, 4, 1), "alamat": "Jl. Mawar 1", "nama": "A"}
    masked = domain.profil_display(data, full=False)
    assert masked == {"nik": "3201********0001", "tanggal_lahir": "**-**-1990", "alamat": "Jl. ***", "nama": "A"}
    assert domain.profil_display(data, full=True) == data


# --- state machine ------------------------------------------------------------------------------------

S = Status
# The specification, written out independently of domain.TRANSITIONS: who may make each legal move, and
# whether it is a staff move that nobody may make on their own application (ISO/IEC 17024 §4.3
# impartiality). "pemilik" = the asesi who owns the application. Never derive cases from domain.TRANSITIONS:
# a test built from the table it checks cannot catch a flag dropped from that table.
OWN = "own application allowed"
NOT_OWN = "never on own application"
LEGAL = {
    (S.DRAFT, S.DIAJUKAN): ({"pemilik", "admin_lsp"}, OWN),
    (S.DIAJUKAN, S.DITERIMA): ({"admin_lsp"}, NOT_OWN),
    (S.DIAJUKAN, S.DIKEMBALIKAN): ({"admin_lsp"}, NOT_OWN),
    (S.DIAJUKAN, S.DITOLAK): ({"admin_lsp"}, NOT_OWN),
    (S.DIKEMBALIKAN, S.DIAJUKAN): ({"pemilik", "admin_lsp"}, OWN),
    (S.DITERIMA, S.DIJADWALKAN): ({"admin_lsp"}, NOT_OWN),
    (S.DIJADWALKAN, S.DITERIMA): ({"admin_lsp"}, NOT_OWN),
    (S.DIJADWALKAN, S.DIASES): ({"admin_lsp", "asesor"}, NOT_OWN),
    (S.DIASES, S.DIPUTUSKAN): ({"admin_lsp", "komite", "direktur"}, NOT_OWN),  # direktur: approving the SK
    (S.DIPUTUSKAN, S.BERSERTIFIKAT): ({"admin_lsp"}, NOT_OWN),
    (S.DIPUTUSKAN, S.DITERIMA): ({"admin_lsp", "komite"}, NOT_OWN),  # a granted appeal (R46)
}
STAFF_MOVES = [pair for pair, (_, own) in LEGAL.items() if own == NOT_OWN]
# (move, staff role) for every role that may make each staff move: each must still refuse its holder
# when the application is their own.
STAFF_MOVES_BY_ROLE = [(pair, role) for pair in STAFF_MOVES for role in sorted(LEGAL[pair][0] - {"pemilik"})]
ALL_PAIRS = [(a, b) for a in S.values for b in S.values]
# actor name → (roles, is owner)
ACTORS = {
    "pemilik": ({"asesi"}, True),
    "asesi_lain": ({"asesi"}, False),
    "admin_lsp": ({"admin_lsp"}, False),
    "asesor": ({"asesor"}, False),
    "komite": ({"komite"}, False),
    "validator": ({"validator"}, False),
    "tanpa_peran": (set(), False),
}


def test_transition_table_matches_the_specification():
    assert set(domain.TRANSITIONS) == set(LEGAL)
    for pair, transition in domain.TRANSITIONS.items():
        roles = transition.roles - {"asesi"} | ({"pemilik"} if "asesi" in transition.roles else set())
        assert roles == LEGAL[pair][0], pair
        assert transition.owner_forbidden == (LEGAL[pair][1] == NOT_OWN), pair


def test_the_specification_names_nine_staff_moves():
    # guards the table above against an edit that would quietly shrink the impartiality cases
    # (the ninth: a granted appeal sends a BK result back to diterima, by admin LSP or komite;
    # the direktur approving the SK is a third role on diases -> diputuskan)
    assert len(STAFF_MOVES) == 9 and len(STAFF_MOVES_BY_ROLE) == 13


@pytest.mark.parametrize("source, target", ALL_PAIRS, ids=[f"{a}->{b}" for a, b in ALL_PAIRS])
@pytest.mark.parametrize("actor", ACTORS)
def test_every_transition_for_every_actor(source, target, actor):
    roles, owner = ACTORS[actor]
    code = domain.transition_error(source=source, target=target, actor_roles=roles, actor_is_owner=owner)
    if (source, target) not in LEGAL:
        assert code == "transition_not_allowed"
    elif actor in LEGAL[(source, target)][0]:
        assert code is None
    elif actor == "asesi_lain" and "pemilik" in LEGAL[(source, target)][0]:
        assert code == "transition_owner_only"
    else:
        assert code == "transition_role"


@pytest.mark.parametrize("pair", STAFF_MOVES, ids=[f"{a}->{b}" for a, b in STAFF_MOVES])
def test_owner_may_not_verify_or_decide_own_application_even_as_staff(pair):
    every_role = {"asesi", "admin_lsp", "asesor", "komite", "validator"}
    code = domain.transition_error(source=pair[0], target=pair[1], actor_roles=every_role, actor_is_owner=True)
    assert code == "transition_self"


@pytest.mark.parametrize("pair, role", STAFF_MOVES_BY_ROLE, ids=[f"{a}->{b}-{r}" for (a, b), r in STAFF_MOVES_BY_ROLE])
def test_each_staff_role_is_refused_on_own_application_and_allowed_on_another(pair, role):
    source, target = pair
    own = domain.transition_error(source=source, target=target, actor_roles={role, "asesi"}, actor_is_owner=True)
    assert own == "transition_self"
    other = domain.transition_error(source=source, target=target, actor_roles={role, "asesi"}, actor_is_owner=False)
    assert other is None


def test_staff_owner_may_still_submit_own_application():
    code = domain.transition_error(
        source=S.DRAFT, target=S.DIAJUKAN, actor_roles={"admin_lsp", "asesi"}, actor_is_owner=True
    )
    assert code is None


def test_unknown_states_are_not_allowed():
    assert domain.transition_error(source="x", target=S.DIAJUKAN, actor_roles={"admin_lsp"}, actor_is_owner=False)
    assert domain.transition_error(source=S.DRAFT, target="", actor_roles={"admin_lsp"}, actor_is_owner=False)


def test_every_status_has_a_message_for_each_error_code():
    codes = {"transition_not_allowed", "transition_role", "transition_owner_only", "transition_self"}
    assert codes <= set(domain.MESSAGES)


def test_editable_sets():
    assert domain.APL01_EDITABLE == {S.DRAFT, S.DIKEMBALIKAN}
    assert S.DITERIMA in domain.APL02_EDITABLE and S.DIJADWALKAN not in domain.APL02_EDITABLE
    assert S.DITOLAK not in domain.APL02_EDITABLE


# --- guards -------------------------------------------------------------------------------------------


def test_submit_errors():
    assert domain.submit_errors(email_confirmed=True, unit_count=1, wajib_tanpa_dokumen=[]) == []
    assert domain.submit_errors(email_confirmed=False, unit_count=0, wajib_tanpa_dokumen=["Ijazah"]) == [
        "email_unconfirmed",
        "unit_missing",
        "persyaratan_missing",
    ]


def test_acceptance_error():
    M, T, N = HasilVerifikasi.ADA_MEMENUHI, HasilVerifikasi.ADA_TIDAK_MEMENUHI, HasilVerifikasi.TIDAK_ADA
    assert domain.acceptance_error([(True, M), (False, T)]) is None  # optional requirement may fail
    assert domain.acceptance_error([(True, M), (False, "")]) == "verifikasi_incomplete"
    assert domain.acceptance_error([(True, T)]) == "persyaratan_not_met"
    assert domain.acceptance_error([(True, N)]) == "persyaratan_not_met"
    assert domain.acceptance_error([]) is None


def test_jawaban_only_k_or_bk():
    assert domain.jawaban_error("K", ada_bukti=True) is None
    assert domain.jawaban_error("K", ada_bukti=False) == "bukti_required"
    assert domain.jawaban_error("BK", ada_bukti=False) is None
    assert domain.jawaban_error("", ada_bukti=False) is None
    assert domain.jawaban_error("L", ada_bukti=True) == "jawaban_invalid"
    assert set(Jawaban.values) == {"K", "BK"}


def test_apl02_complete():
    assert domain.apl02_complete(["K", "BK"])
    assert not domain.apl02_complete(["K", ""])
    assert not domain.apl02_complete([])


# --- what the asesi sees ------------------------------------------------------------------------------


def test_timeline_positions():
    steps = domain.timeline(S.DIAJUKAN)
    assert [s.posisi for s in steps] == ["selesai", "sekarang", "nanti", "nanti", "nanti", "nanti", "nanti"]
    returned = domain.timeline(S.DIKEMBALIKAN)
    assert returned[2].status == S.DIKEMBALIKAN and returned[2].posisi == "sekarang"
    assert [s.posisi for s in returned[3:]] == ["nanti"] * 4
    refused = domain.timeline(S.DITOLAK)
    assert refused[2].status == S.DITOLAK and [s.posisi for s in refused[3:]] == ["batal"] * 4
    done = domain.timeline(S.BERSERTIFIKAT)
    assert [s.posisi for s in done] == ["selesai"] * 6 + ["sekarang"]


@pytest.mark.parametrize("status", S.values)
def test_every_status_has_a_next_step_and_a_timeline(status):
    assert str(domain.LANGKAH_BERIKUTNYA[status])
    assert any(step.posisi == "sekarang" for step in domain.timeline(status))


# --- Langkah berikutnya: built from what is missing ------------------------------------------------------


def langkah(status=S.DRAFT, **kwargs):
    state = dict(
        email_confirmed=True, unit_count=1, wajib_tanpa_dokumen=[], perlu_diperbaiki=[], apl02_dijawab=4, apl02_total=4
    )
    state.update(kwargs)
    return [step.code for step in domain.langkah_berikutnya(status=status, **state)]


def test_a_ready_draft_says_press_ajukan_and_nothing_else():
    assert langkah() == ["ajukan"]


@pytest.mark.parametrize(
    "missing, codes",
    [
        ({"email_confirmed": False}, ["email_konfirmasi"]),
        ({"unit_count": 0}, ["unit_pilih"]),
        ({"unit_count": 1}, ["ajukan"]),  # one unit is enough
        ({"wajib_tanpa_dokumen": ["Ijazah"]}, ["persyaratan_unggah"]),
        ({"wajib_tanpa_dokumen": ["Ijazah", "KTP"]}, ["persyaratan_unggah", "persyaratan_unggah"]),
        # FR.APL.02 is named while incomplete but does not block submitting
        ({"apl02_dijawab": 3}, ["apl02_isi", "ajukan"]),
        ({"apl02_dijawab": 0, "apl02_total": 0}, ["apl02_isi", "ajukan"]),
        ({"email_confirmed": False, "unit_count": 0, "apl02_dijawab": 0},
         ["email_konfirmasi", "unit_pilih", "apl02_isi"]),
    ],
)
def test_each_missing_thing_is_one_step_and_ajukan_only_when_nothing_blocks(missing, codes):
    assert langkah(**missing) == codes


def test_the_steps_name_what_is_missing():
    steps = domain.langkah_berikutnya(
        status=S.DRAFT, email_confirmed=True, unit_count=1, wajib_tanpa_dokumen=["Ijazah SMK"],
        apl02_dijawab=2, apl02_total=5,
    )
    texts = [s.text for s in steps]
    assert "Ijazah SMK" in texts[0]
    assert "2 dari 5" in texts[1]


def test_a_returned_application_starts_with_the_note_and_the_marked_requirements():
    assert langkah(S.DIKEMBALIKAN, perlu_diperbaiki=["Pas foto"]) == [
        "catatan_baca", "persyaratan_perbaiki", "ajukan_kembali",
    ]
    assert langkah(S.DIKEMBALIKAN, email_confirmed=False) == ["catatan_baca", "email_konfirmasi"]


@pytest.mark.parametrize("status", [S.DIAJUKAN, S.DITERIMA])
def test_while_waiting_an_incomplete_apl02_is_named(status):
    assert langkah(status, apl02_dijawab=4) == [status]
    assert langkah(status, apl02_dijawab=3) == [status, "apl02_lengkapi"]


@pytest.mark.parametrize("status", [S.DITOLAK, S.DIJADWALKAN, S.DIASES, S.DIPUTUSKAN, S.BERSERTIFIKAT])
def test_later_statuses_keep_their_fixed_text(status):
    steps = domain.langkah_berikutnya(
        status=status, email_confirmed=False, unit_count=0, wajib_tanpa_dokumen=["x"], apl02_dijawab=0, apl02_total=3
    )
    assert [(s.code, s.text) for s in steps] == [(status, str(domain.LANGKAH_BERIKUTNYA[status]))]


# --- the verifier's note that applies -----------------------------------------------------------------


def test_the_note_of_the_move_into_the_current_status_applies():
    riwayat = [(S.DRAFT, ""), (S.DIAJUKAN, ""), (S.DIKEMBALIKAN, "Foto buram"), (S.DIAJUKAN, ""),
               (S.DIKEMBALIKAN, "KTP terpotong")]
    assert domain.catatan_berlaku(S.DIKEMBALIKAN, riwayat) == "KTP terpotong"
    assert domain.catatan_berlaku(S.DITOLAK, [*riwayat[:2], (S.DITOLAK, "Bukan bidangnya")]) == "Bukan bidangnya"


def test_no_note_applies_once_resubmitted_or_accepted():
    riwayat = [(S.DRAFT, ""), (S.DIAJUKAN, ""), (S.DIKEMBALIKAN, "Foto buram"), (S.DIAJUKAN, "")]
    assert domain.catatan_berlaku(S.DIAJUKAN, riwayat) == ""
    assert domain.catatan_berlaku(S.DITERIMA, [*riwayat, (S.DITERIMA, "Lengkap")]) == ""
    assert domain.catatan_berlaku(S.DIKEMBALIKAN, []) == ""


# --- which requirement the upload form starts on ---------------------------------------------------------

RETURNED = datetime(2025, 6, 10, 9, 0)


def item(pk, *, wajib=True, hasil="", unggah=None):
    return domain.PersyaratanState(pk=pk, wajib=wajib, hasil=hasil, unggah_terakhir=unggah)


def test_the_upload_form_starts_on_the_requirement_sent_back():
    items = [item(1, hasil=HasilVerifikasi.ADA_MEMENUHI, unggah=RETURNED - timedelta(days=3)),
             item(2, hasil=HasilVerifikasi.ADA_TIDAK_MEMENUHI, unggah=RETURNED - timedelta(days=3)),
             item(3)]
    assert domain.persyaratan_berikutnya(items, dikembalikan_pada=RETURNED) == 2
    # "tidak ada" counts as sent back too
    items[1] = item(2, hasil=HasilVerifikasi.TIDAK_ADA)
    assert domain.persyaratan_berikutnya(items, dikembalikan_pada=RETURNED) == 2


def test_a_requirement_uploaded_again_after_the_return_is_done():
    sent_back = HasilVerifikasi.ADA_TIDAK_MEMENUHI
    at_return = item(2, hasil=sent_back, unggah=RETURNED)
    after = item(2, hasil=sent_back, unggah=RETURNED + timedelta(seconds=1))
    assert domain.persyaratan_berikutnya([item(1, unggah=RETURNED), at_return], dikembalikan_pada=RETURNED) == 2
    assert domain.persyaratan_berikutnya([item(1, unggah=RETURNED), after], dikembalikan_pada=RETURNED) == 1


def test_without_a_return_a_mandatory_requirement_without_a_document_comes_first():
    done = item(1, unggah=RETURNED)
    assert domain.persyaratan_berikutnya([done, item(2, wajib=False), item(3)]) == 3
    assert domain.persyaratan_berikutnya([done, item(2, wajib=False)]) == 2
    assert domain.persyaratan_berikutnya([done, item(2, wajib=False, unggah=RETURNED)]) == 1
    assert domain.persyaratan_berikutnya([]) is None
    # marks are ignored when the application is not returned
    assert domain.persyaratan_berikutnya([done, item(2, hasil=HasilVerifikasi.TIDAK_ADA, unggah=RETURNED)]) == 1


@pytest.mark.parametrize(
    "status, hasil, sent_back",
    [
        (S.DIKEMBALIKAN, HasilVerifikasi.ADA_TIDAK_MEMENUHI, True),
        (S.DIKEMBALIKAN, HasilVerifikasi.TIDAK_ADA, True),
        (S.DIKEMBALIKAN, HasilVerifikasi.ADA_MEMENUHI, False),
        (S.DIKEMBALIKAN, "", False),  # not verified
        (S.DIAJUKAN, HasilVerifikasi.TIDAK_ADA, False),  # a mark only sends back with the return
        (S.DITOLAK, HasilVerifikasi.TIDAK_ADA, False),
    ],
)
def test_a_requirement_is_sent_back_only_by_a_return(status, hasil, sent_back):
    assert domain.dikembalikan_untuk_diperbaiki(status, hasil) is sent_back


def test_readiness_is_the_submit_guards():
    ready = domain.Kesiapan(status=S.DRAFT, email_confirmed=True, unit_count=1, apl02_dijawab=0, apl02_total=4)
    assert ready.siap and [s.code for s in ready.langkah()] == ["apl02_isi", "ajukan"]
    assert not domain.Kesiapan(status=S.DRAFT, email_confirmed=False, unit_count=1).siap
    assert not domain.Kesiapan(status=S.DRAFT, email_confirmed=True, unit_count=0).siap
    assert not domain.Kesiapan(status=S.DRAFT, email_confirmed=True, unit_count=1, wajib_tanpa_dokumen=("KTP",)).siap


def test_profile_view_is_written_once_per_review_window():
    from datetime import datetime, timedelta

    now = datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    window = domain.PROFILE_VIEW_WINDOW
    assert domain.profile_view_due(None, now)
    assert not domain.profile_view_due(now - window + timedelta(microseconds=1), now)
    assert domain.profile_view_due(now - window, now)


# --- the decided outcome (issue 13 item 1) -------------------------------------------------------------


def test_keputusan_error_at_each_move():
    assert domain.keputusan_error(target=S.DIPUTUSKAN, keputusan="") == "keputusan_required"
    assert domain.keputusan_error(target=S.DIPUTUSKAN, keputusan="K") is None
    assert domain.keputusan_error(target=S.DIPUTUSKAN, keputusan="BK") is None
    # back to diterima (a granted appeal): only from a BK outcome; from diajukan there is none yet
    assert domain.keputusan_error(target=S.DITERIMA, keputusan="", current="K") == "ulang_bukan_bk"
    assert domain.keputusan_error(target=S.DITERIMA, keputusan="", current="BK") is None
    assert domain.keputusan_error(target=S.DITERIMA, keputusan="", current="") is None
    assert domain.keputusan_error(target=S.BERSERTIFIKAT, keputusan="", current="BK") == "keputusan_not_kompeten"
    assert domain.keputusan_error(target=S.BERSERTIFIKAT, keputusan="", current="") == "keputusan_not_kompeten"
    assert domain.keputusan_error(target=S.BERSERTIFIKAT, keputusan="", current="K") is None
    assert domain.keputusan_error(target=S.DITERIMA, keputusan="") is None


def test_timeline_names_the_outcome_and_bk_gets_its_own_next_step():
    labels = {s.status: s.label for s in domain.timeline(S.DIPUTUSKAN, "BK")}
    assert labels[S.DIPUTUSKAN] == "Diputuskan: Belum kompeten"
    assert {s.status: s.label for s in domain.timeline(S.BERSERTIFIKAT, "K")}[S.DIPUTUSKAN] == "Diputuskan: Kompeten"
    assert {s.status: s.label for s in domain.timeline(S.DIASES)}[S.DIPUTUSKAN] == "Diputuskan"
    state = dict(email_confirmed=True, unit_count=1, wajib_tanpa_dokumen=[])
    assert [s.code for s in domain.langkah_berikutnya(status=S.DIPUTUSKAN, keputusan="BK", **state)] == [
        "belum_kompeten"
    ]
    assert [s.code for s in domain.langkah_berikutnya(status=S.DIPUTUSKAN, keputusan="K", **state)] == [S.DIPUTUSKAN]
