"""The shape of bp: its imports run one way, from the checks up to the command line, and no
module grows past about 600 lines. A new module takes its place in ``LAYERS`` below. The
install hint names the distribution that pyproject.toml builds."""

import ast
import tomllib
from pathlib import Path

import pytest

import bp

PACKAGE = Path(bp.__file__).parent

#: bp's modules from the bottom up: a module may import only modules of earlier layers. The
#: general engines sit below the worked example, and the figures and the command line above it.
LAYERS = (
    ("bp", "bp._checks", "bp.plotting.style"),
    ("bp.activations", "bp.data", "bp.timing", "bp.digits"),
    ("bp.losses", "bp.graph"),
    ("bp.storage",),
    ("bp.network",),
    ("bp.gradcheck",),
    ("bp.example.definition",),
    ("bp.example.trace",),
    ("bp.example.steps",),
    ("bp.example.forms",),
    ("bp.example",),
    ("bp.slips", "bp.landscape", "bp.practice"),
    ("bp.walk",),
    ("bp.plotting.costs", "bp.plotting.matrices", "bp.plotting.graphs"),
    ("bp.plotting.diagram", "bp.plotting.landscapes", "bp.plotting.training"),
    ("bp.plotting",),
    ("bp.cli",),
    ("bp.__main__",),
)
LAYER = {module: i for i, layer in enumerate(LAYERS) for module in layer}
MAX_LINES = 600


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        yield ".".join(parts).removesuffix(".__init__"), path


MODULES = dict(_modules())


def imports_of_bp(path):
    """The bp modules a file imports, anywhere in it (``from bp import x`` counts as ``bp.x``
    when ``x`` is a module, else as ``bp``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "bp"}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "bp":
                found |= {f"bp.{a.name}" if f"bp.{a.name}" in MODULES else "bp" for a in node.names}
            elif node.module.split(".")[0] == "bp":
                found.add(node.module)
    return found


def test_every_module_has_a_layer():
    assert set(MODULES) == set(LAYER), "place a new module in LAYERS (or drop a removed one)"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_modules_below_it(module):
    above = sorted(m for m in imports_of_bp(MODULES[module]) if LAYER[m] >= LAYER[module])
    assert above == [], f"{module} imports {above}, which are not below it in LAYERS"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_600_lines(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, (
        f"{module} has {lines} lines: split it by concept, as bp.example and bp.plotting are"
    )


def test_the_import_check_sees_an_import_that_goes_up(tmp_path):
    # What the layout test would say of bp.graph importing the worked example, as it once did.
    module = tmp_path / "graph.py"
    module.write_text("def f():\n    from bp.example import worked_example\n    import bp.cli\n")
    found = imports_of_bp(module)
    assert found == {"bp.example", "bp.cli"}
    assert all(LAYER[m] > LAYER["bp.graph"] for m in found)


def _defined(path):
    """The names a file defines: functions, classes, and what it assigns (attributes included)."""
    own = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            own.add(node.name)
        elif isinstance(node, ast.Attribute | ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.attr if isinstance(node, ast.Attribute) else node.id)
    return own


#: Every name some module of bp defines.
DEFINED = {module: _defined(path) for module, path in MODULES.items()}


def private_names_from_elsewhere(module):
    """The private names (``_x``, not dunders) of other bp modules that ``module`` uses: imported
    from them, or read as an attribute of something other than ``self``/``cls`` that another bp
    module defines and this one does not (``net._check_xy``). ``bp._checks``, the one home of
    validation, is the package's shared private module and is not counted; neither are the
    private names of other libraries (argparse's ``parser._actions``)."""
    own = DEFINED[module]
    elsewhere = set().union(*(names for m, names in DEFINED.items() if m != module)) - own
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "bp":
            found |= {a.name for a in node.names if a.name.startswith("_")}
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            mine = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            if not (mine or node.attr.startswith("__")) and node.attr in elsewhere:
                found.add(node.attr)
    return sorted(found - {"_checks"})


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_uses_a_private_name_of_another(module):
    assert private_names_from_elsewhere(module) == [], (
        "a name another module uses is public and documented, or not used there"
    )


PYPROJECT = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_install_command_names_the_distribution_and_its_extras():
    # "bp" on PyPI is an unrelated package: the hint must name the distribution pyproject builds.
    project = PYPROJECT["project"]
    assert project["name"] == bp.DISTRIBUTION
    assert tuple(sorted(project["optional-dependencies"])) == bp.EXTRAS
    for extra in bp.EXTRAS:
        assert bp.install_command(extra) == f'pip install "{project["name"]}[{extra}]"'


@pytest.mark.parametrize("extra", ["", "torch", "DATA", None, ("data",)])
def test_the_install_command_of_an_unknown_extra_names_the_parameter(extra):
    with pytest.raises(ValueError, match=r"^extra must be one of \('data', 'plot'\); got "):
        bp.install_command(extra)
