"""The apps are layered: an app imports only the apps its row below names, so the ground floor
never depends on what is built on it. A small AST check over every .py file of the apps
(migrations included, tests excluded) fails on an import that breaks the layers.

What counts as "app A depends on app B", in a file of A:
- an import of B's modules, at the top or inside a function (`import B.x`, `from B.x import y`);
- a call naming B by string: `apps.get_model("B", ...)`, `get_model("B.Model")`,
  `import_module("B.x")`, `import_string("B.x")`, `__import__("B.x")`;
- a relation to B's model by its lazy name (`ForeignKey("B.Model")`, `to="B.model"`), and a
  migration's dependency on B's migrations. These are RELATIONS: data, not code.

The rule for search and cms (precisely): neither imports a domain app (marketplace, challenges,
brokerage, evaluation, payments) nor names one in a call. What they know of domain objects comes
through what those apps register: search.registry (each app's <app>/search.py, registered in its
ready()) and the CMS's home-page sources (registered by portal). Each keeps one relation, listed
in RELATIONS: search's match feedback points at needs and achievements; a CMS challenge call lists
challenges. Through that relation the CMS reads the model's stated attributes
(Challenge.PUBLIC_STATUSES), never its module.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GROUND = {"core", "accounts", "notifications"}
DOMAIN = {"marketplace", "payments", "challenges", "brokerage", "evaluation"}
ALL_APPS = GROUND | DOMAIN | {"search", "cms", "reports", "portal", "config"}

# The layer table: what each app may import (besides itself). Lowest first.
MAY_IMPORT = {
    "core": set(),  # the ground floor: imports no app
    "accounts": {"core"},
    "notifications": {"core", "accounts"},
    "search": GROUND,  # + what apps register in search.registry
    "cms": GROUND | {"search"},  # + what portal registers in cms.selectors
    "marketplace": GROUND | {"search"},
    "payments": GROUND | {"search", "marketplace"},
    "challenges": GROUND | {"search", "marketplace", "payments"},
    "brokerage": GROUND | {"search", "marketplace", "payments"},
    "evaluation": GROUND | {"search", "marketplace", "payments", "challenges"},
    # Staff exports for the science bureau read every domain app's records.
    "reports": GROUND | {"challenges", "brokerage", "evaluation"},
    # The top floor. config is the project (settings, URLs, API root, health) that mounts every
    # app; portal, the orchestration place (demo loader, home-page figures), sits above it.
    "config": ALL_APPS - {"config", "portal"},
    "portal": ALL_APPS - {"portal"},
}

# Data relations allowed beyond MAY_IMPORT: (app, app its models or migrations refer to).
RELATIONS = {
    ("search", "marketplace"),  # MatchFeedback.need / .achievement
    ("cms", "challenges"),  # ChallengeCallItem.challenge
}

# Known arrows that still break the layers, each a (file, app) pair: a new one fails the test.
# Remove a row when its import is gone (test_known_exceptions_are_still_needed says when).
KNOWN_EXCEPTIONS = {
    # History: challenge calls listed needs of kind 揭榜挂帅 until cms 0004.
    ("cms/migrations/0003_portal_pages.py", "marketplace"),
}

LABELS = {"portal_search": "search"}  # app labels that differ from the package name
NAMING_CALLS = {"get_model", "import_module", "import_string", "__import__"}
RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey"}


def _app(name: str) -> str | None:
    first = name.split(".")[0]
    first = LABELS.get(first, first)
    return first if first in ALL_APPS else None


def _call_name(node: ast.Call) -> str:
    return getattr(node.func, "attr", None) or getattr(node.func, "id", None) or ""


def _first_string(node: ast.Call) -> str | None:
    args = [*node.args, *(k.value for k in node.keywords if k.arg in ("to", "app_label"))]
    if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
        return args[0].value
    return None


def dependencies(source: str, path: str) -> set[tuple[str, str]]:
    """{(kind, app)}: kind "import" or "relation", for every app the source names."""
    found = set()
    tree = ast.parse(source, path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {("import", _app(a.name)) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(("import", _app(node.module)))
        elif isinstance(node, ast.Call) and _call_name(node) in NAMING_CALLS:
            if (name := _first_string(node)) is not None:
                found.add(("import", _app(name)))
        elif isinstance(node, ast.Call) and _call_name(node) in RELATION_FIELDS:
            if (name := _first_string(node)) is not None and "." in name:
                found.add(("relation", _app(name)))
        elif isinstance(node, ast.keyword) and node.arg == "to":
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                found.add(("relation", _app(node.value.value)))
        elif isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "dependencies" for t in node.targets
        ):
            for item in getattr(node.value, "elts", []):
                if isinstance(item, ast.Tuple) and isinstance(item.elts[0], ast.Constant):
                    found.add(("relation", _app(item.elts[0].value)))
    return {(kind, app) for kind, app in found if app is not None}


def app_files():
    for app in sorted(ALL_APPS):
        for path in sorted((ROOT / app).rglob("*.py")):
            yield app, path.relative_to(ROOT).as_posix(), path


def breaking_arrows() -> set[tuple[str, str]]:
    """(file, app) for every dependency the layers do not allow."""
    broken = set()
    for app, name, path in app_files():
        for kind, other in dependencies(path.read_text(encoding="utf-8"), name):
            if other == app or other in MAY_IMPORT[app]:
                continue
            if (app, other) in RELATIONS and (kind == "relation" or "/migrations/" in name):
                continue
            broken.add((name, other))
    return broken


def test_no_import_breaks_the_layers():
    unexpected = breaking_arrows() - KNOWN_EXCEPTIONS
    assert not unexpected, sorted(unexpected)


def test_known_exceptions_are_still_needed():
    assert not KNOWN_EXCEPTIONS - breaking_arrows()


def test_every_app_has_a_row_in_the_layer_table():
    packages = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert packages <= set(MAY_IMPORT), packages - set(MAY_IMPORT)


def test_the_layers_have_no_cycle_and_only_the_top_imports_every_app():
    placed: list[str] = []
    while len(placed) < len(MAY_IMPORT):
        ready = [a for a, deps in MAY_IMPORT.items() if a not in placed and deps <= set(placed)]
        assert ready, f"a cycle among {set(MAY_IMPORT) - set(placed)}"
        placed += sorted(ready)
    assert MAY_IMPORT["core"] == set()
    assert MAY_IMPORT["accounts"] == {"core"}
    assert not MAY_IMPORT["search"] & DOMAIN and not MAY_IMPORT["cms"] & DOMAIN
    everything = {a for a, deps in MAY_IMPORT.items() if deps >= DOMAIN}
    assert everything == {"portal", "config"}


def test_the_check_sees_lazy_imports_names_and_relations():
    source = """
def f():
    from brokerage.models import TechContract
    apps.get_model("challenges", "Challenge")
    __import__("payments.demo")
field = models.ForeignKey("marketplace.Need", on_delete=models.CASCADE)
dependencies = [("evaluation", "0001_initial")]
"""
    assert dependencies(source, "x.py") == {
        ("import", "brokerage"),
        ("import", "challenges"),
        ("import", "payments"),
        ("relation", "marketplace"),
        ("relation", "evaluation"),
    }
