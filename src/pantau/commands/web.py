"""`pantau demo`, `pantau serve` and `pantau import`: the web system's commands.

Django is imported inside the commands only, so `pantau check` never loads it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

IMPORT_KINDS = ("employees", "units", "accounts")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.web.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def gunicorn_command_line(bind: str, workers: int, threads: int) -> list[str]:
    """The production server both `pantau serve` and `pantau demo` run: gunicorn, threaded
    workers (keep-alive connections, as browsers use them, with TCP_NODELAY set: no request
    waits for a delayed acknowledgement)."""
    return [sys.executable, "-m", "gunicorn", "pantau.web.wsgi:application", "--bind", bind,
            "--workers", str(workers), "--threads", str(threads), "--access-logfile", "-"]


@click.command("demo")
@click.option("--port", default=8000, show_default=True, help="Port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on (the loopback by default: the demo is for this machine).")
@click.option("--no-serve", is_flag=True, help="Create and load the database, then exit.")
def demo_command(port: int, host: str, no_serve: bool) -> None:
    """Start pantau on SQLite with demonstration data for the five seed agencies.

    Creates and migrates the database (PANTAU_DATABASE_URL, default ./pantau.sqlite3),
    loads the demo data once (a second run reuses the database), prints the logins and
    serves http://HOST:PORT/ with the production server of `pantau serve` (gunicorn; plain
    HTTP, no HTTPS redirect) and a background worker."""
    _setup_django()
    _migrate()
    from pantau.web.demo import load_demo_once, logins_table

    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    receipts = load_demo_once(today)
    click.echo(
        "Data demo dimuat (demo data loaded)."
        if receipts is not None
        else "Basis data sudah berisi data; dipakai lagi."
    )
    click.echo(logins_table(today))
    if receipts:
        click.echo("Kode tanda terima pengaduan demo (receipt codes, /lapor/status/):")
        for agency, status, code in receipts:
            click.echo(f"  {code}  {agency:<22} {status}")
    if no_serve:
        return
    worker = start_worker()
    click.echo(f"pantau: http://{host}:{port}/  (Ctrl+C untuk berhenti / to stop)")
    server = subprocess.Popen(gunicorn_command_line(f"{host}:{port}", 2, 4),
                              env=os.environ.copy())
    try:
        server.wait()
    except KeyboardInterrupt:
        server.wait(timeout=30)  # gunicorn got the Ctrl+C too and stops its workers
    finally:
        for process in (server, worker):
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)


def worker_command_line() -> list[str]:
    """The background worker: Django's tasks on the database (django-tasks `db_worker`)."""
    return [sys.executable, "-m", "django", "db_worker", "--queue-name", "*",
            "--settings", "pantau.web.settings", "--no-startup-delay", "--no-reload"]


def start_worker() -> subprocess.Popen[bytes]:
    """Start a task worker beside the server (re-checks, notifications, poster frames)."""
    click.echo("pantau: pekerja latar belakang dimulai (background worker started)")
    return subprocess.Popen(worker_command_line(), env=os.environ.copy())


@click.command("worker")
def worker_command() -> None:
    """Run the background worker (re-checks after a change of the law, notifications to
    superiors, poster frames of video evidence) until stopped.

    `pantau demo` starts one by itself; beside `pantau serve`, run `pantau worker` as its own
    service (same PANTAU_* settings)."""
    _setup_django()
    _migrate()
    os.execv(sys.executable, worker_command_line())


@click.command("serve")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="gunicorn bind address.")
@click.option("--workers", default=2, show_default=True, help="gunicorn worker processes.")
@click.option("--threads", default=4, show_default=True, help="Threads of each worker.")
def serve_command(bind: str, workers: int, threads: int) -> None:
    """Run a deployment: gunicorn, static files by whitenoise, DEBUG off, secure cookies.

    Needs PANTAU_SECRET_KEY (refuses the insecure default) and, for several users,
    PANTAU_DATABASE_URL pointing at PostgreSQL. Expects HTTPS at a reverse proxy."""
    from pantau.web.config import INSECURE_SECRET_KEY, setting

    key = setting("PANTAU_SECRET_KEY").value()
    if not key or key == INSECURE_SECRET_KEY or len(key) < 32:
        raise click.ClickException(
            "PANTAU_SECRET_KEY belum diatur atau terlalu pendek (not set or too short): "
            'pantau serve refuses the insecure default. Fix: export PANTAU_SECRET_KEY="$(python3 '
            "-c 'import secrets; print(secrets.token_urlsafe(50))')\""
        )
    os.environ["PANTAU_SECURE"] = "1"
    os.environ["PANTAU_DEBUG"] = "0"
    _setup_django()
    _migrate()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    click.echo(f"pantau serve: gunicorn on {bind}")
    os.execv(sys.executable, gunicorn_command_line(bind, workers, threads))


@click.command("import")
@click.argument("kind", type=click.Choice(IMPORT_KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--agency", help="Agency id the rows belong to (needed when several exist).")
@click.option("--commit", is_flag=True, help="Write the rows. Without it: preview only.")
def import_command(kind: str, file: Path, agency: str | None, commit: bool) -> None:
    """Preview (and with --commit, write) employees, units or accounts from CSV or XLSX.

    Exit status 2 when the file has errors; nothing is written then."""
    _setup_django()
    _migrate()
    from pantau.web.registry import importer

    try:
        agency_id = importer.resolve_agency(agency)
        outcome = importer.preview(kind, file.read_bytes(), file.name, agency_id)
    except importer.ImportRefused as error:
        raise click.ClickException(str(error)) from error
    click.echo(importer.describe(outcome))
    if not outcome.ok:
        sys.exit(2)
    if not commit:
        click.echo("Belum ada yang ditulis (nothing written): ulangi dengan --commit.")
        return
    from pantau.web.audit.trail import acting_as

    with acting_as(f"cli:{os.environ.get('USER', 'import')}"):
        result = importer.apply(kind, outcome, agency_id)
    click.echo(str(result))
