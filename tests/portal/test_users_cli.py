"""``kpitrack users``: add, invite, list, disable; and the portal's commands stay light."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import invitation_state
from kpitrack.cli import main

LINK = re.compile(r"(https?://\S+)/invite/(\S+)")


def run(capsys, *argv):
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


def test_add_prints_a_working_one_time_link(root, capsys):
    code, out, _ = run(
        capsys, "users", "add", "Ana@Politie.example", "--partner", "politie",
        "--workspace", str(root), "--url", "https://portal.example/",
    )  # fmt: skip
    assert code == 0
    base, token = LINK.search(out).groups()
    assert base == "https://portal.example"
    assert "ana@politie.example (partner politie)" in out
    with open_accounts(root) as db:
        assert invitation_state(db, token)[0] == "open"
    code, out, _ = run(capsys, "users", "add", "office@jenv.example", "--office",
                       "--workspace", str(root))  # fmt: skip
    assert code == 0 and "http://127.0.0.1:8000/invite/" in out


def test_add_refuses_bad_input(root, capsys):
    code, _, err = run(capsys, "users", "add", "a@x.example", "--partner", "nobody",
                       "--workspace", str(root))  # fmt: skip
    assert code == 1 and "unknown partner 'nobody'" in err
    code, _, err = run(capsys, "users", "add", "a@x.example", "--workspace", str(root))
    assert code == 2 and "either --partner ID or --office" in err
    code, _, err = run(capsys, "users", "add", "a@x.example", "--office", "--partner",
                       "politie", "--workspace", str(root))  # fmt: skip
    assert code == 2
    code, _, err = run(capsys, "users", "add", "not-an-address", "--office",
                       "--workspace", str(root))  # fmt: skip
    assert code == 1 and "not an e-mail address" in err
    code, _, err = run(capsys, "users", "list", "--workspace", str(root / "nowhere"))
    assert code == 2 and "is not a workspace" in err
    code, _, err = run(capsys, "users", "add", "a@x.example", "--office", "--valid-days",
                       "90", "--workspace", str(root))  # fmt: skip
    assert code == 2 and "--valid-days takes 1 to 30" in err


def test_list_disable_and_invite_again(root, capsys):
    run(capsys, "users", "add", "ana@politie.example", "--partner", "politie",
        "--workspace", str(root))  # fmt: skip
    run(capsys, "users", "add", "office@jenv.example", "--office", "--workspace", str(root))
    code, out, _ = run(capsys, "users", "list", "--workspace", str(root), "--format", "json")
    people = json.loads(out)
    assert [(p["email"], p["partner"], p["state"]) for p in people] == [
        ("office@jenv.example", None, "invited"),
        ("ana@politie.example", "politie", "invited"),
    ]
    code, out, _ = run(capsys, "users", "invite", "ana@politie.example",
                       "--workspace", str(root))  # fmt: skip
    assert code == 0
    token = LINK.search(out).group(2)
    code, out, _ = run(capsys, "users", "disable", "ana@politie.example", "--workspace", str(root))
    assert code == 0 and "disabled" in out
    with open_accounts(root) as db:
        assert invitation_state(db, token)[0] == "used"  # disabling ends the open link
    code, out, _ = run(capsys, "users", "list", "--workspace", str(root))
    assert re.search(r"ana@politie\.example\s+politie\s+disabled\s+p-[0-9a-f]{16}", out)
    code, _, err = run(capsys, "users", "invite", "ana@politie.example", "--workspace", str(root))
    assert code == 1 and "disabled" in err
    code, _, err = run(capsys, "users", "disable", "who@x.example", "--workspace", str(root))
    assert code == 1 and "no account" in err
    events = [json.loads(line)["event"] for line in
              (root / ".kpitrack" / "audit.jsonl").read_text().splitlines()]  # fmt: skip
    assert events == ["users.add", "users.add", "users.invite", "users.disable"]


def test_serve_refuses_a_demo_on_a_real_workspace(root, capsys):
    code, _, err = run(capsys, "serve", str(root), "--demo")
    assert code == 2 and "leave out DIR" in err
    code, _, err = run(capsys, "serve", str(root / "nowhere"))
    assert code == 2 and "is not a workspace" in err


@pytest.mark.parametrize("command", ["serve", "users", "users add", "users list"])
def test_portal_commands_have_help_and_load_no_web_stack(command):
    code = (
        "import sys\nfrom kpitrack.cli import main\n"
        f"try:\n    main({[*command.split(), '--help']!r})\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
        "heavy = ('starlette', 'uvicorn', 'argon2', 'multipart', 'jinja2', 'kpitrack.portal',"
        " 'kpitrack.accounts')\n"
        "print([m for m in heavy if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"Usage: kpitrack {command}" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"


def test_erase_removes_name_and_address_and_the_chain_still_verifies(root, capsys, tmp_path):
    from kpitrack.accounts.people import add_person
    from kpitrack.intake.history import submission_history
    from kpitrack.intake.submit import submit_file
    from kpitrack.measurements.store import verify_store

    with open_accounts(root) as db:
        ana = add_person(db, "ana.devries@politie.example", partner="politie", name="Ana de Vries")
        add_person(db, "bo@ngo.example", partner="ngo", name="Bo")
    upload = tmp_path / "zaken.csv"
    upload.write_text("indicator,period,value\nzaken,2019,180\n", encoding="utf-8")
    assert submit_file(root, upload, "politie", person=ana.person_id).accepted
    head = verify_store(root)
    assert head.errors == []

    # A running portal holds a connection: the write-ahead log then outlives the command.
    with open_accounts(root) as portal:
        portal.execute("SELECT count(*) FROM people").fetchone()
        code, out, _ = run(capsys, "users", "erase", "Ana.deVries@politie.example",
                           "--workspace", str(root), "--yes")  # fmt: skip
        assert code == 0 and ana.person_id in out
        # Nothing of her name or address is left in any file of .kpitrack/ (database, WAL, log).
        for path in (root / ".kpitrack").iterdir():
            content = path.read_bytes()
            assert b"devries" not in content.lower() and b"Ana de Vries" not in content, path.name
    assert verify_store(root).errors == []  # the ledger is untouched: the chain verifies
    (entry,) = submission_history(root)
    assert entry.person == ana.person_id  # the ledger still names the pseudonymous id
    code, out, _ = run(capsys, "log", str(root))
    assert code == 0 and f"by {ana.person_id} (erased person)" in out
    code, out, _ = run(capsys, "users", "list", "--workspace", str(root))
    assert "bo@ngo.example" in out and "politie.example" not in out
    code, _, err = run(capsys, "users", "erase", "ana.devries@politie.example", "--workspace",
                       str(root), "--yes")  # fmt: skip
    assert code == 1 and "no account" in err
