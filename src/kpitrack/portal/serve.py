"""``kpitrack serve``: run the portal with uvicorn (design §7, §9).

The CLI calls :func:`serve` by name (the CLI and the portal never import each other). Logs: the
audit log goes to ``.kpitrack/audit.jsonl`` and to standard error; uvicorn's access log is off,
as its request lines would show invitation tokens.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import list_people
from kpitrack.core.errors import UsageError
from kpitrack.core.layout import WorkspaceLayout
from kpitrack.portal.config import MIB, PortalConfig


def serve(
    directory: Path | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    demo: bool = False,
    secure_cookies: bool = False,
    trusted_proxy: str = "127.0.0.1",
    max_upload_mib: int = 25,
) -> None:
    """Serve the portal for ``directory`` (or, with ``demo``, for a copy of the example)."""
    import uvicorn

    from kpitrack.portal.app import create_app

    if not 1 <= max_upload_mib <= 200:
        raise UsageError(
            f"--max-upload-mib takes 1 to 200 (the store's limit); got {max_upload_mib}"
        )
    made = None
    if demo:
        if directory is not None:
            raise UsageError("--demo serves its own copy of the example; leave out DIR")
        from kpitrack.portal.demo import make_demo

        made = make_demo()
        root = made.root
    else:
        root = Path(directory or ".")
        if not WorkspaceLayout(root).programme_file.is_file():
            raise UsageError(f"{root} is not a workspace (no programme/programme.yaml)")
    config = PortalConfig(
        root=root,
        secure_cookies=secure_cookies,
        max_upload_bytes=max_upload_mib * MIB,
        demo=demo,
    )
    app = create_app(config)
    _show_audit_log()
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    if made is not None:
        _print_demo(made, url)
    else:
        _print_start(root, url)
    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            proxy_headers=True,
            forwarded_allow_ips=trusted_proxy,
            access_log=False,
            server_header=False,
            log_level="warning",
        )
    finally:
        if made is not None:
            shutil.rmtree(made.root.parent, ignore_errors=True)


def _show_audit_log() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    audit = logging.getLogger("kpitrack.audit")
    audit.addHandler(handler)
    audit.setLevel(logging.INFO)
    audit.propagate = False


def _print_start(root: Path, url: str) -> None:
    with open_accounts(root) as db:
        people = list_people(db)
    print(f"kpitrack portal for {root.resolve()} on {url}  (Ctrl+C stops it)")
    if not any(p.state == "active" for p in people):
        print(
            "no one can log in yet: kpitrack users add EMAIL --partner ID | --office "
            f"--workspace {root} prints an invitation link"
        )


def _print_demo(made: object, url: str) -> None:
    from kpitrack.portal.demo import Demo

    assert isinstance(made, Demo)
    print(f"kpitrack portal DEMO on {url}  (Ctrl+C stops it and deletes the copy)")
    print(f"a copy of {made.source} in {made.root}")
    print("log in with one of these accounts (passwords are new at every start):")
    width = max(len(a.email) for a in made.accounts)
    for account in made.accounts:
        role = f"partner {account.partner}" if account.partner else "programme office"
        print(f"  {account.email:<{width}}  {account.password}  {role}")
