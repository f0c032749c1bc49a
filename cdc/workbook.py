"""The guarded reader of every workbook cdc reads: returned grids come from outside.

A vendor's .xlsx is a zip of XML parts. Before anything is decompressed we check the file's
size, the number of parts, each part's declared size and compression ratio, and their total
(a 1.5 MB file that inflates to 1.5 GB is refused in milliseconds). Then only the cells asked
for are read, by streaming the sheet's XML and stopping after the last row wanted; shared
strings are kept only for those cells; a cell longer than Excel's own limit is reported, not
kept. XML comes through defusedxml: no entity expansion, no DTD, no external reference.

The reader never raises for what the file holds: :func:`open_workbook` returns problems, and
:meth:`Workbook.cells` reports what it had to refuse in :attr:`Workbook.problems`.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cdc.errors import Location, Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest workbook read: a returned grid of a thousand requirements is well under 1 MB."""

MAX_PARTS = 2_000
MAX_TOTAL_BYTES = 64 * 1024 * 1024
"""Most XML decompressed from one workbook, every part together."""

MAX_RATIO = 150
"""Largest compression ratio of a part over 1 MB: real sheets compress 5 to 30 times."""

MAX_CELL_CHARS = 32_767
"""Excel's own limit on the text of one cell."""

MAX_CELLS_SCANNED = 150_000
"""Cells streamed through in one sheet before giving up: a grid of 5,000 requirements holds
60,000; parsing takes some 30 µs a cell, so this bounds a sheet to a few seconds."""

MAX_CELLS_PER_ROW = 1_000
"""Cells in one row: the grid has 12 columns; a row of thousands is not a returned grid."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files
_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def column_number(letters: str) -> int:
    """A → 1, L → 12, AA → 27."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def parse_ref(ref: str) -> tuple[int, int] | None:
    """"G12" → (12, 7); None when ``ref`` is not a cell reference."""
    match = _REF.match(ref.strip().upper())
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


@dataclass(frozen=True)
class SheetInfo:
    name: str
    state: str  # visible, hidden, veryHidden
    part: str  # the sheet's XML part in the archive


class Formula(str):
    """A cell holding a formula: its text (without "="), and the result the file caches, which
    whoever saved the file may have written: never a figure to trust."""

    __slots__ = ("cached",)

    def __new__(cls, text: str, cached: Any = None) -> Formula:
        obj = super().__new__(cls, text)
        obj.cached = cached
        return obj

    cached: Any


class TooLong(str):
    """A cell whose text was over :data:`MAX_CELL_CHARS`: only its length is kept."""

    __slots__ = ("length",)

    def __new__(cls, length: int) -> TooLong:
        obj = super().__new__(cls, "")
        obj.length = length
        return obj

    length: int


@dataclass
class Workbook:
    """An opened workbook: its sheets, and the cells read on demand."""

    file: str
    archive: zipfile.ZipFile
    sheets: list[SheetInfo]
    shared_strings: str | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def sheet(self, name: str) -> SheetInfo | None:
        return next((s for s in self.sheets if s.name == name), None)

    def close(self) -> None:
        self.archive.close()

    def cells(self, name: str, rows: range, columns: range,
              formulas: bool = False) -> dict[tuple[int, int], Any]:
        """The values of the cells of sheet ``name`` within ``rows`` × ``columns``.

        Values are str, int, float or bool; empty cells are absent. A text longer than Excel
        allows is a :class:`TooLong`; a sheet that cannot be read gives {} and a problem.
        With ``formulas``, a cell holding a formula is a :class:`Formula` (its cached result
        kept apart), even when it caches nothing.
        """
        info = self.sheet(name)
        if info is None:
            return {}
        found: dict[tuple[int, int], Any] = {}
        shared: dict[tuple[int, int], int] = {}
        formula_of: dict[tuple[int, int], str] = {}
        try:
            with self.archive.open(info.part) as handle:
                for row, col, kind, value, text in _stream_cells(handle, rows.stop - 1):
                    if row not in rows or col not in columns:
                        continue
                    if text is not None and formulas:
                        formula_of[(row, col)] = text
                    if value == "":
                        continue
                    if kind == "s":
                        try:
                            shared[(row, col)] = int(value)
                        except ValueError:
                            continue
                    else:
                        found[(row, col)] = _typed(kind, value)
            if shared and self.shared_strings is not None:
                wanted = set(shared.values())
                with self.archive.open(self.shared_strings) as handle:
                    strings = _read_shared_strings(handle, wanted)
                for cell, index in shared.items():
                    if index in strings:
                        found[cell] = strings[index]
        except _Refused as exc:
            self.problems.append(Problem("error", Location(self.file),
                                         f"sheet {name}: {exc}", _RESEND))
            return {}
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError,
                SyntaxError) as exc:
            # defusedxml's refusals are ValueErrors; expat's syntax errors too (ParseError).
            self.problems.append(Problem("error", Location(self.file),
                                         f"sheet {name} cannot be read ({_reason(exc)})",
                                         _RESEND))
            return {}
        for (row, col), value in found.items():
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                found[(row, col)] = TooLong(len(value))
        for cell, text in formula_of.items():
            found[cell] = Formula(text[:MAX_CELL_CHARS], found.get(cell))
        return found


_RESEND = "The file is damaged or was not saved by a spreadsheet program: ask the vendor to " \
    "open it in Excel or LibreOffice and save it again as .xlsx."


class _Refused(Exception):
    pass


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _typed(kind: str, value: str) -> Any:
    if kind == "b":
        return value.strip() == "1"
    if kind in ("str", "inlineStr", "e", "d"):
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    if number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def _iterparse(handle: IO[bytes], events: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    from defusedxml.ElementTree import iterparse

    return iter(iterparse(handle, events=events, forbid_dtd=True))


def _stream_cells(handle: IO[bytes], last_row: int
                  ) -> Iterator[tuple[int, int, str, str, str | None]]:
    """(row, column, type, raw value, formula or None) of each cell up to ``last_row``,
    streaming; a cell is given when it holds a value or a formula."""
    row_element: Any = None
    row = 0
    col = 0
    scanned = 0
    in_row = 0
    for event, element in _iterparse(handle, ("start", "end")):
        name = _local(element.tag)
        if event == "start":
            if name == "row":
                row_element = element
                given = element.get("r")
                row = int(given) if given and given.isdigit() else row + 1
                col = 0
                in_row = 0
                if row > last_row:
                    return
            continue
        if name == "c":
            scanned += 1
            in_row += 1
            if in_row > MAX_CELLS_PER_ROW:
                raise _Refused(f"row {row} holds more than {MAX_CELLS_PER_ROW:,} cells; the "
                               "grid has 12 columns")
            if scanned > MAX_CELLS_SCANNED:
                raise _Refused(f"more than {MAX_CELLS_SCANNED:,} cells before the rows cdc "
                               "reads")
            ref = parse_ref(element.get("r") or "")
            if ref is not None:
                row, col = ref
            else:
                col += 1
            kind = element.get("t") or "n"
            if kind == "inlineStr":
                value = _text_of(element)
            else:
                v = next((child for child in element if _local(child.tag) == "v"), None)
                value = v.text or "" if v is not None else ""
            f = next((child for child in element if _local(child.tag) == "f"), None)
            text = (f.text or "") if f is not None else None
            if (value != "" or text is not None) and row <= last_row:
                yield row, col, kind, value, text
            if row_element is not None:
                row_element.clear()  # keeps memory flat on a row of a million cells
        elif name == "row":
            element.clear()
        elif name == "sheetData":
            return


def _text_of(element: Any) -> str:
    """The text of a rich or plain string (<si> or <is>), phonetic guides (<rPh>) left out."""
    phonetic = {id(t) for r in element.iter() if _local(r.tag) == "rPh" for t in r.iter()}
    return "".join(t.text or "" for t in element.iter()
                   if _local(t.tag) == "t" and id(t) not in phonetic)


def _read_shared_strings(handle: IO[bytes], wanted: set[int]) -> dict[int, str]:
    """The shared strings whose index is in ``wanted``; the others are skipped, not kept."""
    result: dict[int, str] = {}
    last = max(wanted)
    index = -1
    for _event, element in _iterparse(handle, ("end",)):
        name = _local(element.tag)
        if name != "si":
            continue
        index += 1
        if index in wanted:
            result[index] = _text_of(element)
        element.clear()
        if index >= last:
            break
    return result


def _check_archive(archive: zipfile.ZipFile, name: str) -> str | None:
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        return f"the workbook holds {len(infos)} parts (at most {MAX_PARTS})"
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size,
                                                                              1):
            return (f"part {info.filename} inflates {info.file_size // max(info.compress_size, 1)}"
                    f" times (to {info.file_size / 1024 / 1024:.0f} MB): a compression bomb, "
                    "not a spreadsheet")
        if total > MAX_TOTAL_BYTES:
            return (f"the workbook inflates to more than {MAX_TOTAL_BYTES // 1024 // 1024} MB "
                    "of XML; a returned grid holds a few MB at most")
    return None


def open_workbook(path: Path) -> tuple[Workbook | None, list[Problem]]:
    """Opens ``path`` after the size checks; (None, problems) when it cannot or must not be read.

    The caller closes the returned workbook (:meth:`Workbook.close`).
    """
    name = str(path)

    def refuse(message: str, hint: str = _RESEND) -> tuple[None, list[Problem]]:
        return None, [Problem("error", Location(name), message, hint)]

    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        import errno

        if exc.errno in (errno.EACCES, errno.EPERM):
            return refuse("cannot read the file: permission denied",
                          "Check the file's permissions (ls -l).")
        return refuse(f"cannot read the file: {exc.strerror or type(exc).__name__}")
    if size > MAX_FILE_BYTES:
        return refuse(f"the file is {size / 1024 / 1024:.1f} MB; returned grids are limited "
                      f"to {MAX_FILE_BYTES // 1024 // 1024} MB",
                      "Ask the vendor for the grid alone, without pictures or attachments.")
    if head.startswith(OLE_MAGIC):
        return refuse("the file is password-protected (encrypted) or an old .xls workbook",
                      "Ask the vendor to save it as .xlsx without a password (File > Save As, "
                      "remove the password).")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return refuse("the file is not an .xlsx workbook (corrupt, truncated or another format)",
                      "Ask the vendor to send the grid again as .xlsx.")
    try:
        refused = _check_archive(archive, name)
        if refused:
            archive.close()
            return refuse(f"refused: {refused}")
        sheets, shared = _workbook_parts(archive)
    except _Refused as exc:
        archive.close()
        return refuse(f"the workbook cannot be read ({exc})")
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, EOFError,
            RuntimeError, NotImplementedError, SyntaxError) as exc:
        archive.close()
        return refuse(f"the workbook cannot be read ({_reason(exc)})")
    return Workbook(name, archive, sheets, shared), []


def _read_part(archive: zipfile.ZipFile, part: str) -> Any:
    from defusedxml.ElementTree import fromstring

    with archive.open(part) as handle:
        return fromstring(handle.read(), forbid_dtd=True)


def _workbook_parts(archive: zipfile.ZipFile) -> tuple[list[SheetInfo], str | None]:
    names = set(archive.namelist())
    book_part = _main_part(archive, names)
    base = posixpath.dirname(book_part)
    targets: dict[str, tuple[str, str]] = {}
    rels_part = posixpath.join(base, "_rels", posixpath.basename(book_part) + ".rels")
    if rels_part in names:
        for rel in _read_part(archive, rels_part):
            target = rel.get("Target") or ""
            full = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(base, target))
            targets[rel.get("Id") or ""] = (full, rel.get("Type") or "")
    book = _read_part(archive, book_part)
    sheets = []
    for element in book.iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        part = targets.get(rid, ("", ""))[0]
        if part not in names:
            continue
        sheets.append(SheetInfo(element.get("name") or "", element.get("state") or "visible",
                                part))
    if not sheets:
        raise _Refused("no worksheet found")
    shared = next((p for p, kind in targets.values() if kind.endswith("/sharedStrings")
                   and p in names), None)
    return sheets, shared


def _main_part(archive: zipfile.ZipFile, names: Iterable[str]) -> str:
    names = set(names)
    if "_rels/.rels" in names:
        for rel in _read_part(archive, "_rels/.rels"):
            if (rel.get("Type") or "").endswith("/officeDocument"):
                target = (rel.get("Target") or "").lstrip("/")
                if target in names:
                    return target
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    raise _Refused("no workbook part (xl/workbook.xml)")
