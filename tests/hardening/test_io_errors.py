"""Issue 14, item 7: a file that cannot be written is an error naming it, never a traceback;
the interview keeps what was typed; links and read-only files are respected."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from cdc.questionnaire import Questionnaire
from cdc.writers.xlsx import grid_bytes
from tests.hardening.helpers import ANSWERS, EXAMPLE, _limits, cdc, clean_failure, success
from tests.requirements.helpers import answers
from tests.requirements.test_scoring import fill


@pytest.fixture()
def locked(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write to (its permissions restored afterwards for clean-up)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_render_into_a_read_only_folder(locked: Path) -> None:
    result = cdc("render", EXAMPLE, "-f", "md,docx", "-o", locked, read_only=True)
    clean_failure(result, f"error: {locked}/", "cannot write this file: permission denied",
                  "Choose a folder you may write to")
    assert not list(locked.iterdir())


def test_render_through_a_file(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    result = cdc("render", EXAMPLE, "-f", "md", "-o", afile / "sub")
    clean_failure(result, f"error: {afile}/sub/", "cannot write this file: not a directory",
                  "A part of the path is a file")


def test_render_on_a_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cdc("render", EXAMPLE, "-f", "docx", "-o", out, file_size=20_000)
    clean_failure(result, f"error: {out}/", "cannot write this file: file too large",
                  "free some space")
    assert list(out.iterdir()) == []  # neither the document nor a temporary file


def test_new_in_a_read_only_folder(locked: Path) -> None:
    target = locked / "projet.yaml"
    clean_failure(cdc("new", target, read_only=True),
                  f"error: {target}: cannot write this file: permission denied")


def test_score_and_batch_reports_to_read_only_places(bank: Questionnaire, tmp_path: Path,
                                                      locked: Path) -> None:
    grid = tmp_path / "grid.xlsx"
    grid.write_bytes(grid_bytes(answers(), bank))
    vendor = fill(grid, tmp_path / "v.xlsx", "Alpha", coverage="Standard")
    target = locked / "scores.xlsx"
    clean_failure(cdc("score", "-a", ANSWERS, vendor, "-f", "xlsx", "-o", target,
                      read_only=True), f"error: {target}: cannot write this file")
    report = locked / "report.json"
    result = cdc("batch", EXAMPLE, "-o", tmp_path / "out", "-f", "md", "--report", report,
                 read_only=True)
    clean_failure(result, f"error: {report}: cannot write this file")
    assert list((tmp_path / "out").glob("*/*.md"))  # the documents themselves were written


def test_a_read_only_output_file_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    success(cdc("render", EXAMPLE, "-f", "md", "-o", out))
    [md] = out.glob("*.md")
    md.write_text("gardé", encoding="utf-8")
    md.chmod(0o444)
    clean_failure(cdc("render", EXAMPLE, "-f", "md", "-o", out),
                  f"error: {md}: cannot write this file: the file is read-only")
    assert md.read_text(encoding="utf-8") == "gardé"


def test_an_unreadable_input_is_reported_as_such(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    shutil.copy(EXAMPLE, path)
    path.chmod(0o000)
    try:
        clean_failure(cdc("validate", path, read_only=True), str(path), "is not readable",
                      code=2)  # the command line refuses it before cdc reads it
        clean_failure(cdc("render", path, "-f", "md", read_only=True), str(path),
                      "is not readable", code=2)
        result = cdc("batch", path, "-o", tmp_path / "out", "-f", "md", read_only=True)
        clean_failure(result, "permission denied")
    finally:
        path.chmod(0o644)


# --------------------------------------------------------------------------- the interview

pexpect = pytest.importorskip("pexpect")


def _interview(path: Path, read_only: bool = False) -> object:
    env = dict(os.environ, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1")
    return pexpect.spawn(sys.executable, ["-m", "cdc", "interview", str(path), "--part", "0"],
                         env=env, encoding="utf-8", dimensions=(40, 120), timeout=60,
                         preexec_fn=_limits(read_only, None))


def _finish(child: object) -> int:
    child.expect(pexpect.EOF)  # type: ignore[attr-defined]
    child.close()  # type: ignore[attr-defined]
    return int(child.exitstatus)  # type: ignore[attr-defined]


@pytest.mark.interactive
def test_the_interview_updates_the_target_of_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "projet.yaml"
    real.parent.mkdir()
    success(cdc("new", real))
    link = tmp_path / "lien.yaml"
    link.symlink_to(real)
    child = _interview(link)
    child.expect_exact("Votre nom")
    child.send("Zoé\r")
    child.expect_exact("Votre fonction")
    child.send("DAF\r")
    child.expect_exact("nom de l'entreprise")
    child.send("\x03")
    assert _finish(child) == 130
    assert link.is_symlink() and link.resolve() == real
    assert yaml.safe_load(real.read_text(encoding="utf-8"))["meta"]["respondents"][0][
        "name"] == "Zoé"


@pytest.mark.interactive
def test_the_interview_refuses_a_read_only_answers_file(tmp_path: Path) -> None:
    path = tmp_path / "projet.yaml"
    success(cdc("new", path))
    before = path.read_bytes()
    path.chmod(0o444)
    child = _interview(path)
    child.expect_exact("read-only")
    output = child.before or ""
    assert _finish(child) == 1
    assert "Traceback" not in output
    assert path.read_bytes() == before


@pytest.mark.interactive
def test_an_interview_save_that_fails_keeps_the_answer(tmp_path: Path) -> None:
    folder = tmp_path / "projet"
    folder.mkdir()
    path = folder / "projet.yaml"
    success(cdc("new", path))
    folder.chmod(0o555)  # the file stays writable; its folder (temporary file) does not
    try:
        child = _interview(path, read_only=True)
        child.expect_exact("Votre nom")
        child.send("Zoé Rescue\r")
        child.expect_exact("Votre fonction")
        child.send("DAF\r")
        child.expect(r"saved in (\S+cdc-rescue-projet-\S+\.yaml)")
        rescue = Path(child.match.group(1))
        assert _finish(child) == 1
    finally:
        folder.chmod(0o755)
    assert "Zoé Rescue" in rescue.read_text(encoding="utf-8")
    assert "Zoé Rescue" not in path.read_text(encoding="utf-8")
    rescue.unlink()
