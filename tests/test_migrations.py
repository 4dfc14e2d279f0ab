"""Migrations are history: what an old migration does never changes with the project's code."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = {
    "home",
    "directory",
    "blog",
    "events",
    "network",
    "contact",
    "accessibility",
    "search",
    "netsite",
}
MIGRATIONS = sorted(ROOT.glob("*/migrations/0*.py"))


def imported_modules(path):
    """The modules a file imports: import statements, relative ones under its own package,
    and ``import_module("...")`` or ``__import__("...")`` with a literal name."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield path.parent.parent.name if node.level else node.module
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name in {"import_module", "__import__"} and isinstance(first, ast.Constant):
                yield first.value


def test_the_project_has_migrations():
    assert {path.parent.parent.name for path in MIGRATIONS} == PROJECT_PACKAGES - {"netsite"}


@pytest.mark.parametrize(
    "path", MIGRATIONS, ids=lambda path: f"{path.parent.parent.name}/{path.stem}"
)
def test_a_migration_imports_no_project_code(path):
    project_imports = [
        name for name in imported_modules(path) if name.split(".")[0] in PROJECT_PACKAGES
    ]
    assert project_imports == [], f"{path.relative_to(ROOT)} imports {project_imports}"
