"""The house's floors hold: diklat <- angkatan <- peserta <- sertifikat.

A floor may use what lies below it and never what lies above: no Python module imports a higher
floor (not even inside a function), no module reverses a higher floor's URL, and no template
reverses, extends, includes or loads anything of a higher floor. A higher floor adds to a lower
floor's pages through the signals of ``diklat.signals``. Nor may modules import each other in a
circle, which is how a floor's parts end up importing inside functions to dodge one.

The root URLconf (``diklat/urls.py``) is where every floor is wired in, and the settings name
every app: both are the site's, not the ground floor's. The browser journeys in ``tests/`` and
the benches in ``bench/`` drive the whole site and may use every floor.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANTAI = {"diklat": 0, "angkatan": 1, "peserta": 2, "sertifikat": 3}
# Where every floor is wired in.
SITUS = {"diklat.urls", "diklat.settings", "diklat.celery", "diklat.wsgi", "diklat.asgi"}
FUNGSI_URL = {"reverse", "reverse_lazy", "redirect", "resolve_url"}


def _modul() -> dict[str, Path]:
    modul = {}
    for app in LANTAI:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            nama = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modul[nama.removesuffix(".__init__")] = path
    return modul


MODUL = _modul()


def _impor(nama: str, path: Path) -> list[tuple[str, int]]:
    """Return the project modules ``nama`` imports, anywhere in it, with the line of each import."""
    paket = nama if path.name == "__init__.py" else nama.rpartition(".")[0]
    hasil = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            hasil += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                dasar = paket.rsplit(".", node.level - 1)[0] if node.level > 1 else paket
                asal = f"{dasar}.{node.module}" if node.module else dasar
            else:
                asal = node.module or ""
            for alias in node.names:
                # ``from sertifikat import tasks`` imports the module ``sertifikat.tasks``.
                sub = f"{asal}.{alias.name}"
                hasil.append((sub if sub in MODUL else asal, node.lineno))
    return [(m, baris) for m, baris in hasil if m.split(".")[0] in LANTAI]


def _lantai(nama: str) -> int:
    return LANTAI[nama.split(".")[0]]


def test_no_module_imports_a_floor_above_its_own():
    naik = [
        f"{MODUL[nama].relative_to(ROOT)}:{baris} imports {target}"
        for nama in MODUL
        if nama not in SITUS
        for target, baris in _impor(nama, MODUL[nama])
        if _lantai(target) > _lantai(nama)
    ]
    assert naik == [], "\n".join(naik)


def test_no_modules_import_each_other_in_a_circle():
    graf = {nama: {t for t, _baris in _impor(nama, path) if t in MODUL and t != nama} for nama, path in MODUL.items()}
    lingkaran = [sorted(k) for k in _komponen_kuat(graf) if len(k) > 1]
    assert lingkaran == []


def _komponen_kuat(graf: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components, without recursion."""
    indeks, rendah, di_tumpukan, tumpukan, hasil = {}, {}, set(), [], []
    for awal in graf:
        if awal in indeks:
            continue
        kerja = [(awal, iter(sorted(graf[awal])))]
        indeks[awal] = rendah[awal] = len(indeks)
        tumpukan.append(awal)
        di_tumpukan.add(awal)
        while kerja:
            simpul, tetangga = kerja[-1]
            lanjut = next(tetangga, None)
            if lanjut is not None:
                if lanjut not in indeks:
                    indeks[lanjut] = rendah[lanjut] = len(indeks)
                    tumpukan.append(lanjut)
                    di_tumpukan.add(lanjut)
                    kerja.append((lanjut, iter(sorted(graf[lanjut]))))
                elif lanjut in di_tumpukan:
                    rendah[simpul] = min(rendah[simpul], indeks[lanjut])
                continue
            kerja.pop()
            if kerja:
                rendah[kerja[-1][0]] = min(rendah[kerja[-1][0]], rendah[simpul])
            if rendah[simpul] == indeks[simpul]:
                komponen = set()
                while True:
                    anggota = tumpukan.pop()
                    di_tumpukan.discard(anggota)
                    komponen.add(anggota)
                    if anggota == simpul:
                        break
                hasil.append(komponen)
    return hasil


def test_no_module_imports_celery_tasks_inside_a_function():
    """What starts a job imports the tasks at its top; a local import would hide a circle this walk cannot see."""
    lokal = []
    for path in MODUL.values():
        if "tests" in path.parts:
            continue
        for fungsi in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(fungsi, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fungsi):
                if isinstance(node, ast.ImportFrom | ast.Import):
                    asal = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                    asal += [f"{node.module}.{a.name}" for a in node.names] if isinstance(node, ast.ImportFrom) else []
                    if any(m.endswith(".tasks") or ".tasks." in m for m in asal):
                        lokal.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert lokal == [], "\n".join(lokal)


def test_no_module_reverses_a_url_of_a_floor_above_its_own():
    naik = []
    for nama, path in MODUL.items():
        if nama in SITUS:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            fungsi = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            teks = node.args[0].value
            if fungsi in FUNGSI_URL and isinstance(teks, str) and teks.partition(":")[0] in LANTAI:
                if LANTAI[teks.partition(":")[0]] > _lantai(nama):
                    naik.append(f"{path.relative_to(ROOT)}:{node.lineno} reverses {teks}")
    assert naik == [], "\n".join(naik)


def _pustaka_tag() -> dict[str, str]:
    return {path.stem: app for app in LANTAI for path in (ROOT / app).glob("templatetags/*.py")}


TAG = _pustaka_tag()
URL_TAG = re.compile(r"\{%\s*url\s+['\"]([a-z_]+):")
TEMPLATE_TAG = re.compile(r"\{%\s*(?:extends|include)\s+['\"]([a-z_]+)/")
LOAD_TAG = re.compile(r"\{%\s*load\s+([^%]+?)\s*%\}")


def _lantai_template(path: Path) -> int:
    """A template under templates/<app>/ is that app's; the shell (base.html, login) is the site's ground floor."""
    folder = path.relative_to(ROOT / "templates").parts[0]
    return LANTAI.get(folder, 0)


@pytest.mark.parametrize("path", sorted((ROOT / "templates").rglob("*.html")), ids=lambda p: str(p.name))
def test_no_template_uses_a_floor_above_its_own(path):
    lantai, teks = _lantai_template(path), path.read_text()
    naik = [f"url {ns}:" for ns in URL_TAG.findall(teks) if LANTAI.get(ns, 0) > lantai]
    naik += [f"template {app}/" for app in TEMPLATE_TAG.findall(teks) if LANTAI.get(app, 0) > lantai]
    naik += [
        f"load {nama}"
        for daftar in LOAD_TAG.findall(teks)
        for nama in daftar.split()
        if nama in TAG and LANTAI[TAG[nama]] > lantai
    ]
    assert naik == [], "\n".join(naik)


def test_the_walk_sees_the_whole_house():
    """Guard the guards: the module and template walks find what they should, so an empty list above means something."""
    assert {"diklat.signals", "angkatan.kunci", "sertifikat.tasks"} <= set(MODUL)
    assert ("angkatan.kunci", 1) in [(m, 1) for m, _b in _impor("angkatan.services", MODUL["angkatan.services"])]
    assert "angkatan_halaman" in TAG
    assert URL_TAG.findall("{% url 'sertifikat:angkatan' angkatan.pk as url %}") == ["sertifikat"]
    assert _komponen_kuat({"a": {"b"}, "b": {"a"}, "c": {"a"}}) in ([{"a", "b"}, {"c"}], [{"c"}, {"a", "b"}])
