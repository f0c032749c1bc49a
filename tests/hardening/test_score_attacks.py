"""Issue 14, items 1 and 2: a returned grid cannot cheat the score, nor exhaust memory."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cdc.questionnaire import Questionnaire
from cdc.writers.xlsx import grid_bytes
from tests.hardening.helpers import ANSWERS, cdc, clean_failure, success
from tests.requirements.helpers import answers
from tests.requirements.test_scoring import _cheat, fill


@pytest.fixture()
def grid(bank: Questionnaire, tmp_path: Path) -> Path:
    path = tmp_path / "grille.xlsx"
    path.write_bytes(grid_bytes(answers(), bank))
    return path


def test_a_cheating_grid_is_reported_cell_by_cell_and_the_honest_one_wins(
        grid: Path, tmp_path: Path) -> None:
    honest = fill(grid, tmp_path / "honest.xlsx", "Honnête", coverage="Standard")
    cheat = _cheat(grid, tmp_path / "cheat.xlsx")
    result = cdc("score", "--answers", ANSWERS, honest, cheat)
    output = clean_failure(result, f"{cheat}: error: sheet _cdc, cell B4",
                           f"{cheat}: error: sheet _cdc, cell D11: the eliminatory flag of "
                           "CON-001 was changed to '0'",
                           f"{cheat}: error: sheet Grille, cell E4: the eliminatory flag of "
                           "CON-001 was changed to 'Non'")
    assert f"{honest}: error" not in output
    assert "Tricheur ⚠" in output and "non conforme" in output
    # Honnête ranks first, compliant; the cheat is not compliant.
    table = result.stdout
    assert table.index("Honnête") < table.index("Tricheur")


SHEET = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/' \
    b'spreadsheetml/2006/main"><sheetData><row r="4">'
GRID_PART = "xl/worksheets/sheet2.xml"  # the Grille sheet


def _zip_with(target: Path, honest: Path, name: str, chunks: int, chunk: bytes,
              head: bytes, tail: bytes) -> Path:
    """``honest`` with the part ``name`` replaced by head, ``chunks`` × ``chunk``, tail,
    streamed (nothing of that size is ever in memory)."""
    with zipfile.ZipFile(honest) as src, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info.filename))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as part:
            part.write(head)
            for _ in range(chunks):
                part.write(chunk)
            part.write(tail)
    return target


@pytest.mark.slow
def test_a_grid_holding_a_huge_cell_is_refused_in_bounded_memory(grid: Path,
                                                                  tmp_path: Path) -> None:
    honest = fill(grid, tmp_path / "honest.xlsx", "Honnête", coverage="Standard")
    # One cell of 1.5 GB: the file itself is about 1.5 MB.
    bomb = _zip_with(tmp_path / "bomb.xlsx", honest, GRID_PART, 1500, b"A" * 1024 * 1024,
                     SHEET + b'<c r="G4" t="inlineStr"><is><t>',
                     b"</t></is></c></row></sheetData></worksheet>")
    assert bomb.stat().st_size < 5 * 1024 * 1024
    result = cdc("score", "--answers", ANSWERS, bomb, honest)
    clean_failure(result, str(bomb), "refused", "inflates")
    assert "Honnête" in result.stdout  # the other grid is still scored


@pytest.mark.slow
def test_a_grid_of_millions_of_cells_is_refused_in_bounded_memory(grid: Path,
                                                                   tmp_path: Path) -> None:
    honest = fill(grid, tmp_path / "honest.xlsx", "Honnête", coverage="Standard")
    row = b"".join(b'<c t="inlineStr"><is><t>x%d</t></is></c>' % i for i in range(1000))
    target = _zip_with(tmp_path / "cells.xlsx", honest, GRID_PART, 3000, row, SHEET,
                       b"</row></sheetData></worksheet>")  # 3 million cells in row 4
    result = cdc("score", "--answers", ANSWERS, target)
    clean_failure(result, str(target), "refused")


def test_a_grid_with_a_cell_longer_than_excel_allows(grid: Path, tmp_path: Path) -> None:
    path = fill(grid, tmp_path / "long.xlsx", "Long", coverage="Standard")
    wb = load_workbook(path)
    wb["Grille"]["G5"] = "x" * 32_767
    wb.save(path)
    # openpyxl writes what it is given; make the cell longer than Excel's limit in the XML.
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    for name in parts:
        parts[name] = parts[name].replace(b"x" * 32_767, b"x" * 200_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    result = cdc("score", "--answers", ANSWERS, path)
    clean_failure(result, f"{path}: error: sheet Grille, cell G5: 200000 characters")


def test_a_damaged_grid_names_its_file(grid: Path, tmp_path: Path) -> None:
    honest = fill(grid, tmp_path / "honest.xlsx", "Honnête", coverage="Standard")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(honest.read_bytes()[: 4000])
    entity = tmp_path / "entity.xlsx"
    with zipfile.ZipFile(honest) as src, zipfile.ZipFile(entity, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
            dst.writestr(info, data)
    result = cdc("score", "-a", ANSWERS, broken, entity, honest)
    clean_failure(result, f"{broken}: error: the file is not an .xlsx workbook",
                  f"{entity}: error: the workbook cannot be read")
    assert "Honnête" in result.stdout


def test_score_without_answers_warns_that_the_grids_are_not_checked(grid: Path,
                                                                     tmp_path: Path) -> None:
    honest = fill(grid, tmp_path / "honest.xlsx", "Honnête", coverage="Standard")
    output = success(cdc("score", honest))
    assert "warning: scored from the grids' own data" in output
    assert "--answers" in output


def test_fuzz_finding_a_damaged_compressed_sheet(grid: Path, tmp_path: Path) -> None:
    """Found by bench/fuzz.py: a bad byte inside a sheet's compressed data raised zlib.error."""
    honest = fill(grid, tmp_path / "honest.xlsx", "Honnête", coverage="Standard")
    raw = bytearray(honest.read_bytes())
    with zipfile.ZipFile(honest) as package:
        info = package.getinfo(GRID_PART)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 200, start + 260):  # inside the deflate stream
        raw[offset] ^= 0x5A
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(raw))
    result = cdc("score", "--answers", ANSWERS, damaged)
    clean_failure(result, f"{damaged}: error: sheet Grille cannot be read")


def test_a_row_of_thousands_of_cells_is_refused_quickly(grid: Path, tmp_path: Path) -> None:
    """Varied cells (so that no size or ratio check refuses them): the streaming stops."""
    honest = fill(grid, tmp_path / "honest.xlsx", "Honnête", coverage="Standard")
    row = b"".join(b'<c t="inlineStr"><is><t>%08x</t></is></c>' % ((i * 2654435761) % 2**32)
                   for i in range(1000))
    target = _zip_with(tmp_path / "wide.xlsx", honest, GRID_PART, 200, row, SHEET,
                       b"</row></sheetData></worksheet>")
    result = cdc("score", "--answers", ANSWERS, target)
    clean_failure(result, f"{target}: error: sheet Grille: row 4 holds more than 1,000 cells")
