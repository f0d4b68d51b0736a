"""REST API of the asesi app (``/api/v1/asesi/``, ``/api/v1/permohonan/``); see ``lsp/api.py`` for the policy.

Who sees what is the web pages' rule, through the same selectors: an asesi their own profile and
applications, admin LSP every profile and every application that is not a draft. Writes call the same
services as the forms: ``asesi_register`` (admin LSP registers an asesi, who gets the activation email),
``permohonan_create`` and ``permohonan_submit``."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from lsp.access import is_admin_lsp, user_has_role
from lsp.api import HasRole, SkemaRingkasSerializer, call_service, scoped_union
from lsp.models import Skema
from lsp.roles import Role

from . import selectors, services
from .domain import PROFILE_FIELDS, JenisKelamin, Keputusan, Pendidikan, Tujuan, mask_nik
from .filters import PermohonanFilter
from .models import AsesiProfile, Permohonan

# --- asesi profiles ---------------------------------------------------------------------------------


class AsesiSerializer(serializers.ModelSerializer):
    """A list row: the NIK masked unless the reader may see it (the owner, admin LSP on the detail)."""

    username = serializers.CharField(source="user.username", read_only=True)
    nama_lengkap = serializers.CharField(read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    nik = serializers.SerializerMethodField()
    email_dikonfirmasi = serializers.BooleanField(read_only=True)

    class Meta:
        model = AsesiProfile
        fields = ["id", "username", "nama_lengkap", "email", "nik", "jenis_kelamin", "pendidikan_terakhir",
                  "institusi", "email_dikonfirmasi", "created_at"]

    def get_nik(self, obj) -> str:
        return obj.nik if obj.user_id == self.context["request"].user.pk else mask_nik(obj.nik)


class AsesiDetailSerializer(AsesiSerializer):
    """The full profile: only the owner and admin LSP reach it (``asesi_pii_visible``), each admin look is
    recorded (UU PDP) by the view."""

    class Meta(AsesiSerializer.Meta):
        fields = [*AsesiSerializer.Meta.fields, "tempat_lahir", "tanggal_lahir", "kebangsaan", "alamat",
                  "kode_pos", "telepon", "jabatan", "alamat_kantor"]

    def get_nik(self, obj) -> str:
        return obj.nik


class AsesiCreateSerializer(serializers.Serializer):
    """Input of ``asesi_register`` on someone's behalf (no password: the person gets an activation link)."""

    username = serializers.CharField(max_length=150)
    email = serializers.EmailField(max_length=254)
    nama_lengkap = serializers.CharField(max_length=150)
    nik = serializers.CharField(max_length=16, help_text=_("16 digit sesuai KTP"))
    tempat_lahir = serializers.CharField(max_length=100)
    tanggal_lahir = serializers.DateField()
    jenis_kelamin = serializers.ChoiceField(choices=JenisKelamin.choices)
    kebangsaan = serializers.CharField(max_length=60, default="Indonesia")
    alamat = serializers.CharField(max_length=500)
    kode_pos = serializers.CharField(max_length=5)
    telepon = serializers.CharField(max_length=20)
    pendidikan_terakhir = serializers.ChoiceField(choices=Pendidikan.choices)
    institusi = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    jabatan = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    alamat_kantor = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


def asesi_for_api(user):
    """The profiles ``user`` may read: their own, or every one for admin LSP."""
    own = AsesiProfile.objects.filter(user=user) if user_has_role(user, Role.ASESI) else None
    admin = selectors.asesi_profiles_for_admin(user) if is_admin_lsp(user) else None
    return scoped_union(AsesiProfile, own, admin).select_related("user")


@extend_schema_view(
    get=extend_schema(tags=["asesi"], summary=_("Daftar asesi (asesi: profil sendiri; admin LSP: semua)")),
    post=extend_schema(
        tags=["asesi"], summary=_("Daftarkan asesi atas nama orangnya (admin LSP)"),
        request=AsesiCreateSerializer,
        responses={201: AsesiDetailSerializer},
    ),
)
class AsesiList(generics.ListCreateAPIView):
    permission_classes = [HasRole]
    roles = (Role.ADMIN_LSP, Role.ASESI)
    serializer_class = AsesiSerializer

    def get_queryset(self):
        return asesi_for_api(self.request.user)

    def create(self, request, *args, **kwargs):
        if not is_admin_lsp(request.user):
            return Response({"detail": str(HasRole.message)}, status=status.HTTP_403_FORBIDDEN)
        data = AsesiCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        profil, refused = call_service(
            services.asesi_register, username=v["username"], email=v["email"], nama_lengkap=v["nama_lengkap"],
            profile={f: v.get(f, "") for f in PROFILE_FIELDS}, by=request.user,
        )
        if refused:
            return refused
        return Response(AsesiDetailSerializer(profil, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)


@extend_schema_view(get=extend_schema(tags=["asesi"], summary=_("Profil asesi lengkap")))
class AsesiDetail(generics.RetrieveAPIView):
    permission_classes = [HasRole]
    roles = (Role.ADMIN_LSP, Role.ASESI)
    serializer_class = AsesiDetailSerializer

    def get_queryset(self):
        return asesi_for_api(self.request.user)

    def retrieve(self, request, *args, **kwargs):
        profil = self.get_object()
        if profil.user_id != request.user.pk:  # a staff look at someone's full personal data (UU PDP)
            services.asesi_profile_view_record(profile=profil, by=request.user, via="api")
        return Response(self.get_serializer(profil).data)


# --- permohonan (FR.APL.01) -------------------------------------------------------------------------


class PermohonanSerializer(serializers.ModelSerializer):
    nomor = serializers.CharField(read_only=True)
    asesi_nama = serializers.CharField(source="asesi.nama_lengkap", read_only=True)
    skema = SkemaRingkasSerializer(read_only=True)
    keputusan = serializers.ChoiceField(choices=Keputusan.choices, allow_blank=True, read_only=True,
                                        help_text=_("Kosong sampai diputuskan"))

    class Meta:
        model = Permohonan
        fields = ["id", "nomor", "asesi", "asesi_nama", "skema", "tujuan", "tujuan_lainnya", "status", "keputusan",
                  "diajukan_pada", "created_at", "updated_at"]
        read_only_fields = fields


class PermohonanUnitSerializer(serializers.Serializer):
    urutan = serializers.IntegerField()
    kode = serializers.CharField()
    judul = serializers.CharField()


class PermohonanPersyaratanSerializer(serializers.Serializer):
    urutan = serializers.IntegerField()
    deskripsi = serializers.CharField()
    wajib = serializers.BooleanField()
    hasil = serializers.CharField()


class PermohonanDetailSerializer(PermohonanSerializer):
    units = PermohonanUnitSerializer(many=True, read_only=True)
    persyaratan = PermohonanPersyaratanSerializer(many=True, read_only=True)

    class Meta(PermohonanSerializer.Meta):
        fields = [*PermohonanSerializer.Meta.fields, "units", "persyaratan"]
        read_only_fields = fields


class PermohonanCreateSerializer(serializers.Serializer):
    """A new draft FR.APL.01. ``asesi`` only for admin LSP (on someone's behalf); an asesi applies for
    themselves. ``unit_ids`` narrows the units (default: all of the skema)."""

    skema = serializers.PrimaryKeyRelatedField(queryset=Skema.objects.all())
    tujuan = serializers.ChoiceField(choices=Tujuan.choices)
    tujuan_lainnya = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    unit_ids = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
                                     required=False, max_length=200)
    asesi = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


def permohonan_for_api(user):
    """An asesi's own applications; for admin LSP every one that is not a draft (``permohonan_for_admin``)."""
    own = selectors.permohonan_for_owner(user) if user_has_role(user, Role.ASESI) else None
    admin = selectors.permohonan_for_admin(user) if is_admin_lsp(user) else None
    return scoped_union(Permohonan, own, admin).select_related("skema", "asesi__user")


class PermohonanMixin:
    permission_classes = [HasRole]
    roles = (Role.ADMIN_LSP, Role.ASESI)

    def get_queryset(self):
        return permohonan_for_api(self.request.user)


@extend_schema_view(
    get=extend_schema(tags=["permohonan"], summary=_("Daftar permohonan (FR.APL.01)")),
    post=extend_schema(
        tags=["permohonan"], summary=_("Buat draf permohonan"), request=PermohonanCreateSerializer,
        responses={201: PermohonanDetailSerializer},
    ),
)
class PermohonanList(PermohonanMixin, generics.ListCreateAPIView):
    serializer_class = PermohonanSerializer
    filterset_class = PermohonanFilter

    def create(self, request, *args, **kwargs):
        data = PermohonanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        if v.get("asesi") is not None and is_admin_lsp(request.user):
            asesi = selectors.asesi_profiles_for_admin(request.user).filter(pk=v["asesi"]).first()
        else:
            asesi = selectors.asesi_profile_get(request.user)
        if asesi is None:
            return Response({"asesi": [str(_("Profil asesi tidak ditemukan."))]}, status=status.HTTP_400_BAD_REQUEST)
        permohonan, refused = call_service(
            services.permohonan_create, asesi=asesi, skema=v["skema"], tujuan=v["tujuan"],
            tujuan_lainnya=v.get("tujuan_lainnya", ""), unit_ids=v.get("unit_ids"), by=request.user,
        )
        if refused:
            return refused
        # the draft just made, answered to whoever made it (admin LSP on someone's behalf too; afterwards a
        # draft stays the asesi's own to read, as on the web)
        permohonan = (Permohonan.objects.select_related("skema", "asesi__user")
                      .prefetch_related("units", "persyaratan").get(pk=permohonan.pk))
        return Response(PermohonanDetailSerializer(permohonan, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)


@extend_schema_view(get=extend_schema(tags=["permohonan"], summary=_("Permohonan dengan unit dan persyaratan")))
class PermohonanDetail(PermohonanMixin, generics.RetrieveAPIView):
    serializer_class = PermohonanDetailSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("units", "persyaratan")


@extend_schema(
    tags=["permohonan"], summary=_("Ajukan permohonan (draf atau dikembalikan → diajukan)"), request=None,
    responses={200: PermohonanDetailSerializer},
)
class PermohonanAjukan(PermohonanMixin, APIView):
    """``permohonan_submit``: the same checks as the web button (email confirmed, documents, APL.02)."""

    def post(self, request, pk):
        permohonan = generics.get_object_or_404(self.get_queryset(), pk=pk)
        _done, refused = call_service(services.permohonan_submit, permohonan=permohonan, by=request.user)
        if refused:
            return refused
        permohonan = self.get_queryset().prefetch_related("units", "persyaratan").get(pk=pk)
        return Response(PermohonanDetailSerializer(permohonan, context={"request": request}).data)


api_urlpatterns = [
    path("v1/asesi/", AsesiList.as_view(), name="asesi-list"),
    path("v1/asesi/<int:pk>/", AsesiDetail.as_view(), name="asesi-detail"),
    path("v1/permohonan/", PermohonanList.as_view(), name="permohonan-list"),
    path("v1/permohonan/<int:pk>/", PermohonanDetail.as_view(), name="permohonan-detail"),
    path("v1/permohonan/<int:pk>/ajukan/", PermohonanAjukan.as_view(), name="permohonan-ajukan"),
]
