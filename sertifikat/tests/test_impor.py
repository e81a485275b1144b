"""What starts a certificate job and what a worker runs import each other in one direction only."""

import ast
from pathlib import Path

SERTIFIKAT = Path(__file__).resolve().parents[1]


def _impor(path: Path) -> list[tuple[str, bool]]:
    """Return the sertifikat modules a file imports, each with whether the import is inside a function."""
    pohon = ast.parse(path.read_text())
    dalam_fungsi = {
        id(node)
        for fungsi in ast.walk(pohon)
        if isinstance(fungsi, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(fungsi)
    }
    hasil = []
    for node in ast.walk(pohon):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sertifikat"):
            nama = [node.module] if node.module != "sertifikat" else [f"sertifikat.{a.name}" for a in node.names]
            hasil += [(n, id(node) in dalam_fungsi) for n in nama]
        elif isinstance(node, ast.Import):
            hasil += [(a.name, id(node) in dalam_fungsi) for a in node.names if a.name.startswith("sertifikat")]
    return hasil


def _graf() -> dict[str, set[str]]:
    graf = {}
    for path in SERTIFIKAT.glob("*.py"):
        graf[f"sertifikat.{path.stem}"] = {nama for nama, _ in _impor(path)}
    return graf


def test_no_module_of_the_certificates_imports_one_that_imports_it_back():
    graf = _graf()

    def jalur(dari: str, ke: str, dilihat: set[str]) -> bool:
        for berikut in graf.get(dari, ()):
            if berikut == ke or (berikut not in dilihat and jalur(berikut, ke, dilihat | {berikut})):
                return True
        return False

    for modul in ("sertifikat.services", "sertifikat.tasks", "sertifikat.arsip", "sertifikat.pekerja"):
        assert not jalur(modul, modul, set()), f"{modul} imports itself through others"
    assert "sertifikat.pekerja" in graf["sertifikat.tasks"] and "sertifikat.tasks" in graf["sertifikat.services"]


def test_nothing_imports_the_tasks_inside_a_function():
    for path in SERTIFIKAT.rglob("*.py"):
        if "tests" in path.parts:
            continue
        dalam = [nama for nama, di_fungsi in _impor(path) if di_fungsi and nama == "sertifikat.tasks"]
        assert not dalam, f"{path.name} imports sertifikat.tasks inside a function"
