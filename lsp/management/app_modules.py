"""Find one module by name in every installed app (``demo``, ``bench_seed``), in INSTALLED_APPS order,
so that lsp's commands can run what each app provides without lsp importing the apps above it."""

from importlib import import_module

from django.apps import apps


def app_modules(name: str):
    """Yield (app_config, module) for every app that has ``<app>.<name>``; a missing module is skipped,
    an import error inside an existing one is raised."""
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise
            continue
        yield config, module
