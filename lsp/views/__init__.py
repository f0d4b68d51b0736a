"""The lsp app's pages, one module per topic: ``home`` (landing page and role panels), ``akun`` (password
reset with the email throttle, the REST API token), ``skema`` (the skema tree and persyaratan dasar),
``imports`` (skema from XLSX/CSV), ``tuk``, ``libur`` (the holiday calendar), ``profil`` (the LSP profile),
``audit`` (the audit trail), ``nav`` (role homes, global search, in-app notifications). ``base`` holds
the helpers every app's views use."""

from .akun import ApiTokenView, PasswordResetView
from .home import home

__all__ = ["ApiTokenView", "PasswordResetView", "home"]
