"""lib.csv: the formula guard and the response every CSV download uses."""

import csv
import io

import pytest

from lib.csv import csv_response, veilig


@pytest.mark.parametrize("teken", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe(teken):
    assert veilig(f"{teken}HYPERLINK(1)") == f"'{teken}HYPERLINK(1)"


@pytest.mark.parametrize("waarde", ["Sam", "12", 12, "", "a=b", " =1", "'al veilig"])
def test_other_cells_stay_as_they_are(waarde):
    assert veilig(waarde) == str(waarde)


def test_numbers_and_none_become_text():
    assert veilig(-3) == "'-3"
    assert veilig(None) == ""


def _tekst(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return data.decode("utf-8")


@pytest.mark.parametrize("streamen", [False, True])
def test_response_has_bom_semicolons_and_a_file_name(streamen):
    rijen = [["Naam", "Waarde"], ["Zoë", "=1+1"], ["Jan", "met;puntkomma"]]
    response = csv_response("lijst.csv", rijen, streamen=streamen)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lijst.csv"'
    tekst = _tekst(response)
    assert tekst.startswith("\ufeff")
    assert tekst[1:].splitlines()[0] == "Naam;Waarde"
    gelezen = list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))
    assert gelezen == [["Naam", "Waarde"], ["Zoë", "'=1+1"], ["Jan", "met;puntkomma"]]


def test_streaming_reads_rows_lazily():
    gelezen = []

    def rijen():
        for i in range(3):
            gelezen.append(i)
            yield [i]

    response = csv_response("x.csv", rijen(), streamen=True)
    assert gelezen == []
    _tekst(response)
    assert gelezen == [0, 1, 2]


def test_a_carriage_return_inside_a_cell_survives_quoted():
    tekst = _tekst(csv_response("x.csv", [["a", "\rb"]]))
    [rij] = csv.reader(io.StringIO(tekst[1:], newline=""), delimiter=";")
    assert rij == ["a", "'\rb"]
