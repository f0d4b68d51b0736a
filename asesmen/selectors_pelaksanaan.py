"""Reads of the assessment stage, scoped by the caller (views pass a placement already fetched through
``asesmen.selectors.peserta_for_asesor`` / ``peserta_for_asesi`` / the admin's selectors).

``ruang_kerja`` builds the asesor's whole workspace for one asesi in a fixed number of queries, however
many units, elements, KUK and items the plan holds."""

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Prefetch, QuerySet

from lsp.access import is_admin_lsp, user_has_role
from lsp.models import KUK, Elemen
from lsp.roles import Role

from . import domain_pelaksanaan as rules
from .domain import Instrumen
from .domain_banding import overall_verdict_ulang
from .models import (
    BuktiKerja,
    ButirInstrumen,
    JawabanButir,
    PenilaianKUK,
    RekamanAsesmen,
    TandaTangan,
    UjianTertulis,
    UmpanBalik,
)
from .selectors_banding import units_dibawa_rows
from .services.pelaksanaan import rencana_of


def ruang_kerja(peserta) -> dict:
    """Units → elements → KUK of the asesi's plan with the results so far, and per unit the items of the
    instruments FR.MAPA.02 chose, with their answers; the unit verdicts and the overall recommendation
    as they stand (``domain_pelaksanaan``)."""
    rencana, kurang = rencana_of(peserta)
    rekaman = RekamanAsesmen.objects.filter(peserta=peserta).first()
    elemen = (
        Elemen.objects.filter(unit__in=list(rencana)).order_by("unit__urutan", "urutan")
        .prefetch_related(Prefetch("kuk", queryset=KUK.objects.order_by("urutan")))
    )
    penilaian, jawaban, ujian, files = {}, {}, None, defaultdict(list)
    if rekaman is not None:
        penilaian = {r.kuk_id: r for r in PenilaianKUK.objects.filter(rekaman=rekaman)}
        jawaban = {j.butir_id: j for j in JawabanButir.objects.filter(rekaman=rekaman)}
        ujian = UjianTertulis.objects.filter(rekaman=rekaman).first()
        for f in BuktiKerja.objects.filter(rekaman=rekaman).only("pk", "butir_id", "nama_asli"):
            files[f.butir_id].append(f)
    butir_by_unit = defaultdict(list)
    for b in ButirInstrumen.objects.filter(unit__in=list(rencana), aktif=True).order_by("instrumen", "urutan", "pk"):
        if b.instrumen in rencana[b.unit_id].instrumen:
            butir_by_unit[b.unit_id].append(b)
    elemen_by_unit = defaultdict(list)
    for e in elemen:
        elemen_by_unit[e.unit_id].append(e)
    labels = dict(Instrumen.choices)
    units = []
    for unit_id, mapa in sorted(rencana.items(), key=lambda item: (item[1].unit.urutan, item[1].unit.kode)):
        rows, results = [], []
        for e in elemen_by_unit[unit_id]:
            kuk_rows = [{"kuk": k, "elemen": e, "penilaian": penilaian.get(k.pk)} for k in e.kuk.all()]
            results += [r["penilaian"].hasil if r["penilaian"] else None for r in kuk_rows]
            rows.append({"elemen": e, "kuk": kuk_rows})
        instrumen = []
        for kode in mapa.instrumen:
            items = [item_row(b, jawaban.get(b.pk), files.get(b.pk, ()))
                     for b in butir_by_unit[unit_id] if b.instrumen == kode]
            instrumen.append({"kode": kode, "label": labels.get(kode, kode), "jenis": rules.JENIS_BUTIR.get(kode),
                              "butir": items})
        units.append({
            "mapa": mapa, "unit": mapa.unit, "elemen": rows, "instrumen": instrumen,
            "verdict": rules.unit_verdict(results), "jumlah_kuk": len(results),
            "kuk_k": sum(1 for r in results if r == rules.HasilKUK.K),
            "kuk_terbuka": sum(1 for r in results if r not in (rules.HasilKUK.K, rules.HasilKUK.BK)),
        })
    skor = None
    if ujian is not None:
        keys = {b.pk: b.kunci for items in butir_by_unit.values() for b in items if b.instrumen == "IA.05"}
        skor = rules.ujian_skor({k: jawaban[k].pilihan for k in keys if k in jawaban}, keys)
    dibawa = units_dibawa_rows(peserta)
    return {
        "rekaman": rekaman, "units": units, "rencana_kurang": kurang, "ujian": ujian, "skor": skor,
        "dibawa": dibawa,
        "rekomendasi": overall_verdict_ulang(dinilai=[u["verdict"] for u in units],
                                             dibawa=[rules.Verdict.K] * len(dibawa)) if units else None,
    }


def item_row(butir, jawaban, files=()) -> dict:
    """One item of the workspace with its answer (or None), its VATM checks as (key, label, checked) and
    the work products the asesi uploaded for it."""
    checks = getattr(jawaban, "vatm", None) or {}
    return {"butir": butir, "jawaban": jawaban, "files": files,
            "vatm": [(k, label, bool(checks.get(k))) for k, label in rules.VATM]}


def tanda_tangan_of(peserta) -> dict:
    """{(dokumen, pihak): TandaTangan} of one asesi."""
    return {(t.dokumen, t.pihak): t for t in TandaTangan.objects.filter(peserta=peserta).select_related("oleh")}


def umpan_balik_of(peserta):
    return UmpanBalik.objects.filter(peserta=peserta).first()


# The admin's record list, newest first, paged by a cursor on it (``lsp.pagination.KeysetPaginationMixin``); each
# filter of ``filters_pelaksanaan.RekamanFilter`` on the record itself has an index ending in it
# (``models.RekamanAsesmen.Meta.indexes``).
REKAMAN_KEYSET = ("-created_at", "-pk")


def rekaman_for_user(user) -> QuerySet:
    """Records a user may see: admin LSP all; an asesor those of the asesi paired with them; else none."""
    qs = RekamanAsesmen.objects.select_related(
        "peserta__jadwal__skema", "peserta__permohonan__asesi__user", "peserta__asesor__user"
    )
    if is_admin_lsp(user):
        return qs
    if user_has_role(user, Role.ASESOR):
        return qs.filter(peserta__asesor__user=user)
    return qs.none()


def butir_of_unit(unit) -> QuerySet:
    return ButirInstrumen.objects.filter(unit=unit).select_related("kuk__elemen").order_by("instrumen", "urutan", "pk")


def bukti_kerja_for_user(user) -> QuerySet:
    """Work products a user may open: admin LSP all; the paired asesor those of their asesi; the asesi
    their own."""
    qs = BuktiKerja.objects.select_related("rekaman__peserta__permohonan__asesi", "rekaman__peserta__asesor")
    if is_admin_lsp(user):
        return qs
    if user_has_role(user, Role.ASESOR):
        return qs.filter(rekaman__peserta__asesor__user=user, rekaman__peserta__aktif=True)
    return qs.filter(rekaman__peserta__permohonan__asesi__user=user)


def unit_status(peserta, unit_id) -> dict:
    """The verdict and coverage of one unit as it stands (for the workspace after a KUK is saved)."""
    kuk_ids = list(KUK.objects.filter(elemen__unit_id=unit_id).values_list("pk", flat=True))
    done = dict(PenilaianKUK.objects.filter(rekaman__peserta=peserta, unit_id=unit_id).values_list("kuk_id", "hasil"))
    results = [done.get(k) for k in kuk_ids]
    return {"unit": SimpleNamespace(pk=unit_id), "verdict": rules.unit_verdict(results), "jumlah_kuk": len(results),
            "kuk_k": sum(1 for r in results if r == rules.HasilKUK.K),
            "kuk_terbuka": sum(1 for r in results if r not in (rules.HasilKUK.K, rules.HasilKUK.BK))}
