"""What several people said, combined: agreement, one voice, disagreements quoted with their
authors, open points, and repeating groups united by identity (no terminal, no file)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cdc.merge.combine import GroupSaid, Said, combine, combine_values
from cdc.merge.reconcile import Reconciler
from cdc.provenance import Provenance, fingerprint
from cdc.questionnaire import Questionnaire


def said(bank: Questionnaire, qid: str, *votes: tuple[str, Any], lang: str = "fr") -> Said:
    result = combine_values(bank.by_id[qid], list(votes), lang)
    assert result is not None
    return result


def test_the_same_answer_everywhere_is_the_answer_given_by_all(bank: Questionnaire) -> None:
    result = said(bank, "data_location", ("Paul", "Dans  Sage X3"), ("Thérèse", "dans sage x3"))
    assert result.value == "Dans  Sage X3" and result.by == ("Paul", "Thérèse")
    assert not result.versions
    assert said(bank, "spreadsheet_count", ("A", 12), ("B", 12.0)).value == 12
    markets = said(bank, "target_markets", ("A", ["b2b", "b2c"]), ("B", ["b2c", "b2b"]))
    assert markets.value == ["b2b", "b2c"] and not markets.versions


def test_an_answer_from_one_person_only_is_that_answer(bank: Questionnaire) -> None:
    result = said(bank, "data_location", ("Paul", "Carnet"), ("Thérèse", {"todo": "à préciser"}))
    assert result == Said("Carnet", ("Paul",))


def test_different_answers_are_an_open_point_quoting_each_version(bank: Questionnaire) -> None:
    result = said(bank, "data_location", ("Paul Lefèvre", "dans le fichier de Thérèse"),
                  ("Thérèse Garnier", "dans Sage X3"), ("Jean Roux", "DANS SAGE X3"))
    assert result.value == {"todo": "Paul Lefèvre : dans le fichier de Thérèse ; "
                                    "Thérèse Garnier et Jean Roux : dans Sage X3"}
    assert [(v.by, v.answer) for v in result.versions] == [
        (("Paul Lefèvre",), "dans le fichier de Thérèse"),
        (("Thérèse Garnier", "Jean Roux"), "dans Sage X3")]
    english = said(bank, "hosting_mode", ("Ann", "saas"), ("Bob", "on_premise"), lang="en")
    assert english.value["todo"].startswith("Ann: ") and "; Bob: " in english.value["todo"]
    assert "Online" in english.value["todo"] or "SaaS" in english.value["todo"]  # labels


def test_dates_and_choices_are_quoted_as_people_read_them(bank: Questionnaire) -> None:
    result = said(bank, "decision_date", ("A", dt.date(2027, 3, 1)), ("B", dt.date(2027, 6, 30)))
    assert result.value == {"todo": "A : 01/03/2027 ; B : 30/06/2027"}
    assert result.versions[0].answer == dt.date(2027, 3, 1)  # the versions keep the values


def test_open_points_from_everyone_keep_each_note(bank: Questionnaire) -> None:
    assert said(bank, "employees", ("A", {"todo": "à préciser"}),
                ("B", {"todo": ""})).value == {"todo": "à préciser"}
    assert said(bank, "employees", ("A", {"todo": "voir RH"}),
                ("B", {"todo": "à préciser"})).value == {"todo": "voir RH"}
    both = said(bank, "employees", ("A", {"todo": "voir RH"}), ("B", {"todo": "voir la DAF"}))
    assert both.value == {"todo": "A : voir RH ; B : voir la DAF"}
    assert both.by == ("A", "B") and not both.versions  # not a disagreement: nobody knows


def test_records_that_name_the_same_thing_are_merged_field_by_field(
    bank: Questionnaire,
) -> None:
    paul = {"data_flows": {"sources": [
        {"name": "Fichier clients ADV", "kind": "spreadsheet", "owner": "Thérèse"},
        {"name": "Carnet de Paul", "kind": "paper"}]}}
    therese = {"data_flows": {"sources": [
        {"name": "fichier clients  adv.", "kind": "spreadsheet", "owner": "moi",
         "records": 4000},
        {"name": "Sage X3", "kind": "erp"}]}}
    result = combine(bank, [("Paul", paul), ("Thérèse", therese)], "fr")
    group = result["data_flows.sources"]
    assert isinstance(group, GroupSaid)
    assert [r.label for r in group.records.values()] == [
        "Fichier clients ADV", "Carnet de Paul", "Sage X3"]
    adv = next(iter(group.records.values()))
    assert adv.by == ["Paul", "Thérèse"]
    assert adv.fields["records"] == Said(4000, ("Thérèse",))
    assert adv.fields["owner"].value == {"todo": "Paul : Thérèse ; Thérèse : moi"}
    assert adv.fields["kind"].by == ("Paul", "Thérèse")


def test_a_group_with_its_own_identity_fields(bank: Questionnaire) -> None:
    """Blockers are told apart by their description, not by their first field."""
    a = {"company": {"blockers": [{"category": "human", "description": "Peur du flicage"}]}}
    b = {"company": {"blockers": [{"category": "human", "description": "Pas le temps"},
                                  {"category": "human", "description": "peur du flicage"}]}}
    group = combine(bank, [("A", a), ("B", b)], "fr")["company.blockers"]
    assert isinstance(group, GroupSaid)
    assert len(group.records) == 2


def test_a_declined_list_and_an_open_list(bank: Questionnaire) -> None:
    group = combine(bank, [("A", {"data_flows": {"sources": []}}),
                           ("B", {"data_flows": {"sources": {"todo": "x"}}})],
                    "fr")["data_flows.sources"]
    assert isinstance(group, GroupSaid) and not group.records
    assert group.instead == Said([], ("A",))  # "none" is an answer, "?" is not


def test_reconcile_keeps_an_edit_until_the_people_change_their_answer(
    bank: Questionnaire,
) -> None:
    people = {"company.data_location": Said("Sage X3", ("A", "B"))}
    data: dict[str, Any] = {"schema_version": 1}
    first = Reconciler(bank, data, Provenance(), "projet.yaml", "fr").run(people)  # type: ignore[arg-type]
    assert data["company"]["data_location"] == "Sage X3"
    data["company"]["data_location"] = "Sage X3 v9"  # the lead corrects it
    again = Reconciler(bank, data, Provenance(tuple(first.entries)), "projet.yaml",
                       "fr").run(people)  # type: ignore[arg-type]
    assert data["company"]["data_location"] == "Sage X3 v9"
    assert again.kept == ["company.data_location"]
    people = {"company.data_location": Said("Excel", ("A",))}  # A changed their answer
    Reconciler(bank, data, Provenance(tuple(again.entries)), "projet.yaml",
               "fr").run(people)  # type: ignore[arg-type]
    assert data["company"]["data_location"] == {
        "todo": "projet.yaml : Sage X3 v9 ; A : Excel"}


def test_fingerprints_ignore_how_a_value_is_written() -> None:
    assert fingerprint(12) == fingerprint(12.0)
    assert fingerprint({"b": 1, "a": dt.date(2027, 1, 1)}) == fingerprint(
        {"a": dt.date(2027, 1, 1), "b": 1})
    assert fingerprint("a") != fingerprint("A")


def test_a_record_named_two_ways_is_one_record_with_one_name(bank: Questionnaire) -> None:
    a = {"data_flows": {"sources": [{"name": "Fichier ADV", "kind": "spreadsheet"}]}}
    b = {"data_flows": {"sources": [{"name": "fichier adv.", "kind": "spreadsheet"}]}}
    group = combine(bank, [("A", a), ("B", b)], "fr")["data_flows.sources"]
    assert isinstance(group, GroupSaid) and len(group.records) == 1
    record = next(iter(group.records.values()))
    assert record.fields["name"] == Said("Fichier ADV", ("A", "B"))  # not a disagreement


def test_answers_that_add_up_are_joined_not_disputed(bank: Questionnaire) -> None:
    """merge: join in the bank: each person describes their part of the same subject."""
    who = said(bank, "who_needs_tool", ("Paul", "Les commerciaux, pour leurs devis."),
               ("Thérèse", "L'ADV, pour les commandes."), ("Zoé", "l'adv, pour les commandes."))
    assert who.value == "Les commerciaux, pour leurs devis.\n\nL'ADV, pour les commandes."
    assert who.by == ("Paul", "Thérèse", "Zoé") and not who.versions
    assert "Paul" not in who.value  # the vendor edition prints it: no names in the text
    channels = said(bank, "sales_channels", ("A", ["ecommerce"]), ("B", ["field_sales"]))
    assert channels.value == ["field_sales", "ecommerce"]  # the bank's order
    # a question of fact stays a disagreement
    assert said(bank, "data_location", ("A", "Sage"), ("B", "Excel")).versions
