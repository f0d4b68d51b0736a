"""The REST API's shared parts (``/api/v1/``, Django REST Framework, schema by drf-spectacular).

Each app keeps its own endpoints in ``<app>/api.py`` (serializers + views) and registers their URL patterns
here from its ``AppConfig.ready`` with ``register_api_urls`` — the same registry pattern as the menu and the
search, so ``lsp`` imports no app above it. ``lsp/api_urls.py`` mounts what was registered.

Rules every endpoint follows (the same as the web pages):

* role first (``HasRole``: 403 for a signed-in user without one of the endpoint's roles, 401/403 for
  anonymous), then ownership through the app's ``*_for_user`` selectors, so a foreign id answers 404;
* writes go through the existing services (same validation, same audit rows); a Django
  ``ValidationError`` becomes a 400 with field messages (``validation_error_response``);
* big lists page with a cursor (``Cursor``): constant cost at any depth, no COUNT over the table.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from .access import is_admin_lsp, user_has_role
from .api_pagination import Cursor  # noqa: F401 - the default pagination, named here for readers
from .filters import SkemaFilter
from .models import KUK, Elemen, Skema, UnitKompetensi

_url_patterns: list = []


def register_api_urls(patterns) -> None:
    """Add an app's API URL patterns (``path()`` entries relative to ``/api/v1/``)."""
    _url_patterns.extend(patterns)


def api_url_patterns() -> list:
    return list(_url_patterns)


# --- the common policy ------------------------------------------------------------------------------


class AnonThrottle(AnonRateThrottle):
    """Anonymous requests per client address and minute, ``LSP_API_ANON_PER_MINUTE`` (0: no limit); read at
    request time so a deployment (or a test) changes it without a restart of the class machinery."""

    def __init__(self):  # the parent reads the rate from DRF settings at import; ours is read per request
        pass

    def allow_request(self, request, view):
        limit = getattr(settings, "LSP_API_ANON_PER_MINUTE", 120)
        if limit <= 0 or (request.user and request.user.is_authenticated):
            return True
        self.rate = f"{limit}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 - the cache being down must not take the API down (as lsp.throttle)
            return True


class HasRole(permissions.BasePermission):
    """Signed in and holding one of the view's ``roles`` (like ``lsp.access.RoleRequiredMixin``)."""

    message = _("Peran Anda tidak memiliki akses ke data ini.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and user_has_role(request.user, *view.roles))


def validation_error_response(exc: DjangoValidationError) -> Response:
    """A service's ``ValidationError`` as a 400: ``{field: [messages]}``, or ``{"detail": [messages]}`` when
    it names no field; each message as the web form shows it (translated)."""
    if hasattr(exc, "error_dict"):
        body = {("detail" if field == "__all__" else field): [str(m) for m in DjangoValidationError(errs).messages]
                for field, errs in exc.error_dict.items()}
    else:
        body = {"detail": [str(m) for m in exc.messages]}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def call_service(func, **kwargs):
    """Run a service: (result, None) or (None, the 400/403 response)."""
    try:
        return func(**kwargs), None
    except DjangoValidationError as exc:
        return None, validation_error_response(exc)
    except DjangoPermissionDenied:
        return None, Response({"detail": str(HasRole.message)}, status=status.HTTP_403_FORBIDDEN)


def scoped_union(model, *querysets):
    """Rows of ``model`` in any of ``querysets`` (a user holding several roles sees each role's rows). One
    queryset is returned as it is; several become one plain queryset of ``model`` (each selector's own
    annotations and joins stay in its subquery) — the caller adds its ``select_related``."""
    wanted = [qs for qs in querysets if qs is not None]
    if not wanted:
        return model.objects.none()
    if len(wanted) == 1:
        return wanted[0]
    cond = Q()
    for qs in wanted:
        cond |= Q(pk__in=qs.values("pk"))
    return model.objects.filter(cond)


# --- the schema: the error answers every endpoint may give -------------------------------------------

_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
_FIELDS = {
    "type": "object",
    "description": "{field: [messages]}; messages not tied to a field under \"detail\"",
    "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
}
_ERRORS = {
    "400": ("Input tidak valid (pesan per field)", "GalatInput"),
    "401": ("Belum masuk: kirim token atau sesi", "Galat"),
    "403": ("Peran tidak berhak, atau token CSRF hilang", "Galat"),
    "404": ("Tidak ada, atau bukan milik Anda", "Galat"),
    "405": ("Metode tidak didukung", "Galat"),
    "415": ("Kirim JSON", "Galat"),
    "429": ("Terlalu banyak permintaan", "Galat"),
}


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing: give every operation the error answers DRF and our views may send,
    with their bodies, so clients (and the schemathesis test) know them all."""
    result.setdefault("components", {}).setdefault("schemas", {}).update({"Galat": _DETAIL, "GalatInput": _FIELDS})
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            codes = {"400", "401", "403", "405", "429"}
            if "{" in path:
                codes.add("404")
            if method in {"post", "put", "patch"}:
                codes.add("415")
            if any(p.get("name") == "cursor" for p in operation.get("parameters", [])):
                codes.add("404")  # DRF answers an invalid cursor with 404
            responses = operation.setdefault("responses", {})
            for code in sorted(codes):
                text, schema = _ERRORS[code]
                responses.setdefault(code, {
                    "description": text,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
                })
    return result


# --- skema and units: public information ------------------------------------------------------------


class KUKSerializer(serializers.ModelSerializer):
    class Meta:
        model = KUK
        fields = ["id", "urutan", "deskripsi"]


class ElemenSerializer(serializers.ModelSerializer):
    kuk = KUKSerializer(many=True, read_only=True)

    class Meta:
        model = Elemen
        fields = ["id", "urutan", "nama", "kuk"]


class UnitSerializer(serializers.ModelSerializer):
    elemen = ElemenSerializer(many=True, read_only=True)

    class Meta:
        model = UnitKompetensi
        fields = ["id", "urutan", "kode", "judul", "elemen"]


class SkemaRingkasSerializer(serializers.ModelSerializer):
    """A skema named inside another record (an application, a batch, a record)."""

    class Meta:
        model = Skema
        fields = ["id", "kode", "nama"]


class SkemaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skema
        fields = ["id", "kode", "nama", "jenis", "level_kkni", "bidang", "masa_berlaku_tahun", "aktif"]


class SkemaDetailSerializer(SkemaSerializer):
    deskripsi = serializers.CharField(read_only=True)
    units = UnitSerializer(many=True, read_only=True)

    class Meta(SkemaSerializer.Meta):
        fields = [*SkemaSerializer.Meta.fields, "deskripsi", "units"]


def skema_for_api(user):
    """Active skema for everyone (as the LSP's public site lists them); admin LSP also the inactive ones."""
    qs = Skema.objects.all()
    return qs if is_admin_lsp(user) else qs.filter(aktif=True)


class SkemaMixin:
    permission_classes = [permissions.AllowAny]
    throttle_classes = [AnonThrottle]

    def get_queryset(self):
        return skema_for_api(self.request.user)


@extend_schema_view(get=extend_schema(tags=["skema"], summary=_("Daftar skema sertifikasi (publik)")))
class SkemaList(SkemaMixin, generics.ListAPIView):
    serializer_class = SkemaSerializer
    filterset_class = SkemaFilter


@extend_schema_view(get=extend_schema(tags=["skema"], summary=_("Skema dengan unit, elemen dan KUK (publik)")))
class SkemaDetail(SkemaMixin, generics.RetrieveAPIView):
    serializer_class = SkemaDetailSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("units__elemen__kuk")
