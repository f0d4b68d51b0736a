"""Account pages that are not Django's own as they are: password reset with the email throttle."""

from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError

from ..throttle import email_throttle


class PasswordResetView(auth_views.PasswordResetView):
    """Django's "lupa kata sandi" with the email throttle. Every address typed is counted, registered
    or not, so being refused tells nothing about which addresses have an account."""

    def form_valid(self, form):
        try:
            email_throttle("password-reset", request=self.request, account=form.cleaned_data["email"])
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
