"""Attacks through the file system and the operating system, for the hostile corpus (cases.py).

Inputs that are not regular files (symlinks, FIFOs, devices, directories) where kpitrack reads,
outputs aimed at links, devices, the definitions or the store, failing writes and renames (disk
full, read-only, permission denied, file-size limit), hidden characters, narrow terminal
encodings and out-of-range dates. Each builder returns a ``prepare(workspace, tmp)`` for a
:class:`~tests.hostile.cases.Case`; the checks look at what was (not) written.

By convention a command's output directory is ``<tmp>/out``, the workspace ``<tmp>/ws``, and a
file that must never leak or change is ``<tmp>/secret.txt``.
"""

from __future__ import annotations

import functools
import os
import shutil
import stat
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA, Run

Prepare = Callable[[Path, Path], list[str]]
Fault = Callable[[pytest.MonkeyPatch], None]

AS_OF = "2020-12-31"
SECRET = "TOP-SECRET-CONTENT"
STEM = f"proef_{AS_OF}_nl"


def secret(tmp: Path) -> Path:
    """A file outside the workspace that no command may read into its output or change."""
    path = tmp / "secret.txt"
    if not path.exists():
        path.write_text(f"secret: {SECRET}\n", encoding="utf-8")
    return path


def out_dir(ws: Path) -> Path:
    return ws.parent / "out"


# --- commands -----------------------------------------------------------------------------


def command(name: str, ws: Path, tmp: Path) -> list[str]:
    """The arguments of one reading command on workspace ``ws``."""
    out = out_dir(ws)
    return {
        "validate": ["validate", str(ws)],
        "status": ["status", str(ws), "--as-of", AS_OF],
        "report": ["report", str(ws), "--as-of", AS_OF, "--format", "html", "--out", str(out)],
        "template": [
            *("template", "--partner", "politie", "--workspace", str(ws)),
            *("--format", "csv", "--out", str(out / "sjabloon.csv")),
        ],
        "export": ["export", str(ws), "--format", "csv", "--out", str(out / "cijfers.csv")],
        "diff": ["diff", str(ws), str(ws)],
    }[name]


def stored(ws: Path) -> None:
    """Store one valid submission (export and the store cases need figures)."""
    from kpitrack.intake.submit import submit_file

    assert submit_file(ws, DATA / "csv" / "valid-bom.csv", "politie").accepted


# --- inputs that are not regular files ----------------------------------------------------


def plant(kind: str, at: Path, tmp: Path) -> None:
    """Put a hostile non-file at ``at`` (replacing what is there)."""
    if at.is_symlink() or at.is_file():
        at.unlink()
    elif at.is_dir():
        shutil.rmtree(at)
    at.parent.mkdir(parents=True, exist_ok=True)
    if kind == "symlink":
        at.symlink_to(secret(tmp))
    elif kind == "dev-zero-link":
        at.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(at)
    elif kind == "device":
        try:  # a node of /dev/zero itself, not a link to it
            os.mknod(at, stat.S_IFCHR | 0o644, os.makedev(1, 5))
        except PermissionError:
            pytest.skip("creating a device node needs CAP_MKNOD")
    elif kind == "directory":
        at.mkdir()
        (at / "inside.yaml").write_text("id: inside\n", encoding="utf-8")
    else:
        raise ValueError(kind)


def definition_file(kind: str, relative: str, name: str) -> Prepare:
    """``relative`` (programme/programme.yaml or kpis/x.yaml) replaced by ``kind``; run ``name``."""

    def prepare(ws: Path, tmp: Path) -> list[str]:
        plant(kind, ws / relative, tmp)
        args = command(name, ws, tmp)
        return [*args, "--format", "json"] if name == "validate" else args

    return prepare


def linked_directory(relative: str, name: str, *, with_store: bool = False) -> Prepare:
    """``relative`` (a workspace directory) as a symlink to a directory outside; run ``name``.

    The directory outside holds what today's code would pull in: the workspace's own files
    for definitions and the store, the secret in commentary and in a template override.
    """

    def prepare(ws: Path, tmp: Path) -> list[str]:
        if with_store:
            stored(ws)
        real = ws / relative
        outside = tmp / "elsewhere" / real.name
        if real.is_dir():
            shutil.copytree(real, outside)
            shutil.rmtree(real)
        elif relative == "commentary":
            (outside / AS_OF).mkdir(parents=True)
            (outside / AS_OF / "summary.md").write_text(f"Commentaar {SECRET}\n", "utf-8")
        elif relative.startswith("commentary/"):
            outside.mkdir(parents=True)
            (outside / "summary.md").write_text(f"Commentaar {SECRET}\n", "utf-8")
        else:  # report_templates
            outside.mkdir(parents=True)
            (outside / "report.css").write_text(f"/* {SECRET} */\n", "utf-8")
        real.parent.mkdir(parents=True, exist_ok=True)
        real.symlink_to(outside, target_is_directory=True)
        return command(name, ws, tmp)

    return prepare


def commentary_file(kind: str) -> Prepare:
    def prepare(ws: Path, tmp: Path) -> list[str]:
        plant(kind, ws / "commentary" / AS_OF / "summary.md", tmp)
        return command("report", ws, tmp)

    return prepare


def template_file(kind: str, name: str) -> Prepare:
    """A workspace's report_templates/<name> as a hostile non-file."""

    def prepare(ws: Path, tmp: Path) -> list[str]:
        plant(kind, ws / "report_templates" / name, tmp)
        return command("report", ws, tmp)

    return prepare


def published_record(kind: str) -> Prepare:
    def prepare(ws: Path, tmp: Path) -> list[str]:
        plant(kind, ws / "reports" / "published.yaml", tmp)
        return command("report", ws, tmp)

    return prepare


# --- outputs aimed where they must not go -------------------------------------------------


def report_over_link(name: str, fmt: str = "html") -> Prepare:
    """A symlink to the secret planted at ``out/<name>`` before ``report --format fmt``."""

    def prepare(ws: Path, tmp: Path) -> list[str]:
        out = out_dir(ws)
        out.mkdir(exist_ok=True)
        (out / name).symlink_to(secret(tmp))
        return ["report", str(ws), "--as-of", AS_OF, "--format", fmt, "--out", str(out)]

    return prepare


def report_out_inside(part: str) -> Prepare:
    def prepare(ws: Path, tmp: Path) -> list[str]:
        out = ws / part / "rapport"
        return ["report", str(ws), "--as-of", AS_OF, "--format", "html", "--out", str(out)]

    return prepare


def template_out(target: Callable[[Path, Path], Path], fmt: str = "csv") -> Prepare:
    def prepare(ws: Path, tmp: Path) -> list[str]:
        out = target(ws, tmp)
        args = ["template", "--partner", "politie", "--workspace", str(ws), "--format", fmt]
        return [*args, "--out", str(out)]

    return prepare


def store_file(ws: Path, tmp: Path) -> Path:
    stored(ws)
    return ws / "measurements" / "ledger.jsonl"


def planted_link(ws: Path, tmp: Path) -> Path:
    """A symlink to the secret where the output file goes (a .csv: template and export)."""
    link = tmp / "uitvoer.csv"
    link.symlink_to(secret(tmp))
    return link


def export_out(target: Callable[[Path, Path], Path]) -> Prepare:
    def prepare(ws: Path, tmp: Path) -> list[str]:
        stored(ws)
        return ["export", str(ws), "--format", "csv", "--out", str(target(ws, tmp))]

    return prepare


def fifo_descriptor(ws: Path, tmp: Path) -> Path:
    out = out_dir(ws)
    out.mkdir()
    os.mkfifo(out / "datapackage.json")
    return out / "cijfers.csv"


# --- failing writes and renames -----------------------------------------------------------


def failing(name: str, code: int, *, after: int = 0) -> Fault:
    """Make ``os.<name>`` raise ``OSError(code)`` from its ``after + 1``-th call on."""

    def install(patch: pytest.MonkeyPatch) -> None:
        real = getattr(os, name)
        calls = [0]

        def fake(*args: Any, **kwargs: Any) -> Any:
            calls[0] += 1
            if calls[0] > after:
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        patch.setattr(os, name, fake)

    return install


def failing_mkstemp(code: int) -> Fault:
    def install(patch: pytest.MonkeyPatch) -> None:
        def fake(*args: Any, **kwargs: Any) -> Any:
            raise OSError(code, os.strerror(code))

        patch.setattr(tempfile, "mkstemp", fake)

    return install


def report_formats(fmt: str) -> Prepare:
    def prepare(ws: Path, tmp: Path) -> list[str]:
        return ["report", str(ws), "--as-of", AS_OF, "--format", fmt, "--out", str(out_dir(ws))]

    return prepare


def exported(ws: Path, tmp: Path) -> list[str]:
    stored(ws)
    return command("export", ws, tmp)


def templated(ws: Path, tmp: Path) -> list[str]:
    return command("template", ws, tmp)


def in_tmpfs(options: str) -> tuple[str, ...]:
    """Run the command with its ``--out`` directory a fresh tmpfs mounted with ``options``.

    The mount lives in a mount namespace of its own and vanishes with the process, so the
    script lists on stderr what the command left in it.
    """
    script = (
        'prev=; for a in "$@"; do [ "$prev" = --out ] && out=$a; prev=$a; done; '
        f'mkdir -p "$out" && mount -t tmpfs -o {options} kpitrack-test "$out" || exit 97; '
        '"$@"; rc=$?; echo "left in out: [$(ls -A "$out")]" >&2; exit $rc'
    )
    return ("unshare", "--mount", "--", "sh", "-c", script, "sh")


@functools.cache
def _can_mount_tmpfs() -> bool:
    """Whether this machine lets us mount a tmpfs in a mount namespace of our own (root)."""
    if shutil.which("unshare") is None:
        return False
    probe = (
        'd=$(mktemp -d) && mount -t tmpfs -o size=64k probe "$d" && umount "$d"; '
        'r=$?; rmdir "$d"; exit $r'
    )
    done = subprocess.run(
        ["unshare", "--mount", "--", "sh", "-c", probe], capture_output=True, timeout=30
    )
    return done.returncode == 0


def with_tmpfs(prepare: Prepare) -> Prepare:
    def checked(ws: Path, tmp: Path) -> list[str]:
        if not _can_mount_tmpfs():
            pytest.skip("mounting a tmpfs in a mount namespace is not permitted here")
        return prepare(ws, tmp)

    return checked


WITHOUT_CAPABILITIES = ("setpriv", "--bounding-set=-all", "--")
"""Root without any capability: no CAP_DAC_OVERRIDE, so file permissions hold for it too."""


def unwritable_out(ws: Path, tmp: Path) -> list[str]:
    """``report`` into a directory owned by another user, run without capabilities: EACCES."""
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        pytest.skip("needs setpriv and root")
    out = out_dir(ws)
    out.mkdir(mode=0o755)
    os.chown(out, 65534, 65534)
    return ["report", str(ws), "--as-of", AS_OF, "--format", "html", "--out", str(out)]


def file_size_limit(size: int) -> tuple[str, ...]:
    return ("prlimit", f"--fsize={size}", "--")


def long_title(ws: Path, tmp: Path) -> list[str]:
    """A 230-character programme title (Word's property limit is 255 with the report kind)."""
    path = ws / "programme" / "programme.yaml"
    title = "Programma " + "lang " * 44
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("nl: Proefprogramma", f'nl: "{title.strip()}"'), "utf-8")
    return report_formats("html,docx")(ws, tmp)


def broken_reference(ws: Path, tmp: Path) -> list[str]:
    """A workspace reference.docx that is not a Word document: the HTML must not be written."""
    (ws / "report_templates").mkdir()
    (ws / "report_templates" / "reference.docx").write_bytes(b"PK\x03\x04 not a document")
    return report_formats("html,docx")(ws, tmp)


# --- hidden characters --------------------------------------------------------------------

HIDDEN = "\u202e\u2066\u2069\u200f\x1b\x07"


def hidden_note(ws: Path, tmp: Path) -> list[str]:
    """A stored note and a programme title carrying bidi overrides and control characters."""
    from kpitrack.intake.submit import submit_file

    note = "gecorrigeerd \u202e321\u202c \u2066x\u2069 \u200f\x1b[31m rood \x07"
    path = tmp / "note.csv"
    path.write_text(
        f'indicator,period,value,region,obs_status,lower,upper,note\nzaken,2019,170,,,,,"{note}"\n',
        encoding="utf-8",
    )
    assert submit_file(ws, path, "politie").accepted
    programme = ws / "programme" / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace("nl: Lijn,", 'nl: "Lijn \u202eenjil",'), "utf-8")
    return report_formats("html,docx")(ws, tmp)


def escape_name(ws: Path, tmp: Path) -> list[str]:
    return template_out(lambda w, t: t / "sjabloon\x1b[2J\u202e.csv")(ws, tmp)


def submitted(ws: Path, tmp: Path) -> list[str]:
    return [
        "submit",
        str(DATA / "csv" / "valid-bom.csv"),
        "--partner",
        "politie",
        "--workspace",
        str(ws),
    ]


def escape_submission(ws: Path, tmp: Path) -> list[str]:
    path = tmp / "cijfers\x1b]0;pwned\x07\x1b[2J.csv"
    shutil.copyfile(DATA / "csv" / "valid-bom.csv", path)
    return ["submit", str(path), "--partner", "politie", "--workspace", str(ws)]


def escape_out_dir(ws: Path, tmp: Path) -> list[str]:
    out = tmp / "uit\x1b[31m"
    return ["report", str(ws), "--as-of", AS_OF, "--format", "html", "--out", str(out)]


# --- narrow terminal encodings ------------------------------------------------------------


def status_table(ws: Path, tmp: Path) -> list[str]:
    stored(ws)
    return ["status", str(ws), "--as-of", AS_OF]


def odd_place(ws: Path, tmp: Path, *, broken: bool) -> list[str]:
    """``validate`` of a copy under a non-ASCII path, with typographic quotes in a definition.

    Valid, it prints its summary (with an em dash) on stdout; ``broken``, problems on stderr.
    """
    odd = tmp / "wérk✔"
    shutil.copytree(ws, odd)
    zaken = odd / "kpis" / "zaken.yaml"
    text = zaken.read_text("utf-8").replace("Zaken naar het OM", "‘Zaken’ „naar” het OM ✔")
    zaken.write_text(text + ("onbekend: ‘waarde’\n" if broken else ""), "utf-8")
    return ["validate", str(odd)]


def valid_in_odd_place(ws: Path, tmp: Path) -> list[str]:
    return odd_place(ws, tmp, broken=False)


def problems_in_odd_place(ws: Path, tmp: Path) -> list[str]:
    return odd_place(ws, tmp, broken=True)


def template_odd_name(ws: Path, tmp: Path) -> list[str]:
    return template_out(lambda w, t: t / "sjabloon‘✔’.csv")(ws, tmp)


# --- checks -------------------------------------------------------------------------------


def secret_kept(ws: Path, run: Run) -> None:
    """The secret neither leaked into the output nor changed."""
    tmp = ws.parent
    assert SECRET not in run.text
    if (tmp / "secret.txt").exists():
        assert (tmp / "secret.txt").read_text(encoding="utf-8") == f"secret: {SECRET}\n"
    for path in out_dir(ws).rglob("*") if out_dir(ws).is_dir() else ():
        if path.is_file() and not path.is_symlink():
            assert SECRET.encode() not in path.read_bytes(), path


def nothing_written(ws: Path, run: Run) -> None:
    """No output of the run exists, and no temporary file was left behind anywhere near."""
    out = out_dir(ws)
    left = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
    assert left == [], left
    hidden = [p for p in ws.parent.rglob(".*") if p.name.endswith((".tmp", ".old"))]
    assert hidden == [], hidden


def only_planted(ws: Path, run: Run) -> None:
    """What was planted in out/ is still there, untouched; nothing else was written."""
    secret_kept(ws, run)
    out = out_dir(ws)
    assert all(p.is_symlink() or p.is_fifo() for p in out.iterdir()), list(out.iterdir())


def report_beside_planted_link(ws: Path, run: Run) -> None:
    """The planted temporary-name link is untouched and the report was written beside it."""
    secret_kept(ws, run)
    out = out_dir(ws)
    assert any(p.is_symlink() for p in out.iterdir())
    assert any(
        p.is_file() and not p.is_symlink() and p.name.startswith(STEM) for p in out.iterdir()
    )


def nothing_inside(part: str) -> Callable[[Path, Run], None]:
    def check(ws: Path, run: Run) -> None:
        assert not (ws / part / "rapport").exists()

    return check


def definitions_unchanged(ws: Path, run: Run) -> None:
    from small_workspace import PROGRAMME, ZAKEN

    assert (ws / "kpis" / "zaken.yaml").read_text("utf-8") == ZAKEN
    assert (ws / "programme" / "programme.yaml").read_text("utf-8") == PROGRAMME


def no_dev_stdout_actions(ws: Path, run: Run) -> None:
    planted = Path("/dev/stdout_actions")
    existed = planted.exists() or planted.is_symlink()
    if existed:
        planted.unlink()  # today's code made it: clean up the machine, then fail
    assert not existed, "template wrote /dev/stdout_actions"


def left_in_tmpfs_empty(ws: Path, run: Run) -> None:
    assert "left in out: []" in run.err, run.err[-500:]


def long_title_report(ws: Path, run: Run) -> None:
    import docx

    out = out_dir(ws)
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".html"]
    document = docx.Document(str(out / f"{STEM}.docx"))
    title = document.core_properties.title
    assert title.startswith("Programma lang lang") and len(title) <= 255, len(title)


def no_hidden_characters(ws: Path, run: Run) -> None:
    """Neither the HTML (outside plotly.js) nor any part of the .docx keeps a hidden character."""
    import re

    out = out_dir(ws)
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    html = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    assert "gecorrigeerd" in html and "enjil" in html
    found = sorted({f"U+{ord(c):04X}" for c in html if c in HIDDEN})
    assert found == [], found
    with zipfile.ZipFile(out / f"{STEM}.docx") as archive:
        text = "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )
    assert "gecorrigeerd" in text
    found = sorted({f"U+{ord(c):04X}" for c in text if c in HIDDEN})
    assert found == [], found


def terminal_clean(ws: Path, run: Run) -> None:
    """Nothing printed can drive the terminal: no escape, no bell, no bidi override."""
    assert not any(c in run.text for c in "\x1b\x07\u202e"), ascii(run.text[-500:])
    assert "\\u001b" in run.text


def no_encoding_crash(ws: Path, run: Run) -> None:
    assert "UnicodeEncodeError" not in run.text and "PYTHONIOENCODING" not in run.text
