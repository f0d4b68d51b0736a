from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    """Log in with a username or an email address (case-insensitive for the email)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        username = username.strip()
        if "@" in username:
            user = User.objects.filter(email__iexact=username).order_by("pk").first()
        else:
            user = User.objects.filter(username__iexact=username).order_by("pk").first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint of existence
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request, credentials) -> str:
    """The account a login attempt aims at, however it was typed (``Budi``, ``budi@…``), so that the
    lockout counts every spelling against the same account."""
    typed = ((credentials or {}).get("username") or request.POST.get("username") or "").strip().lower()
    if "@" in typed:
        User = get_user_model()
        username = User.objects.filter(email__iexact=typed).values_list("username", flat=True).first()
        return (username or typed).lower()
    return typed


def client_ip(request) -> str:
    """The client's address for the login lockout. Behind ``LSP_TRUSTED_PROXY_COUNT`` reverse proxies
    the address is the one the outermost trusted proxy saw (read from the right of X-Forwarded-For,
    so a client cannot forge it by sending its own header)."""
    from django.conf import settings

    count = settings.LSP_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
