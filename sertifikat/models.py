"""Competency certificates, PDF, public verification — models arrive with the certificate issues."""
