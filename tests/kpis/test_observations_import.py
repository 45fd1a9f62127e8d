"""CSV import (service and management command): every row checked, every rejection reported, all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from kpis.csv_format import COLUMN_NAMES
from kpis.models import Observation
from kpis.services import observations_import
from tests.kpis.factories import IndicatorFactory, ObservationFactory

HEADER = ",".join(COLUMN_NAMES)
SOURCE = "デジタル戦略の推進について,次世代育成・デジタル戦略推進特別委員会,2022-10-04,7"


def csv_of(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def row(code="e-approval-rate", year="2021", month="", value="86.8", unit="%", as_of="2022-03-31",
        provisional="false", estimate="false", note="") -> str:
    return f"{code},{year},{month},{value},{unit},{as_of},{provisional},{estimate},{note},{SOURCE}"


@pytest.fixture
def rate(division):
    return IndicatorFactory(code="e-approval-rate", division=division, percentage=True)


def test_it_imports_every_row_of_a_good_file(alice, rate):
    data = csv_of(row(year="2020", value="56.8", as_of="2021-03-31"), row(),
                  row(year="2022", value="92.7", as_of="2022-08-31", provisional="true", note="令和4年8月末時点"))
    result = observations_import(actor=alice, data=data)
    assert (result.ok, result.created, result.updated) == (True, 3, 0)
    latest = Observation.objects.get(indicator=rate, fiscal_year=2022)
    assert (latest.value, latest.is_provisional, latest.note) == (Decimal("92.7"), True, "令和4年8月末時点")
    assert latest.source_page == "7"
    assert latest.source_date == datetime.date(2022, 10, 4)
    assert latest.history.get().history_user == alice


def test_a_row_for_a_recorded_period_replaces_its_figure_with_history(alice, rate):
    ObservationFactory(indicator=rate, fiscal_year=2022, value=Decimal("92.7"), provisional=True)
    result = observations_import(actor=alice, data=csv_of(row(year="2022", value="95.0", as_of="2022-09-30")))
    assert (result.created, result.updated) == (0, 1)
    final = Observation.objects.get(indicator=rate, fiscal_year=2022)
    assert (final.value, final.is_provisional, final.version) == (Decimal("95"), False, 2)
    assert final.history.count() == 2


def test_one_bad_row_imports_nothing_and_every_bad_row_is_reported(alice, rate):
    data = csv_of(
        row(year="2019", value="32.9", as_of="2020-03-31"),
        row(year="20x1"),
        row(year="2022", value="120", as_of="2022-08-31"),
        row(code="no-such-indicator"),
        row(year="2020", unit="件", as_of="2021-03-31"),
        row(year="2020", as_of="2021/03/31", provisional="maybe"),
    )
    result = observations_import(actor=alice, data=data)
    assert not result.ok
    assert {(e.row, e.field) for e in result.errors} == {
        (3, "fiscal_year"), (4, "value"), (5, "indicator_code"), (6, "unit"), (7, "as_of"), (7, "is_provisional"),
    }
    assert "100" in next(e.message for e in result.errors if e.row == 4)
    assert not Observation.objects.exists()


def test_the_same_period_twice_in_one_file_is_rejected(alice, rate):
    result = observations_import(actor=alice, data=csv_of(row(), row(value="86.9")))
    assert [(e.row, e.field) for e in result.errors] == [(3, "fiscal_year")]
    assert "2行目" in result.errors[0].message
    assert not Observation.objects.exists()


def test_rows_for_another_divisions_indicator_are_rejected(charlie, rate):
    result = observations_import(actor=charlie, data=csv_of(row()))
    assert [(e.row, e.field) for e in result.errors] == [(2, "indicator_code")]
    assert not Observation.objects.exists()


def test_a_missing_or_unknown_column_is_reported_on_the_header_row(alice, rate):
    header = HEADER.replace("as_of", "date")
    result = observations_import(actor=alice, data=csv_of(row(), header=header))
    assert {(e.row, e.field) for e in result.errors} == {(1, "as_of"), (1, "date")}


def test_an_empty_file_is_reported(alice, rate):
    result = observations_import(actor=alice, data=b"")
    assert [e.row for e in result.errors] == [1]


def test_excel_files_with_a_bom_or_in_shift_jis_are_read(alice, rate):
    assert observations_import(actor=alice, data=b"\xef\xbb\xbf" + csv_of(row())).ok
    Observation.objects.all().delete()
    shift_jis = csv_of(row(note="年度末時点")).decode("utf-8").encode("cp932")
    assert observations_import(actor=alice, data=shift_jis).ok
    assert Observation.objects.get().note == "年度末時点"


def test_a_dry_run_checks_but_saves_nothing(alice, rate):
    result = observations_import(actor=alice, data=csv_of(row()), dry_run=True)
    assert (result.ok, result.created) == (True, 1)
    assert not Observation.objects.exists()


def test_the_command_imports_a_file(alice, rate, tmp_path, capsys):
    path = tmp_path / "figures.csv"
    path.write_bytes(csv_of(row()))
    call_command("import_kpi_observations", str(path), "--user", "alice")
    assert "imported: 1 new, 0 replaced" in capsys.readouterr().out
    assert Observation.objects.get().value == Decimal("86.8")


def test_the_command_lists_every_rejected_row_and_fails(alice, rate, tmp_path, capsys):
    path = tmp_path / "figures.csv"
    path.write_bytes(csv_of(row(), row(year="2020", value="abc", as_of="2021-03-31")))
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_kpi_observations", str(path), "--user", "alice")
    assert "row 3: value:" in capsys.readouterr().err
    assert not Observation.objects.exists()


def test_the_command_refuses_an_unknown_user_or_file(alice, tmp_path):
    with pytest.raises(CommandError, match="no user"):
        call_command("import_kpi_observations", str(tmp_path / "x.csv"), "--user", "zed")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_kpi_observations", str(tmp_path / "x.csv"), "--user", "alice")
