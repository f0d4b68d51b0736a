"""Writes of the sertifikat app: issuing (one, many, legacy import), suspend / revoke / reinstate, and
the PDF's life (render, fail, retry). Keyword-only, one transaction each, an audit row for every change.

Issuing reads ``selectors.permohonan_siap_terbit`` only: decided kompeten, not yet certified (until
issue 13's approved SK narrows it). The application moves to *bersertifikat* through
``asesi.services.permohonan_transition`` in the same transaction, and the PDF is enqueued with
``delay_on_commit`` so a worker never looks for a certificate that rolled back.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from asesi.domain import Status as StatusPermohonan
from asesi.services import permohonan_transition
from lsp.access import is_admin_lsp
from lsp.audit import audit_log
from lsp.domain import kode_lsp_from_lisensi, valid_until
from lsp.models import LspProfile

from . import domain, selectors
from .domain import AuditAction, JenisNomor, NomorKonteks, StatusPdf, StatusTersimpan, error
from .models import NomorUrut, PenerbitanMassal, Sertifikat, SertifikatRiwayat

# --- numbering -----------------------------------------------------------------------------------------


def nomor_urut_next(*, jenis: str, tahun: int, count: int = 1) -> int:
    """The first of ``count`` consecutive serials of ``jenis`` in ``tahun``, inside the caller's
    transaction: the counter row is created if missing (``ON CONFLICT DO NOTHING``, so two first issues
    of a year do not collide), then locked and raised by ``count``. A rollback of the caller gives the
    numbers back: no gaps, no duplicates."""
    NomorUrut.objects.bulk_create([NomorUrut(jenis=jenis, tahun=tahun)], ignore_conflicts=True)
    row = NomorUrut.objects.select_for_update().get(jenis=jenis, tahun=tahun)
    NomorUrut.objects.filter(pk=row.pk).update(terakhir=F("terakhir") + count)
    return row.terakhir + 1


def _konteks(skema, tahun: int, lsp=None) -> NomorKonteks:
    lsp = lsp or LspProfile.get()
    return NomorKonteks(
        tahun=tahun,
        kode_lsp=lsp.kode_lsp or kode_lsp_from_lisensi(lsp.nomor_lisensi),
        jenjang=skema.level_kkni,
        sektor=skema.bidang,
        skema=skema.kode,
    )


def _numbers(skemas: list, tahun: int) -> list[tuple[str, str]]:
    """(nomor, nomor registrasi) for each of ``skemas`` (one per certificate, in order): two counter
    updates whatever the count."""
    lsp = LspProfile.get()
    first = nomor_urut_next(jenis=JenisNomor.SERTIFIKAT, tahun=tahun, count=len(skemas))
    first_reg = nomor_urut_next(jenis=JenisNomor.REGISTRASI, tahun=tahun, count=len(skemas))
    numbers = []
    for i, skema in enumerate(skemas):
        konteks = _konteks(skema, tahun, lsp)
        numbers.append((
            domain.nomor_format(settings.LSP_SERTIFIKAT_NOMOR_FORMAT, urut=first + i, konteks=konteks),
            domain.nomor_format(settings.LSP_SERTIFIKAT_REGISTRASI_FORMAT, urut=first_reg + i, konteks=konteks),
        ))
    return numbers


# --- issuing -------------------------------------------------------------------------------------------


def _require_admin(by) -> None:
    if not by or not by.is_authenticated or not is_admin_lsp(by):
        raise PermissionDenied


def _enqueue_pdf(sertifikat_id: int) -> None:
    """After commit, the certificate's PDF is made by a worker: the ids of one transaction go out as a
    few chunk tasks instead of one message each (``tasks.pdf_enqueue_on_commit``)."""
    from .tasks import pdf_enqueue_on_commit

    pdf_enqueue_on_commit(sertifikat_id)


@transaction.atomic
def sertifikat_issue(*, permohonan, by, tanggal_terbit: date | None = None) -> Sertifikat:
    """Issue the certificate of one application that ``selectors.permohonan_siap_terbit`` lists.

    Numbers from the locked counters, validity by the shared rule (``lsp.domain.valid_until``: issue
    date + the skema's years − 1 day), the units as they are on the application, the application to
    *bersertifikat*, an audit row, the PDF after commit. Anything else raises ``not_siap_terbit``."""
    _require_admin(by)
    locked = (
        selectors.permohonan_siap_terbit().select_for_update(of=("self",)).filter(pk=permohonan.pk).first()
    )
    if locked is None:
        raise error("not_siap_terbit")
    terbit = tanggal_terbit or timezone.localdate()
    [(nomor, registrasi)] = _numbers([locked.skema], terbit.year)
    sertifikat = _create(locked, nomor=nomor, registrasi=registrasi, terbit=terbit, by=by)
    permohonan.status = locked.status
    return sertifikat


def _create(locked, *, nomor, registrasi, terbit, by, massal=None) -> Sertifikat:
    """The certificate of the locked, ready application ``locked``, its move to *bersertifikat*, the
    audit row and the PDF after commit."""
    sertifikat = Sertifikat.objects.create(
        asesi=locked.asesi,
        permohonan=locked,
        skema=locked.skema,
        nama_pemegang=locked.asesi.nama_lengkap,
        skema_kode=locked.skema.kode,
        skema_nama=locked.skema.nama,
        units=list(locked.units.order_by("urutan", "kode").values("kode", "judul")),
        nomor=nomor,
        nomor_registrasi=registrasi,
        tanggal_terbit=terbit,
        berlaku_sampai=valid_until(terbit, locked.skema.masa_berlaku_tahun),
        diterbitkan_oleh=by,
        massal=massal,
    )
    permohonan_transition(permohonan=locked, to=StatusPermohonan.BERSERTIFIKAT, by=by, note=nomor)
    audit_log(actor=by, action=AuditAction.SERTIFIKAT_ISSUE, obj=sertifikat, to_state=StatusTersimpan.AKTIF,
              data={"nomor": nomor, "permohonan": locked.pk})
    _enqueue_pdf(sertifikat.pk)
    return sertifikat


@transaction.atomic
def sertifikat_issue_many(
    *, permohonan_ids, by, tanggal_terbit: date | None = None, massal: bool = False
) -> list[Sertifikat]:
    """Issue the certificates of every listed application that is ready (the others are left alone),
    in one transaction: all of them or none, with consecutive numbers (the counters are raised once).
    ``none_selected`` when none of them is ready. With ``massal``, they form one ``PenerbitanMassal``
    (progress page, one ZIP when every PDF is made); ``certs[0].massal`` is it."""
    _require_admin(by)
    ids = sorted({int(i) for i in permohonan_ids})
    ready = list(
        selectors.permohonan_siap_terbit().select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk")
    )
    if not ready:
        raise error("none_selected")
    terbit = tanggal_terbit or timezone.localdate()
    numbers = _numbers([p.skema for p in ready], terbit.year)
    job = PenerbitanMassal.objects.create(dibuat_oleh=by, jumlah=len(ready)) if massal else None
    return [
        _create(p, nomor=nomor, registrasi=registrasi, terbit=terbit, by=by, massal=job)
        for p, (nomor, registrasi) in zip(ready, numbers, strict=True)
    ]


# --- suspend / revoke / reinstate ---------------------------------------------------------------------

_STATUS_ACTIONS = {
    "suspend": AuditAction.SERTIFIKAT_SUSPEND,
    "revoke": AuditAction.SERTIFIKAT_REVOKE,
    "reinstate": AuditAction.SERTIFIKAT_REINSTATE,
}


def verifikasi_cache_key(sertifikat_id: int) -> str:
    return f"sertifikat:verifikasi:{sertifikat_id}"


def _forget_on_commit(sertifikat_id: int) -> None:
    """The public verification cache holds the certificate's data; a change drops it after commit, so
    the next request reads the new status (never a stale *aktif*)."""
    transaction.on_commit(lambda: cache.delete(verifikasi_cache_key(sertifikat_id)))


@transaction.atomic
def sertifikat_status_change(*, sertifikat: Sertifikat, to: str, alasan: str, by) -> Sertifikat:
    """Suspend (aktif → dibekukan), reinstate (dibekukan → aktif) or revoke (→ dicabut, final), with the
    reason, who and when on the certificate and in its history; verification shows it at once."""
    _require_admin(by)
    locked = Sertifikat.objects.select_for_update().get(pk=sertifikat.pk)
    alasan = (alasan or "").strip()
    labels = dict(StatusTersimpan.choices)
    if code := domain.status_change_error(source=locked.status, target=to, alasan=alasan):
        raise error(code, dari=labels.get(locked.status, locked.status), ke=labels.get(to, to))
    source = locked.status
    locked.status, locked.status_alasan, locked.status_oleh, locked.status_pada = to, alasan, by, timezone.now()
    locked.save(update_fields=["status", "status_alasan", "status_oleh", "status_pada"])
    SertifikatRiwayat.objects.create(sertifikat=locked, dari=source, ke=to, alasan=alasan, oleh=by)
    action = _STATUS_ACTIONS[domain.STATUS_TRANSITIONS[(source, to)]]
    audit_log(actor=by, action=action, obj=locked, from_state=source, to_state=to, note=alasan)
    _forget_on_commit(locked.pk)
    for field in ("status", "status_alasan", "status_oleh", "status_pada"):
        setattr(sertifikat, field, getattr(locked, field))
    return locked


def sertifikat_suspend(*, sertifikat, alasan, by):
    return sertifikat_status_change(sertifikat=sertifikat, to=StatusTersimpan.DIBEKUKAN, alasan=alasan, by=by)


def sertifikat_revoke(*, sertifikat, alasan, by):
    return sertifikat_status_change(sertifikat=sertifikat, to=StatusTersimpan.DICABUT, alasan=alasan, by=by)


def sertifikat_reinstate(*, sertifikat, alasan, by):
    return sertifikat_status_change(sertifikat=sertifikat, to=StatusTersimpan.AKTIF, alasan=alasan, by=by)


# --- the PDF ------------------------------------------------------------------------------------------


def pdf_name(sertifikat: Sertifikat) -> str:
    """One name per certificate, so running the task twice replaces the same file."""
    return f"sertifikat/pdf/{sertifikat.token}.pdf"


def sertifikat_pdf_render(*, sertifikat_id: int) -> str:
    """Make the certificate's PDF and store it through Django's storage (the Celery task calls this).

    Idempotent: a certificate that is *siap* with its file present is left alone; otherwise the file is
    written under its one name (replacing a partial one from a worker that died) and the row is marked
    *siap*. Returns the PDF status. Raises what rendering or the storage raises (the task retries)."""
    outcome = sertifikat_pdf_render_many(sertifikat_ids=[sertifikat_id])[sertifikat_id]
    if isinstance(outcome, Exception):
        raise outcome
    if outcome == "hilang":
        raise Sertifikat.DoesNotExist(sertifikat_id)
    return outcome


def _pdf_write(cert: Sertifikat, lsp) -> None:
    """Render ``cert`` and store its file under its one name (a partial one from a dead worker replaced)."""
    from .pdf import render_sertifikat

    data = render_sertifikat(cert, lsp)
    name = pdf_name(cert)
    storage = cert.pdf.storage
    if storage.exists(name):
        storage.delete(name)
    cert.pdf.name = storage.save(name, ContentFile(data))


def sertifikat_pdf_render_many(*, sertifikat_ids) -> dict:
    """The PDFs of a chunk of certificates (the chunk task calls this), in one transaction: one locking
    read of the rows, each PDF rendered and written, then one UPDATE for those made. Idempotent per
    certificate like ``sertifikat_pdf_render`` (a *siap* one with its file is left alone), so a chunk
    delivered again after a worker died redoes only what is missing.

    Returns ``{id: outcome}``: ``siap``, ``hilang`` (no such certificate: rolled back meanwhile), or the
    exception one PDF raised — the others of the chunk are still made; the caller retries the failed
    ones one by one (``tasks.sertifikat_pdf_generate``: retries, then *gagal*)."""
    ids = list(dict.fromkeys(int(i) for i in sertifikat_ids))
    outcomes: dict = {pk: "hilang" for pk in ids}
    lsp = LspProfile.get()
    with transaction.atomic():
        certs = list(
            Sertifikat.objects.select_for_update().filter(pk__in=ids).order_by("pk")
            .only("pk", "token", "nomor", "nomor_registrasi", "nama_pemegang", "skema_kode", "skema_nama",
                  "units", "tanggal_terbit", "berlaku_sampai", "pdf", "pdf_status", "massal_id")
        )
        made, now = [], timezone.now()
        for cert in certs:
            if cert.pdf_status == StatusPdf.SIAP and cert.pdf and cert.pdf.storage.exists(cert.pdf.name):
                outcomes[cert.pk] = cert.pdf_status
                continue
            try:
                _pdf_write(cert, lsp)
            except Exception as exc:  # noqa: BLE001 - one certificate's failure must not sink its chunk
                outcomes[cert.pk] = exc
                continue
            cert.pdf_status, cert.pdf_error, cert.pdf_dibuat_pada = StatusPdf.SIAP, "", now
            made.append(cert)
            outcomes[cert.pk] = cert.pdf_status
        if made:
            Sertifikat.objects.bulk_update(made, ["pdf", "pdf_status", "pdf_error", "pdf_dibuat_pada"])
        for massal_id in sorted({c.massal_id for c in made if c.massal_id}):
            _zip_when_complete(massal_id)
    return outcomes


def massal_progress(massal: PenerbitanMassal) -> dict:
    """How far a bulk issue is: PDFs made, failed, total (one conditional aggregate)."""
    from django.db.models import Count, Q

    counts = massal.sertifikat.aggregate(
        siap=Count("pk", filter=Q(pdf_status=StatusPdf.SIAP)), gagal=Count("pk", filter=Q(pdf_status=StatusPdf.GAGAL))
    )
    return {**counts, "total": massal.jumlah, "selesai": counts["siap"] == massal.jumlah}


def _zip_when_complete(massal_id: int) -> None:
    """After a PDF of a bulk issue: when it was the last one, the ZIP task is enqueued after commit
    (it may be enqueued twice by two last PDFs at once; the task is idempotent)."""
    from .tasks import massal_zip_build

    massal = PenerbitanMassal.objects.get(pk=massal_id)
    if not massal.zip and massal_progress(massal)["selesai"]:
        massal_zip_build.delay_on_commit(massal_id)


def massal_zip_build(*, massal_id: int) -> str:
    """Pack the bulk issue's PDFs into one ZIP through the storage (the task calls this). Idempotent:
    a job with its ZIP is left alone; one file name per job."""
    import io
    import zipfile

    with transaction.atomic():
        massal = PenerbitanMassal.objects.select_for_update().get(pk=massal_id)
        if massal.zip and massal.zip.storage.exists(massal.zip.name):
            return massal.zip.name
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
            for cert in massal.sertifikat.filter(pdf_status=StatusPdf.SIAP).order_by("nomor"):
                with cert.pdf.open("rb") as handle:
                    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in cert.nomor)
                    archive.writestr(f"{safe}.pdf", handle.read())
        name = f"sertifikat/zip/massal-{massal.pk}.zip"
        storage = massal.zip.storage
        if storage.exists(name):
            storage.delete(name)
        massal.zip.name = storage.save(name, ContentFile(buffer.getvalue()))
        massal.zip_dibuat_pada = timezone.now()
        massal.save(update_fields=["zip", "zip_dibuat_pada"])
        return massal.zip.name


# A PDF still *sedang dibuat* this long after issue lost its task (broker down at commit, message lost):
# ``sertifikat.tasks.pdf_sweep`` (beat) enqueues it again. Rendering is idempotent, so a slow queue that
# still holds the first message costs one extra no-op run, never a second file.
PDF_SWEEP_AFTER = timedelta(minutes=10)
PDF_SWEEP_BATCH = 1000


def pdf_due(*, now=None) -> tuple[list[int], list[int]]:
    """(certificate ids whose PDF waits past ``PDF_SWEEP_AFTER``, bulk-issue ids complete but without
    their ZIP). Reads the partial index ``sertifikat_pdf_menunggu_idx``: only waiting rows."""
    now = now or timezone.now()
    certs = list(
        Sertifikat.objects.filter(pdf_status=StatusPdf.SEDANG_DIBUAT, created_at__lte=now - PDF_SWEEP_AFTER)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:PDF_SWEEP_BATCH]
    )
    zips = [
        massal.pk
        for massal in PenerbitanMassal.objects.filter(zip="", created_at__lte=now - PDF_SWEEP_AFTER)[:100]
        if massal_progress(massal)["selesai"]
    ]
    return certs, zips


def sertifikat_pdf_failed(*, sertifikat_id: int, galat: str) -> None:
    """The task gave up: the certificate shows *gagal* with the error, and an admin may retry."""
    Sertifikat.objects.filter(pk=sertifikat_id).exclude(pdf_status=StatusPdf.SIAP).update(
        pdf_status=StatusPdf.GAGAL, pdf_error=(galat or "?")[:2000]
    )


@transaction.atomic
def sertifikat_pdf_retry(*, sertifikat: Sertifikat, by) -> Sertifikat:
    """The admin's retry of a failed PDF: back to *sedang dibuat* and enqueued after commit."""
    _require_admin(by)
    locked = Sertifikat.objects.select_for_update().get(pk=sertifikat.pk)
    if locked.pdf_status != StatusPdf.GAGAL:
        raise error("pdf_not_failed")
    locked.pdf_status, locked.pdf_error = StatusPdf.SEDANG_DIBUAT, ""
    locked.save(update_fields=["pdf_status", "pdf_error"])
    audit_log(actor=by, action=AuditAction.SERTIFIKAT_PDF_RETRY, obj=locked)
    _enqueue_pdf(locked.pk)
    return locked


# --- legacy import ------------------------------------------------------------------------------------

IMPOR_KOLOM = ("nomor", "nomor_registrasi", "nik", "skema", "tanggal_terbit")


def _impor_row(number: int, values: dict, *, skemas: dict, asesi_by_nik: dict, seen: set) -> dict:
    """One spreadsheet row checked: the problems as messages (with the row number) or the values."""
    from django.utils.translation import gettext as _

    problems = []
    nomor = " ".join((values.get("nomor") or "").split())
    if not nomor or domain.lookup_normalize(nomor) is None:
        problems.append(_("nomor sertifikat kosong atau tidak valid"))
    elif nomor.upper() in seen:
        problems.append(_("nomor sertifikat %(nomor)s ganda dalam berkas") % {"nomor": nomor})
    seen.add(nomor.upper())
    asesi = asesi_by_nik.get((values.get("nik") or "").replace(" ", ""))
    if asesi is None:
        problems.append(_("NIK tidak terdaftar sebagai asesi"))
    skema = skemas.get((values.get("skema") or "").strip().upper())
    if skema is None:
        problems.append(_("kode skema tidak dikenal"))
    try:
        terbit = date.fromisoformat((values.get("tanggal_terbit") or "").strip()[:10])
    except ValueError:
        terbit = None
        problems.append(_("tanggal terbit harus berformat TTTT-BB-HH"))
    if problems:
        raise ValidationError(
            _("Baris %(baris)s: %(pesan)s") % {"baris": number, "pesan": "; ".join(problems)}, code="import_row"
        )
    return {"nomor": nomor, "nomor_registrasi": " ".join((values.get("nomor_registrasi") or "").split()),
            "asesi": asesi, "skema": skema, "tanggal_terbit": terbit}


@transaction.atomic
def sertifikat_import(*, table, by) -> list[Sertifikat]:
    """Record certificates issued before this system (``lsp.importers.read_table`` of an XLSX/CSV with
    the columns ``IMPOR_KOLOM``): all rows or none, every problem named with its row. The numbers are
    the ones in the file (not from the counter); the holder must be a registered asesi (by NIK); the
    units are the skema's current ones; the validity follows the shared rule. PDFs after commit."""
    from asesi.models import AsesiProfile
    from lsp.models import Skema

    _require_admin(by)
    header = [h.strip().lower().replace(" ", "_") for h in table.header]
    missing = [k for k in IMPOR_KOLOM if k not in header and k != "nomor_registrasi"]
    if missing:
        raise ValidationError(
            domain.MESSAGES["format_invalid"] % {"alasan": ", ".join(missing)}, code="import_header"
        )
    rows = [(n, dict(zip(header, cells, strict=False))) for n, cells in table.rows]
    niks = {(v.get("nik") or "").replace(" ", "") for _n, v in rows}
    asesi_by_nik = {a.nik: a for a in AsesiProfile.objects.filter(nik__in=niks).select_related("user")}
    skemas = {s.kode.upper(): s for s in Skema.objects.prefetch_related("units")}
    seen, checked, errors = set(), [], []
    for number, values in rows:
        try:
            checked.append(_impor_row(number, values, skemas=skemas, asesi_by_nik=asesi_by_nik, seen=seen))
        except ValidationError as exc:
            errors.append(exc)
    taken = set(
        Sertifikat.objects.filter(nomor__in=[c["nomor"] for c in checked]).values_list("nomor", flat=True)
    )
    errors += [error("nomor_duplicate", nomor=n) for n in sorted(taken)]
    if errors:
        raise ValidationError(errors)
    created = []
    for row in checked:
        skema = row["skema"]
        cert = Sertifikat.objects.create(
            asesi=row["asesi"], skema=skema, nama_pemegang=row["asesi"].nama_lengkap, skema_kode=skema.kode,
            skema_nama=skema.nama, units=[{"kode": u.kode, "judul": u.judul} for u in skema.units.all()],
            nomor=row["nomor"], nomor_registrasi=row["nomor_registrasi"], tanggal_terbit=row["tanggal_terbit"],
            berlaku_sampai=valid_until(row["tanggal_terbit"], skema.masa_berlaku_tahun), sumber=domain.Sumber.IMPOR,
            diterbitkan_oleh=by,
        )
        _enqueue_pdf(cert.pk)
        created.append(cert)
    audit_log(actor=by, action=AuditAction.SERTIFIKAT_IMPORT, data={"sertifikat": [c.pk for c in created]},
              note=f"{len(created)}")
    return created


# --- reminders before expiry ------------------------------------------------------------------------


def sertifikat_reminders_send(*, today: date) -> int:
    """Queue the expiry reminders due on ``today`` (``LSP_REMINDER_DAYS``, with catch-up by
    ``lsp.domain.reminder_due``) to each holder of an active certificate, once per certificate and
    threshold (``PengingatTerkirim``, unique): a run missed yesterday is made up today, a run repeated
    sends nothing twice. Returns the number of reminders queued."""
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext

    from lsp.notifications import notification_send

    from .models import PengingatTerkirim

    thresholds = sorted({int(t) for t in settings.LSP_REMINDER_DAYS}, reverse=True)
    if not thresholds:
        return 0
    lsp = LspProfile.get().nama
    link = settings.LSP_SITE_URL.rstrip("/") + reverse("sertifikat:sertifikat-saya")
    queued = 0
    for i, threshold in enumerate(thresholds):
        lower = thresholds[i + 1] if i + 1 < len(thresholds) else -1
        due = (
            Sertifikat.objects.filter(
                status=StatusTersimpan.AKTIF,
                berlaku_sampai__gt=today + timedelta(days=lower),
                berlaku_sampai__lte=today + timedelta(days=threshold),
            )
            .exclude(pengingat__hari=threshold)
            .select_related("asesi__user")
            .order_by("pk")
        )
        for cert in due.iterator(chunk_size=500):
            with transaction.atomic():
                _row, created = PengingatTerkirim.objects.get_or_create(sertifikat=cert, hari=threshold)
                if not created:
                    continue
                sisa = (cert.berlaku_sampai - today).days
                with translation.override("id"):
                    subject = gettext("Sertifikat %(nomor)s berakhir dalam %(hari)s hari") % {
                        "nomor": cert.nomor, "hari": sisa}
                notification_send(
                    to=cert.asesi.user.email, subject=subject, template="sertifikat/email/pengingat.txt",
                    context={"nama": cert.nama_pemegang, "nomor": cert.nomor, "skema": cert.skema_nama,
                             "berlaku_sampai": cert.berlaku_sampai, "sisa_hari": sisa, "link": link, "lsp": lsp},
                    key=f"sertifikat-pengingat:{cert.pk}:{threshold}", user=cert.asesi.user,
                    url=reverse("sertifikat:sertifikat-saya"),
                )
                queued += 1
    return queued


# --- recertification --------------------------------------------------------------------------------


def sertifikasi_ulang_start(*, sertifikat: Sertifikat, by):
    """One click from a certificate to a draft FR.APL.01 with tujuan *sertifikasi ulang* for the same skema,
    with the units of the old certificate that the skema still has (all of them when none is left). The
    asesi then completes and submits it as any application; the refusals are ``permohonan_create``'s
    (someone else's certificate, an inactive skema, an application already running for it)."""
    from asesi.domain import Tujuan
    from asesi.services import permohonan_create

    if not by or not by.is_authenticated or (sertifikat.asesi.user_id != by.pk and not is_admin_lsp(by)):
        raise PermissionDenied
    kode = {u.get("kode") for u in sertifikat.units}
    unit_ids = [u.pk for u in sertifikat.skema.units.all() if u.kode in kode] or None
    return permohonan_create(
        asesi=sertifikat.asesi, skema=sertifikat.skema, tujuan=Tujuan.SERTIFIKASI_ULANG, unit_ids=unit_ids, by=by
    )


# --- surveillance ------------------------------------------------------------------------------------


def surveilans_request_due(*, today: date) -> int:
    """Open the surveillance of every active certificate whose due day (issue + ``LSP_SURVEILANS_BULAN``
    months) has come and has none yet, and tell the holder (daily beat task; idempotent: one per
    certificate by a unique constraint). Returns how many were opened."""
    from django.urls import reverse

    from lsp.notifications import notification_send

    from .models import Surveilans

    months = settings.LSP_SURVEILANS_BULAN
    latest_issue = domain.add_months(today, -months)
    due = (
        Sertifikat.objects.filter(status=StatusTersimpan.AKTIF, tanggal_terbit__lte=latest_issue,
                                  berlaku_sampai__gte=today, surveilans__isnull=True)
        .select_related("asesi__user").order_by("pk")
    )
    opened = 0
    for cert in due.iterator(chunk_size=500):
        with transaction.atomic():
            row, created = Surveilans.objects.get_or_create(
                sertifikat=cert, defaults={"jatuh_tempo": domain.surveilans_due_on(cert.tanggal_terbit, months=months)}
            )
            if not created:
                continue
            audit_log(actor=None, action=AuditAction.SURVEILANS_REQUEST, obj=cert)
            notification_send(
                to=cert.asesi.user.email, user=cert.asesi.user, url=reverse("sertifikat:sertifikat-saya"),
                subject=f"Surveilans sertifikat {cert.nomor}: unggah logbook",
                body=(f"Yth. {cert.nama_pemegang},\n\nSertifikat {cert.nomor} ({cert.skema_nama}) memasuki "
                      f"surveilans. Unggah logbook kegiatan Anda di halaman sertifikat.\n"),
                key=f"sertifikat-surveilans:{cert.pk}",
            )
            opened += 1
    return opened


@transaction.atomic
def surveilans_upload(*, surveilans, berkas, by):
    """The holder's logbook (PDF/JPG/PNG, checked by its bytes); allowed while waiting or after a refusal."""
    from lsp.uploads import safe_original_name, validate_document

    from .models import Surveilans

    locked = Surveilans.objects.select_for_update().select_related("sertifikat__asesi").get(pk=surveilans.pk)
    if not by or locked.sertifikat.asesi.user_id != by.pk:
        raise PermissionDenied
    if (locked.status, domain.StatusSurveilans.DIUNGGAH) not in domain.SURVEILANS_TRANSITIONS:
        raise error("surveilans_not_allowed")
    mime = validate_document(berkas)
    old = locked.logbook.name
    locked.logbook_nama = safe_original_name(berkas.name)
    locked.logbook.save(locked.logbook_nama, berkas, save=False)
    locked.logbook_mime, locked.diunggah_pada = mime, timezone.now()
    source, locked.status = locked.status, domain.StatusSurveilans.DIUNGGAH
    locked.save()
    if old:
        transaction.on_commit(lambda: locked.logbook.storage.delete(old))
    audit_log(actor=by, action=AuditAction.SURVEILANS_UPLOAD, obj=locked.sertifikat, from_state=source,
              to_state=locked.status)
    return locked


@transaction.atomic
def surveilans_review(*, surveilans, terima: bool, catatan: str = "", by):
    """The admin LSP accepts the logbook, or refuses it with a note (the holder may upload again)."""
    from .models import Surveilans

    _require_admin(by)
    locked = Surveilans.objects.select_for_update().select_related("sertifikat").get(pk=surveilans.pk)
    target = domain.StatusSurveilans.DITERIMA if terima else domain.StatusSurveilans.DITOLAK
    if (locked.status, target) not in domain.SURVEILANS_TRANSITIONS:
        raise error("surveilans_not_allowed")
    catatan = (catatan or "").strip()
    if not terima and not catatan:
        raise error("catatan_required")
    source = locked.status
    locked.status, locked.catatan, locked.diperiksa_oleh, locked.diperiksa_pada = target, catatan, by, timezone.now()
    locked.save(update_fields=["status", "catatan", "diperiksa_oleh", "diperiksa_pada"])
    audit_log(actor=by, action=AuditAction.SURVEILANS_REVIEW, obj=locked.sertifikat, from_state=source,
              to_state=target, note=catatan)
    return locked


@transaction.atomic
def laporan_bnsp_request(*, dari: date, sampai: date, fmt: str, pribadi: bool, by):
    """Ask for the BNSP report: the XLSX is queued (``lsp.services.ekspor.ekspor_request``, which returns
    the job), the CSV is streamed by the view (``None``). Unmasked personal data is a personal-data view:
    recorded in the audit trail, in the same transaction, whichever the format."""
    from lsp.services.ekspor import ekspor_request

    from .ekspor import EKSPOR_BNSP

    _require_admin(by)
    params = {"dari": dari.isoformat(), "sampai": sampai.isoformat(), "tampilkan_pribadi": bool(pribadi)}
    if pribadi:
        audit_log(actor=by, action=AuditAction.LAPORAN_BNSP_PRIBADI, note=f"{dari:%Y-%m-%d} – {sampai:%Y-%m-%d}",
                  data={"format": fmt, **params})
    if fmt == "xlsx":
        return ekspor_request(jenis=EKSPOR_BNSP, params=params, by=by)
    return None
