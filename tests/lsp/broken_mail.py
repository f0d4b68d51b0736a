from django.core.mail.backends.base import BaseEmailBackend


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP mati")


class HookBackend(BaseEmailBackend):
    """Calls ``HookBackend.hook(message)`` for every message, then delivers it to ``mail.outbox``.

    A test sets the hook to look at the database from inside ``send()`` (what a slow SMTP server would
    let another worker see), and resets it afterwards."""

    hook = None

    def send_messages(self, email_messages):
        from django.core import mail

        for message in email_messages:
            if HookBackend.hook is not None:
                HookBackend.hook(message)
            mail.outbox.append(message)
        return len(email_messages)
