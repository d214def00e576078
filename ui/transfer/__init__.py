"""Export and import windows."""


def finish_running() -> None:
    """Before quitting: every export is complete and every import committed or rolled
    back, so neither is cut short (their threads are daemons)."""
    from ui.transfer import export_dialog, import_run

    export_dialog.finish_running_exports()
    import_run.finish_running_imports()
