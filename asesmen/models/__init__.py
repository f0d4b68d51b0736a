"""Models of the asesmen app, one module per stage: ``perencanaan`` (planning: jadwal, asesi and asesors
placed in it, TUK readiness, FR.MAPA.01/02, pre-assessment records, FR.AK.01). Execution (``pelaksanaan``)
and decision (``keputusan``) follow with their issues."""

from .banding import Banding
from .keputusan import KeputusanPeserta, KeputusanSK, LaporanAsesmen, NomorUrutKeputusan
from .pelaksanaan import (
    BuktiKerja,
    ButirInstrumen,
    JawabanButir,
    PenilaianKUK,
    PenilaianUnit,
    RekamanAsesmen,
    TandaTangan,
    TinjauanAsesmen,
    UjianTertulis,
    UmpanBalik,
)
from .perencanaan import (
    Jadwal,
    KonsultasiPraAsesmen,
    MapaElemen,
    MapaUnit,
    PenugasanAsesor,
    PersetujuanAsesmen,
    PesertaJadwal,
    VerifikasiTUK,
)
from .validasi import SampelRekaman, SampelValidasi, TemuanValidasi, TindakLanjutValidasi

__all__ = [
    "KeputusanPeserta",
    "KeputusanSK",
    "LaporanAsesmen",
    "NomorUrutKeputusan",
    "Banding",
    "BuktiKerja",
    "ButirInstrumen",
    "JawabanButir",
    "PenilaianKUK",
    "PenilaianUnit",
    "RekamanAsesmen",
    "TandaTangan",
    "TinjauanAsesmen",
    "UjianTertulis",
    "UmpanBalik",
    "Jadwal",
    "KonsultasiPraAsesmen",
    "MapaElemen",
    "MapaUnit",
    "PenugasanAsesor",
    "PersetujuanAsesmen",
    "PesertaJadwal",
    "VerifikasiTUK",
    "SampelRekaman",
    "SampelValidasi",
    "TemuanValidasi",
    "TindakLanjutValidasi",
]
