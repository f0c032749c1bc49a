"""The figures read back from their SVG: label sizes, full labels, arrows, months, milestones."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from cdc import diagrams
from cdc.figures import FlowSystem, build_dataflow, same_system
from cdc.render import load_spec
from cdc.spec import Spec
from cdc.writers import page
from tests.conftest import EXAMPLES

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLE_NAMES = ("industrie-b2b", "english-saas-company", "retail-b2c", "association-publique")


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def example(request: pytest.FixtureRequest) -> tuple[Path, Spec]:
    path = next(p for p in EXAMPLES if p.stem == request.param)
    return path, load_spec(path)


def svg_root(spec: Spec, name: str) -> ET.Element:
    return ET.fromstring(diagrams.svg(spec, name))


def groups(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in root.iter(f"{SVG}g") if g.get("id")}


def texts(root: ET.Element) -> list[tuple[str, float]]:
    """Every text of the picture with its size in points as printed on the page."""
    width = float(root.get("width", "0").removesuffix("pt"))
    scale = page.TEXT_WIDTH_PT / width  # the figure spans the text width in every format
    found = []
    for element in root.iter(f"{SVG}text"):
        size = re.search(r"font-size: ([\d.]+)px", element.get("style", ""))
        assert size is not None
        found.append(("".join(element.itertext()), float(size.group(1)) * scale))
    return found


def points(group: ET.Element) -> list[tuple[float, float]]:
    path = next(group.iter(f"{SVG}path"))
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", path.get("d", ""))]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def x_range(group: ET.Element) -> tuple[float, float]:
    xs = [x for x, _ in points(group)]
    return min(xs), max(xs)


@pytest.mark.parametrize("name", diagrams.NAMES)
def test_labels_are_printed_at_7pt_or_more_and_never_cut(example: tuple[Path, Spec],
                                                         name: str) -> None:
    found = texts(svg_root(example[1], name))
    assert found
    for text, size in found:
        assert round(size, 2) >= 7.0, (text, size)
        assert "…" not in text and "..." not in text, text


def test_every_interface_and_source_is_drawn_in_full(example: tuple[Path, Spec]) -> None:
    path, spec = example
    answers = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = " ".join(t for t, _ in texts(svg_root(spec, "dataflow"))).split()
    for interface in answers["mapping"]["interfaces"]:
        for word in interface["name"].split():
            assert word in words, (interface["name"], word)
    for system in spec.dataflow.systems:  # every box, its name whole
        for word in system.name.split():
            assert word in words, (system.name, word)
    for source in answers["data_flows"]["sources"]:  # every source in a box, dashed arrow
        assert any(same_system(source["name"], s.name) and s.migrated
                   for s in spec.dataflow.systems), source["name"]


def test_arrows_point_the_way_the_interfaces_table_says(example: tuple[Path, Spec]) -> None:
    path, spec = example
    answers = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = groups(svg_root(spec, "dataflow"))
    crm_left, crm_right = x_range(found["crm"])
    checked = 0
    for number, interface in enumerate(answers["mapping"]["interfaces"], 1):
        line = found[f"flow-{number}"]
        start, end = x_range(line)
        heads = [group for gid, group in found.items()
                 if gid.startswith(f"flow-{number}-head-")]
        at_crm = at_system = 0
        for head in heads:
            tip_x = points(head)[0][0]
            if min(abs(tip_x - crm_left), abs(tip_x - crm_right)) < 3:
                at_crm += 1
            elif min(abs(tip_x - start), abs(tip_x - end)) < 3:
                at_system += 1
        expected = {"inbound": (1, 0), "outbound": (0, 1), "bidirectional": (1, 1)}
        assert (at_crm, at_system) == expected[interface["direction"]], interface["name"]
        checked += 1
    assert checked == len(answers["mapping"]["interfaces"]) >= 5


def test_migrated_sources_are_dashed_arrows_into_the_crm_with_a_legend(
        example: tuple[Path, Spec]) -> None:
    spec = example[1]
    root = svg_root(spec, "dataflow")
    found = groups(root)
    crm_left, crm_right = x_range(found["crm"])
    migrations = [gid for gid in found if re.fullmatch(r"migration-\d+", gid)]
    assert len(migrations) == sum(1 for s in spec.dataflow.systems if s.migrated)
    for gid in migrations:
        style = next(found[gid].iter(f"{SVG}path")).get("style", "")
        assert "stroke-dasharray" in style
        tip_x = points(found[f"{gid}-head-1"])[0][0]
        assert min(abs(tip_x - crm_left), abs(tip_x - crm_right)) < 3
    labels = [t for t, _ in texts(root)]
    assert labels.count("reprise") == 0 and labels.count("migration") == 0  # once, in the legend
    legend = ("Reprise initiale des données" if spec.lang == "fr" else "Initial data migration")
    assert labels.count(legend) == 1
    # one box per system
    boxes = [gid for gid in found if re.fullmatch(r"system-\d+", gid)]
    assert len(boxes) == len(spec.dataflow.systems)


def test_one_box_per_system_across_sources_and_interfaces() -> None:
    assert same_system("Site web", "Formulaires du site web")
    assert same_system("Snowflake", "Snowflake product usage")
    assert same_system("Zendesk Suite", "Utilisateurs et tickets Zendesk")
    assert not same_system("Site WordPress", "Carnets d'adresses Outlook")
    assert not same_system("Microsoft 365", "Microsoft Dynamics")  # a brand first in both

    class Rec:
        def __init__(self, **values: Any) -> None:
            self.__dict__.update(values)

    flow = build_dataflow(
        (Rec(name="Formulaires du site web", records=None),),
        (Rec(name="Demandes", source="Site web", target="CRM", direction=None, frequency=""),
         Rec(name="Export", source="CRM", target="Power BI", direction=None, frequency="")),
    )
    assert [(s.name, s.migrated, [link.direction for link in s.links])
            for s in flow.systems] == [("Site web", True, ["in"]), ("Power BI", False, ["out"])]
    assert flow.migrated_only == () and all(isinstance(s, FlowSystem) for s in flow.interfaced)


def test_gantt_months_use_the_languages_abbreviations(example: tuple[Path, Spec]) -> None:
    _, spec = example
    found = groups(svg_root(spec, "gantt"))
    months = ["".join(found[gid].itertext()).strip()
              for gid in sorted((g for g in found if g.startswith("month-")),
                                key=lambda g: int(g.split("-")[1]))]
    names = diagrams.MONTHS_SHORT[spec.lang]
    assert months and all(m in names for m in months), months
    first = min([b.start for b in spec.gantt.bars] + [d for _, d in spec.gantt.milestones])
    assert months[0] == names[first.month - 1]
    # consecutive months (or every second, third… when the columns are narrow)
    steps = {(names.index(b) - names.index(a)) % 12 for a, b in itertools.pairwise(months)}
    assert len(steps) <= 1
    milestones = [gid for gid in found if gid.startswith("milestone-")]
    assert len(milestones) == len(spec.gantt.milestones)
    labels = " ".join(t for t, _ in texts(svg_root(spec, "gantt")))
    for bar in spec.gantt.bars:  # full phase names, wrapped but not cut
        assert all(word in labels.split() for word in bar.name.split()), bar.name


def test_french_and_english_month_abbreviations() -> None:
    assert diagrams.MONTHS_SHORT["fr"] == ("janv.", "févr.", "mars", "avr.", "mai", "juin",
                                           "juil.", "août", "sept.", "oct.", "nov.", "déc.")
    assert diagrams.MONTHS_SHORT["en"][:3] == ("Jan", "Feb", "Mar")
