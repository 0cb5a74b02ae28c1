"""Open data out: the figures and statuses of a workspace as SDMX-CSV, CSV or XLSX.

Beside ``report/`` on the same floor: it reads the workspace, the progress engine and the
small-cell rule, and never the report. The library returns bytes or writes files; the CLI only
prints the paths written. See :func:`kpitrack.export.build.write_export`.
"""
