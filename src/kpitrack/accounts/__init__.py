"""Portal accounts (design §9): people of a partner or of the programme office, in local state.

Everything here lives in an SQLite database under ``<workspace>/.kpitrack/``, a directory that
holds its own ``.gitignore`` (``*``) so no workspace can commit names, e-mail addresses or
password hashes. The ledger only ever sees a person's pseudonymous id. The CLI (``kpitrack
users``) and the portal both use this package; neither imports the other.
"""
