"""The partner portal (design §9): a server-rendered web application over a workspace.

Partners log in, download their template, upload a file through the same submit path, lock and
ledger as ``kpitrack submit``, see every located error, fix and upload again, and follow their
history; the programme office sees every partner. ``kpitrack serve`` starts it
(:func:`kpitrack.portal.serve.serve`); :func:`kpitrack.portal.app.create_app` builds the ASGI
application. Nothing here is imported by ``import kpitrack`` or the CLI.
"""
