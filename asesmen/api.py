"""REST API of the asesmen app (``/api/v1/jadwal/``, ``/api/v1/rekaman/``), read only; see ``lsp/api.py``.

The web pages' rule through the same selectors: admin LSP every batch and every FR.AK.02 record; an asesor
the batches they are assigned to and the records of the asesi paired with them (``rekaman_for_user``); an
asesi the batches they are placed in (``peserta_for_asesi``), not the asesor's records."""

from django.db.models import Prefetch
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers

from lsp.access import is_admin_lsp, user_has_role
from lsp.api import HasRole, SkemaRingkasSerializer, scoped_union
from lsp.models import TUK
from lsp.roles import Role

from . import selectors, selectors_pelaksanaan
from .domain_pelaksanaan import Verdict
from .filters import JadwalFilter
from .filters_pelaksanaan import RekamanFilter
from .models import Jadwal, PenilaianUnit, RekamanAsesmen

# --- jadwal -----------------------------------------------------------------------------------------


class TUKRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = TUK
        fields = ["id", "kode", "nama", "kota"]


class JadwalSerializer(serializers.ModelSerializer):
    kode = serializers.CharField(read_only=True)
    skema = SkemaRingkasSerializer(read_only=True)
    tuk = TUKRingkasSerializer(read_only=True)

    class Meta:
        model = Jadwal
        fields = ["id", "kode", "skema", "tuk", "mulai", "selesai", "kapasitas", "status"]


def jadwal_for_api(user):
    admin = selectors.jadwal_list_for_admin(user) if is_admin_lsp(user) else None
    asesor = selectors.jadwal_for_asesor(user) if user_has_role(user, Role.ASESOR) else None
    asesi = (Jadwal.objects.filter(pk__in=selectors.peserta_for_asesi(user).values("jadwal_id"))
             if user_has_role(user, Role.ASESI) else None)
    return scoped_union(Jadwal, admin, asesor, asesi).select_related("skema", "tuk")


class JadwalMixin:
    permission_classes = [HasRole]
    roles = (Role.ADMIN_LSP, Role.ASESOR, Role.ASESI)
    serializer_class = JadwalSerializer

    def get_queryset(self):
        return jadwal_for_api(self.request.user)


@extend_schema_view(get=extend_schema(tags=["jadwal"], summary=_("Jadwal uji kompetensi yang boleh Anda lihat")))
class JadwalList(JadwalMixin, generics.ListAPIView):
    filterset_class = JadwalFilter


@extend_schema_view(get=extend_schema(tags=["jadwal"], summary=_("Satu jadwal uji kompetensi")))
class JadwalDetail(JadwalMixin, generics.RetrieveAPIView):
    pass


# --- rekaman asesmen (FR.AK.02) with the unit verdicts ---------------------------------------------


class PenilaianUnitSerializer(serializers.ModelSerializer):
    kode = serializers.CharField(source="unit.kode", read_only=True)
    judul = serializers.CharField(source="unit.judul", read_only=True)

    class Meta:
        model = PenilaianUnit
        fields = ["unit", "kode", "judul", "hasil"]


class RekamanSerializer(serializers.ModelSerializer):
    permohonan = serializers.IntegerField(source="peserta.permohonan_id", read_only=True)
    nomor_permohonan = serializers.CharField(source="peserta.permohonan.nomor", read_only=True)
    asesi_nama = serializers.CharField(source="peserta.permohonan.asesi.nama_lengkap", read_only=True)
    asesor_nama = serializers.SerializerMethodField()
    jadwal = serializers.IntegerField(source="peserta.jadwal_id", read_only=True)
    skema = SkemaRingkasSerializer(source="peserta.jadwal.skema", read_only=True)
    units = PenilaianUnitSerializer(source="penilaian_unit", many=True, read_only=True)
    rekomendasi = serializers.ChoiceField(choices=Verdict.choices, allow_blank=True, read_only=True,
                                          help_text=_("Kosong selama asesmen berjalan"))

    class Meta:
        model = RekamanAsesmen
        fields = ["id", "permohonan", "nomor_permohonan", "asesi_nama", "asesor_nama", "jadwal", "skema", "status",
                  "rekomendasi", "diajukan_pada", "units"]

    def get_asesor_nama(self, obj) -> str:
        asesor = obj.peserta.asesor
        return asesor.user.get_full_name() or asesor.user.username if asesor else ""


def rekaman_for_api(user):
    units = PenilaianUnit.objects.select_related("unit").order_by("unit__urutan", "unit_id")
    return selectors_pelaksanaan.rekaman_for_user(user).prefetch_related(
        Prefetch("penilaian_unit", queryset=units)
    )


class RekamanMixin:
    permission_classes = [HasRole]
    roles = (Role.ADMIN_LSP, Role.ASESOR)
    serializer_class = RekamanSerializer

    def get_queryset(self):
        return rekaman_for_api(self.request.user)


@extend_schema_view(get=extend_schema(tags=["rekaman"], summary=_("Rekaman asesmen (FR.AK.02) dengan hasil per unit")))
class RekamanList(RekamanMixin, generics.ListAPIView):
    filterset_class = RekamanFilter


@extend_schema_view(get=extend_schema(tags=["rekaman"], summary=_("Satu rekaman asesmen (FR.AK.02)")))
class RekamanDetail(RekamanMixin, generics.RetrieveAPIView):
    pass


api_urlpatterns = [
    path("v1/jadwal/", JadwalList.as_view(), name="jadwal-list"),
    path("v1/jadwal/<int:pk>/", JadwalDetail.as_view(), name="jadwal-detail"),
    path("v1/rekaman/", RekamanList.as_view(), name="rekaman-list"),
    path("v1/rekaman/<int:pk>/", RekamanDetail.as_view(), name="rekaman-detail"),
]
