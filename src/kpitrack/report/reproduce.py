"""``kpitrack report --reproduce``: a published report rebuilt exactly from its record.

The record in ``reports/published.yaml`` names what the report was built from: the git commit
of its definitions (its commentary and report templates were committed with them: publishing
refuses otherwise), the store's chain head, its preparation date and the report it was compared
with. The definitions, commentary and templates are read from git's objects into a temporary
directory (as :mod:`kpitrack.versioning.sources` does: the work tree is never touched), the
store is read up to the recorded chain head, and the report is built as it was: the same HTML,
byte for byte, whatever was submitted or changed since.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack.core.errors import ReportError, ValidationFailed
from kpitrack.core.layout import COMMENTARY_DIR, DEFINITION_PATHS, TEMPLATES_DIR
from kpitrack.core.problems import errors_of

if TYPE_CHECKING:
    from kpitrack.report.build import ReportInputs
    from kpitrack.versioning.published import PublishedReport


@contextlib.contextmanager
def reproduction_inputs(root: Path, as_of: date, lang: str | None) -> Iterator[ReportInputs]:
    """The inputs of the report published for ``as_of`` (in ``lang``), as they were then.

    Raises :class:`ReportError` when no such report was published, when it was published
    outside git, or when the store no longer holds the state it was built from.
    """
    from kpitrack.report.build import ReportInputs, report_language
    from kpitrack.report.templates import TemplateSet
    from kpitrack.versioning.cut import at_chain_head
    from kpitrack.versioning.git import export_paths, resolve_commit
    from kpitrack.versioning.published import read_published
    from kpitrack.versioning.publishing import preparation_date, reproduction
    from kpitrack.workspace import load_workspace

    entries, problems = read_published(root)
    if errors_of(problems):
        raise ValidationFailed(errors_of(problems))
    index = _published_index(entries, as_of, lang)
    entry = entries[index]
    if entry.commit is None:
        raise ReportError(
            f"cannot reproduce the report as of {as_of.isoformat()}: it was published outside "
            "git, so no commit names its definitions"
        )
    commit = resolve_commit(root, entry.commit)
    cut = at_chain_head(root, entry.chain_head, entry.snapshot)
    with tempfile.TemporaryDirectory(prefix="kpitrack-reproduce-") as tmp:
        source = Path(tmp)
        paths = [*DEFINITION_PATHS, f"{COMMENTARY_DIR}/{as_of.isoformat()}", TEMPLATES_DIR]
        export_paths(root, commit, paths, source)
        workspace = load_workspace(root, definitions=source).up_to(cut.last_seq)
        versioning = reproduction(workspace, entry, entries[:index], cut)
        if versioning.prepared is None:  # recorded before the preparation date was
            versioning = replace(versioning, prepared=preparation_date(root, commit, cut))
        yield ReportInputs(
            workspace=workspace,
            lang=report_language(workspace, lang or entry.langs[0]),
            versioning=versioning,
            templates=TemplateSet.for_workspace(source),
            commentary_root=source / COMMENTARY_DIR / as_of.isoformat(),
        )


def _published_index(entries: list[PublishedReport], as_of: date, lang: str | None) -> int:
    """The last record of a report as of ``as_of`` (in ``lang`` when given)."""
    found = [
        index
        for index, entry in enumerate(entries)
        if entry.as_of == as_of and (lang is None or lang in entry.langs)
    ]
    if found:
        return found[-1]
    published = ", ".join(
        f"{entry.as_of.isoformat()} ({', '.join(entry.langs)})" for entry in entries
    )
    which = f"as of {as_of.isoformat()}" + (f" in {lang}" if lang else "")
    raise ReportError(
        f"cannot reproduce: no report {which} was published"
        + (f"; published are: {published}" if published else "; none was published yet")
    )
