"""`cdc batch`: good and broken files together, parallel runs, incremental runs, reports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cdc.batch import collect_inputs, count_pdf_pages, output_dirs
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow


def _cdc(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": "1764374400", "PYTHONPATH": str(ROOT),
                **(env or {})}
    return subprocess.run([sys.executable, "-m", "cdc", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    (folder / "nord").mkdir(parents=True)
    (folder / "sud").mkdir()
    english = next(p for p in EXAMPLES if "english" in p.name)
    french = next(p for p in EXAMPLES if "b2b" in p.name)
    # two inputs with the same file name and the same company: they must not collide
    shutil.copy(french, folder / "nord" / "client.yaml")
    shutil.copy(french, folder / "sud" / "client.yaml")
    shutil.copy(english, folder / "english.yml")
    (folder / "broken-syntax.yaml").write_text("meta:\n  title: \"oops\n", encoding="utf-8")
    (folder / "wrong-types.yaml").write_text(
        "schema_version: 1\ncompany:\n  employees: beaucoup\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not an input", encoding="utf-8")
    return folder


def test_inputs_and_output_folders(inputs: Path, tmp_path: Path) -> None:
    found = collect_inputs([str(inputs)])
    assert len(found) == 5
    assert all(p.suffix in (".yaml", ".yml") for p in found)
    folders = output_dirs(found, tmp_path / "out")
    assert len(set(folders.values())) == 5
    names = sorted(p.name for p in folders.values())
    assert "nord-client" in names and "sud-client" in names
    globbed = collect_inputs([str(inputs / "*" / "client.yaml")])
    assert len(globbed) == 2


def test_batch_good_and_broken_files(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    result = _cdc("batch", str(inputs), "-o", str(out), "-f", "md,html", "-j", "2",
                  "--report", str(report), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    status = {Path(r["input"]).name + ":" + Path(r["out_dir"]).name: r for r in data["results"]}
    assert data["files"] == 5 and data["failed"] == 2
    broken = status["broken-syntax.yaml:broken-syntax"]
    assert broken["status"] == "failed" and "broken-syntax.yaml:2:" in broken["error"]
    wrong = status["wrong-types.yaml:wrong-types"]
    assert wrong["status"] == "failed" and "employees" in wrong["error"]
    for key in ("client.yaml:nord-client", "client.yaml:sud-client", "english.yml:english"):
        assert status[key]["status"] == "ok"
        assert {Path(o).suffix for o in status[key]["outputs"]} >= {".md", ".html"}
        for output in status[key]["outputs"]:
            assert Path(output).is_file()
    nord = sorted(p.name for p in (out / "nord-client").iterdir() if not p.name.startswith("."))
    sud = sorted(p.name for p in (out / "sud-client").iterdir() if not p.name.startswith("."))
    assert nord == sud and {Path(n).suffix for n in nord} >= {".md", ".html"}
    # non-terminal output is plain one-line records, no progress-bar control codes
    assert "\x1b[" not in result.stderr
    assert "[5/5]" in result.stderr


def test_fail_fast_stops_early(inputs: Path, tmp_path: Path) -> None:
    result = _cdc("batch", str(inputs / "broken-syntax.yaml"), str(inputs / "english.yml"),
                  "-o", str(tmp_path / "out"), "-f", "md", "-j", "1", "--fail-fast", cwd=tmp_path)
    assert result.returncode == 1
    assert "cancelled" in result.stdout
    assert not (tmp_path / "out" / "english").exists()


def test_parallel_and_serial_give_identical_files(inputs: Path, tmp_path: Path) -> None:
    good = [str(inputs / "nord" / "client.yaml"), str(inputs / "english.yml")]
    for jobs in ("1", "2"):
        result = _cdc("batch", *good, "-o", str(tmp_path / f"j{jobs}"), "-f", "md,html,docx",
                      "-j", jobs, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    files1 = sorted(p.relative_to(tmp_path / "j1") for p in (tmp_path / "j1").rglob("*")
                    if p.is_file() and p.name != ".cdc-batch.json")
    files2 = sorted(p.relative_to(tmp_path / "j2") for p in (tmp_path / "j2").rglob("*")
                    if p.is_file() and p.name != ".cdc-batch.json")
    assert files1 == files2 and len(files1) >= 6
    for rel in files1:
        assert (tmp_path / "j1" / rel).read_bytes() == (tmp_path / "j2" / rel).read_bytes(), rel


def test_incremental_skips_and_rebuilds(inputs: Path, tmp_path: Path) -> None:
    good = inputs / "english.yml"
    out = tmp_path / "out"
    report = tmp_path / "r.csv"
    first = _cdc("batch", str(good), "-o", str(out), "-f", "md", "--incremental", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    second = _cdc("batch", str(good), "-o", str(out), "-f", "md", "--incremental",
                  "--report", str(report), cwd=tmp_path)
    assert "skipped" in second.stdout
    assert ",skipped," in report.read_text(encoding="utf-8")
    # a changed option rebuilds
    third = _cdc("batch", str(good), "-o", str(out), "-f", "md,html", "--incremental",
                 cwd=tmp_path)
    assert "skipped" not in third.stdout
    # a changed answer rebuilds
    good.write_text(good.read_text(encoding="utf-8").replace("Northwind", "Southwind"),
                    encoding="utf-8")
    fourth = _cdc("batch", str(good), "-o", str(out), "-f", "md,html", "--incremental",
                  cwd=tmp_path)
    assert "skipped" not in fourth.stdout
    # a deleted output rebuilds
    for output in out.rglob("*.md"):
        output.unlink()
    fifth = _cdc("batch", str(good), "-o", str(out), "-f", "md,html", "--incremental",
                 cwd=tmp_path)
    assert "skipped" not in fifth.stdout
    assert list(out.rglob("*.md"))


def test_bad_arguments(tmp_path: Path) -> None:
    assert _cdc("batch", str(tmp_path / "nothing"), cwd=tmp_path).returncode == 2
    assert _cdc("batch", str(EXAMPLES[0]), "-f", "odt", cwd=tmp_path).returncode == 2


def test_page_count_is_read_from_the_pdf(tmp_path: Path) -> None:
    result = _cdc("batch", str(EXAMPLES[0]), "-o", str(tmp_path / "out"), "-f", "pdf",
                  "--pdf-engine", "typst", "--report", str(tmp_path / "r.json"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["results"][0]
    pdf = Path(record["outputs"][0])
    from pypdf import PdfReader

    assert record["pages"] == len(PdfReader(pdf).pages) == count_pdf_pages(pdf)
