"""Reading the exchange files: CSV files in a folder, or a JSON datapackage."""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from .columns import FILES, column_names, required_columns


@dataclass(frozen=True)
class Problem:
    """What is wrong or was left alone in one cell or row of a file."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"{self.file}, row {self.row}"
        if self.column:
            where += f", column “{self.column}”"
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """The data has problems; nothing was imported."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Row:
    file: str
    number: int
    values: dict

    def __getitem__(self, column):
        return (self.values.get(column) or "").strip()

    def problem(self, column, message):
        return Problem(self.file, self.number, column, message)

    def items(self, column):
        return [item.strip() for item in self[column].split(";") if item.strip()]


def read_csv(path):
    """The rows of a CSV file, numbered as a spreadsheet shows them (header is row 1)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportFailed(
            [Problem(path.name, line, "", "is not UTF-8 text; save the file as UTF-8 CSV")]
        ) from error
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = reader.fieldnames or []
    problems = []
    for column in required_columns(path.name):
        if column not in header:
            problems.append(Problem(path.name, 1, column, "required column is missing"))
    for column in header:
        if column not in column_names(path.name):
            problems.append(Problem(path.name, 1, column, "unknown column"))
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            problems.append(Problem(path.name, number, "", "has more cells than the header"))
            continue
        if any((value or "").strip() for value in row.values()):
            rows.append(Row(path.name, number, row))
    if problems:
        raise ImportFailed(problems)
    return rows


def read_datapackage(path):
    """Rows from a JSON datapackage whose resources list rows inline or name CSV files."""
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFailed([Problem(path.name, 1, "", f"is not valid JSON: {error}")]) from error
    tables = {}
    for resource in package.get("resources", []):
        name = resource.get("name", "")
        file_name = f"{name}.csv"
        if file_name not in FILES:
            continue
        if "path" in resource:
            tables[file_name] = read_csv(path.parent / resource["path"])
            continue
        rows = []
        for number, values in enumerate(resource.get("data", []), start=2):
            unknown = set(values) - set(column_names(file_name))
            if unknown:
                raise ImportFailed(
                    [Problem(file_name, number, sorted(unknown)[0], "unknown column")]
                )
            text_values = {
                key: ";".join(map(str, value)) if isinstance(value, list) else str(value or "")
                for key, value in values.items()
            }
            rows.append(Row(file_name, number, text_values))
        tables[file_name] = rows
    return tables


def read_source(path):
    """The tables of a folder of CSV files or of a datapackage.json (or a folder holding one)."""
    path = Path(path)
    if path.is_dir() and (path / "datapackage.json").exists():
        path = path / "datapackage.json"
    if path.is_file():
        return read_datapackage(path)
    if not path.is_dir():
        raise ImportFailed([Problem(str(path), 0, "", "no such folder or file")])
    return {name: read_csv(path / name) for name in FILES if (path / name).exists()}
