"""The permohonan state machine through the service: every legal and illegal pair of states, the
actor rules, and what a transition writes (status, history, audit row, email after commit)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from asesi.domain import Status
from asesi.models import Permohonan, PermohonanRiwayat
from asesi.services import permohonan_transition
from lsp.models import AuditLog, Notification
from tests.factories import UserFactory

from .factories import AsesiProfileFactory, admin_user, force_status, make_ready, permohonan_draft

pytestmark = pytest.mark.django_db

S = Status
LEGAL = {
    (S.DRAFT, S.DIAJUKAN),
    (S.DIAJUKAN, S.DITERIMA),
    (S.DIAJUKAN, S.DIKEMBALIKAN),
    (S.DIAJUKAN, S.DITOLAK),
    (S.DIKEMBALIKAN, S.DIAJUKAN),
    (S.DITERIMA, S.DIJADWALKAN),
    (S.DIJADWALKAN, S.DITERIMA),
    (S.DIJADWALKAN, S.DIASES),
    (S.DIASES, S.DIPUTUSKAN),
    (S.DIPUTUSKAN, S.BERSERTIFIKAT),
    (S.DIPUTUSKAN, S.DITERIMA),  # a granted appeal of a BK result (R46)
}
ALL_PAIRS = [(a, b) for a in S.values for b in S.values]


def codes(exc) -> set:
    return {e.code for e in exc.value.error_list}


@pytest.fixture
def ready():
    return make_ready(permohonan_draft())


@pytest.mark.parametrize("source, target", ALL_PAIRS, ids=[f"{a}->{b}" for a, b in ALL_PAIRS])
def test_full_matrix_by_admin(source, target, ready, django_capture_on_commit_callbacks):
    admin = admin_user()
    p = force_status(ready, source)
    if (source, target) == (S.DIPUTUSKAN, S.DITERIMA):  # only a BK result goes back for a re-assessment
        type(p).objects.filter(pk=p.pk).update(keputusan="BK")
        p.refresh_from_db()
    history_before = PermohonanRiwayat.objects.filter(permohonan=p).count()
    if (source, target) in LEGAL:
        with django_capture_on_commit_callbacks(execute=True):
            permohonan_transition(permohonan=p, to=target, by=admin, note="Catatan uji", keputusan="K")
        p.refresh_from_db()
        assert p.status == target
        last = p.riwayat.last()
        assert (last.dari, last.ke, last.oleh, last.catatan) == (source, target, admin, "Catatan uji")
        audit = AuditLog.objects.filter(action="permohonan.status", object_id=str(p.pk)).first()
        assert (audit.actor, audit.from_state, audit.to_state, audit.note) == (admin, source, target, "Catatan uji")
        assert len(mail.outbox) == 1 and mail.outbox[0].to == [p.asesi.email]
    else:
        with pytest.raises(ValidationError) as exc:
            permohonan_transition(permohonan=p, to=target, by=admin, note="Catatan uji")
        assert codes(exc) == {"transition_not_allowed"}
        p.refresh_from_db()
        assert p.status == source
        assert PermohonanRiwayat.objects.filter(permohonan=p).count() == history_before
        assert not AuditLog.objects.filter(action="permohonan.status").exists()
        assert not Notification.objects.filter(subject__contains=p.nomor).exists()


def test_owner_submits_and_another_asesi_cannot(ready):
    other = AsesiProfileFactory().user
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=ready, to=S.DIAJUKAN, by=other)
    assert codes(exc) == {"transition_owner_only"}
    permohonan_transition(permohonan=ready, to=S.DIAJUKAN, by=ready.asesi.user)
    assert ready.status == S.DIAJUKAN  # the caller's instance is updated too


@pytest.mark.parametrize(
    "source, target, role, ok",
    [
        (S.DIJADWALKAN, S.DIASES, "asesor", True),
        (S.DIASES, S.DIPUTUSKAN, "komite", True),
        (S.DIASES, S.DIPUTUSKAN, "asesor", False),
        (S.DIAJUKAN, S.DITERIMA, "komite", False),
        (S.DIAJUKAN, S.DITERIMA, "validator", False),
        (S.DITERIMA, S.DIJADWALKAN, "asesor", False),
        (S.DIPUTUSKAN, S.BERSERTIFIKAT, "komite", False),
        (S.DIAJUKAN, S.DIKEMBALIKAN, "asesi", False),
    ],
)
def test_roles_other_than_admin(ready, source, target, role, ok):
    p = force_status(ready, source)
    actor = UserFactory(roles=(role,))
    if ok:
        permohonan_transition(permohonan=p, to=target, by=actor, note="x", keputusan="K")
        assert Permohonan.objects.get(pk=p.pk).status == target
    else:
        with pytest.raises(ValidationError) as exc:
            permohonan_transition(permohonan=p, to=target, by=actor, note="x", keputusan="K")
        assert codes(exc) == {"transition_role"}


def test_admin_cannot_verify_own_application(ready):
    ready.asesi.user.groups.add(*UserFactory(roles=("admin_lsp",)).groups.all())
    owner = type(ready.asesi.user).objects.get(pk=ready.asesi.user_id)
    p = force_status(ready, S.DIAJUKAN)
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=S.DITERIMA, by=owner)
    assert codes(exc) == {"transition_self"}


# Written out here, not read from asesi.domain.TRANSITIONS: every staff move, with each staff role that may
# make it. None of them may be made on one's own application (ISO/IEC 17024 §4.3), whatever role one holds.
STAFF_MOVES = [
    (S.DIAJUKAN, S.DITERIMA, "admin_lsp"),
    (S.DIAJUKAN, S.DIKEMBALIKAN, "admin_lsp"),
    (S.DIAJUKAN, S.DITOLAK, "admin_lsp"),
    (S.DITERIMA, S.DIJADWALKAN, "admin_lsp"),
    (S.DIJADWALKAN, S.DITERIMA, "admin_lsp"),
    (S.DIJADWALKAN, S.DIASES, "admin_lsp"),
    (S.DIJADWALKAN, S.DIASES, "asesor"),
    (S.DIASES, S.DIPUTUSKAN, "admin_lsp"),
    (S.DIASES, S.DIPUTUSKAN, "komite"),
    (S.DIPUTUSKAN, S.BERSERTIFIKAT, "admin_lsp"),
]


@pytest.mark.parametrize("source, target, role", STAFF_MOVES, ids=[f"{a}->{b}-{r}" for a, b, r in STAFF_MOVES])
def test_no_staff_move_on_own_application(ready, source, target, role):
    ready.asesi.user.groups.add(*UserFactory(roles=(role,)).groups.all())
    owner = type(ready.asesi.user).objects.get(pk=ready.asesi.user_id)
    p = force_status(ready, source)
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=target, by=owner, note="Catatan uji", keputusan="K")
    assert codes(exc) == {"transition_self"}
    assert Permohonan.objects.get(pk=p.pk).status == source
    assert not AuditLog.objects.filter(action="permohonan.status", object_id=str(p.pk), to_state=target).exists()
    # the same role on someone else's application may make the move
    colleague = UserFactory(roles=(role,))
    permohonan_transition(permohonan=p, to=target, by=colleague, note="Catatan uji", keputusan="K")
    assert Permohonan.objects.get(pk=p.pk).status == target


def test_inactive_user_holds_no_role(ready):
    admin = admin_user(is_active=False)
    p = force_status(ready, S.DIAJUKAN)
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=S.DITERIMA, by=admin)
    assert codes(exc) == {"transition_role"}


def test_email_goes_out_only_after_commit(ready, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        permohonan_transition(permohonan=ready, to=S.DIAJUKAN, by=ready.asesi.user)
    assert len(mail.outbox) == 0 and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert ready.nomor in message.subject and "Diajukan" in message.subject
    assert "Langkah berikutnya" in message.body


def test_returned_email_carries_reasons(ready, django_capture_on_commit_callbacks):
    p = force_status(ready, S.DIAJUKAN)
    item = p.persyaratan.first()
    item.hasil, item.catatan = "ada_tidak_memenuhi", "Ijazah buram"
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_transition(permohonan=p, to=S.DIKEMBALIKAN, by=admin_user(), note="Perbaiki ijazah")
    body = mail.outbox[0].body
    assert "Perbaiki ijazah" in body and "Ijazah buram" in body and "Dikembalikan" in mail.outbox[0].subject


def test_double_submit_with_a_stale_instance_is_refused_and_writes_one_history_row(ready):
    first = Permohonan.objects.get(pk=ready.pk)
    second = Permohonan.objects.get(pk=ready.pk)  # the same page submitted twice
    permohonan_transition(permohonan=first, to=S.DIAJUKAN, by=ready.asesi.user)
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=second, to=S.DIAJUKAN, by=ready.asesi.user)
    assert codes(exc) == {"transition_not_allowed"}
    assert ready.riwayat.filter(ke=S.DIAJUKAN).count() == 1
    assert AuditLog.objects.filter(action="permohonan.status", to_state=S.DIAJUKAN).count() == 1


# --- content guards --------------------------------------------------------------------------------


def test_submit_needs_documents_for_every_required_persyaratan():
    p = permohonan_draft(with_documents=False)
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=S.DIAJUKAN, by=p.asesi.user)
    assert codes(exc) == {"persyaratan_missing"}
    assert p.persyaratan.first().deskripsi in exc.value.messages[0]
    assert Permohonan.objects.get(pk=p.pk).status == S.DRAFT


def test_optional_persyaratan_needs_no_document():
    p = permohonan_draft(with_documents=False)
    p.persyaratan.update(wajib=False)
    assert not p.dokumen.exists()
    permohonan_transition(permohonan=p, to=S.DIAJUKAN, by=p.asesi.user)
    assert Permohonan.objects.get(pk=p.pk).status == S.DIAJUKAN
    assert p.riwayat.filter(dari=S.DRAFT, ke=S.DIAJUKAN).count() == 1


def test_submit_needs_confirmed_email():
    profil = AsesiProfileFactory(email_dikonfirmasi_pada=None)
    p = permohonan_draft(profil)
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=S.DIAJUKAN, by=profil.user)
    assert codes(exc) == {"email_unconfirmed"}


def test_submit_keeps_a_copy_of_the_personal_data(ready):
    permohonan_transition(permohonan=ready, to=S.DIAJUKAN, by=ready.asesi.user)
    ready.refresh_from_db()
    assert ready.data_pemohon["nik"] == ready.asesi.nik
    assert ready.diajukan_pada is not None
    profil = ready.asesi
    profil.alamat = "Alamat baru"
    profil.save()
    ready.refresh_from_db()
    assert ready.data_pemohon["alamat"] == "Jl. Merdeka No. 10, Bandung"


@pytest.mark.parametrize("target", [S.DIKEMBALIKAN, S.DITOLAK])
def test_return_and_refusal_need_a_note(ready, target):
    p = force_status(ready, S.DIAJUKAN)
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=target, by=admin_user(), note="   ")
    assert codes(exc) == {"note_required"}


def test_accept_needs_every_required_persyaratan_met(ready):
    p = force_status(ready, S.DIAJUKAN)
    p.persyaratan.update(hasil="tidak_ada")
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=S.DITERIMA, by=admin_user())
    assert codes(exc) == {"persyaratan_not_met"}
    p.persyaratan.update(hasil="")
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=S.DITERIMA, by=admin_user())
    assert codes(exc) == {"verifikasi_incomplete"}


def test_scheduling_needs_a_complete_apl02():
    p = permohonan_draft()
    p.persyaratan.update(hasil="ada_memenuhi")
    p = force_status(p, S.DITERIMA)
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=S.DIJADWALKAN, by=admin_user())
    assert codes(exc) == {"apl02_incomplete"}


def test_anonymous_actor_is_refused(ready):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        permohonan_transition(permohonan=ready, to=S.DIAJUKAN, by=AnonymousUser())
    with pytest.raises(PermissionDenied):
        permohonan_transition(permohonan=ready, to=S.DIAJUKAN, by=None)


# --- the decided outcome (issue 13 item 1) -------------------------------------------------------------


@pytest.mark.parametrize("keputusan", ["", "X", "kompeten"])
def test_deciding_needs_k_or_bk(ready, keputusan):
    p = force_status(ready, S.DIASES)
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=S.DIPUTUSKAN, by=admin_user(), keputusan=keputusan)
    assert codes(exc) == {"keputusan_required"}
    assert Permohonan.objects.get(pk=p.pk).status == S.DIASES


def test_bk_is_recorded_shown_and_never_certified(ready):
    p = force_status(ready, S.DIASES)
    permohonan_transition(permohonan=p, to=S.DIPUTUSKAN, by=admin_user(), keputusan="BK")
    p.refresh_from_db()
    assert (p.status, p.keputusan) == (S.DIPUTUSKAN, "BK")
    audit = AuditLog.objects.get(action="permohonan.status", object_id=str(p.pk), to_state=S.DIPUTUSKAN)
    assert audit.data == {"keputusan": "BK"}
    with pytest.raises(ValidationError) as exc:
        permohonan_transition(permohonan=p, to=S.BERSERTIFIKAT, by=admin_user())
    assert codes(exc) == {"keputusan_not_kompeten"}
    assert Permohonan.objects.get(pk=p.pk).status == S.DIPUTUSKAN


def test_k_outcome_moves_on_to_bersertifikat(ready):
    p = force_status(ready, S.DIASES)
    permohonan_transition(permohonan=p, to=S.DIPUTUSKAN, by=admin_user(), keputusan="K")
    permohonan_transition(permohonan=p, to=S.BERSERTIFIKAT, by=admin_user())
    assert (p.status, p.keputusan) == (S.BERSERTIFIKAT, "K")


@pytest.mark.postgres
def test_database_refuses_an_outcome_that_does_not_fit_the_status(ready):
    from django.db import IntegrityError, transaction

    for status, keputusan in [(S.DIASES, "K"), (S.DIPUTUSKAN, ""), (S.BERSERTIFIKAT, "BK")]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Permohonan.objects.filter(pk=ready.pk).update(status=status, keputusan=keputusan)
