"""What the search app knows of the objects it indexes: only what their apps register here.

search imports no domain app. An app with searchable objects ships `<app>/search.py` with a
`Searchable` subclass per model (document builder, whether an object belongs in the index, its
URL, its name) and registers an instance in its AppConfig.ready():

    from search import registry
    registry.register(AchievementSearch())

An app that adds fields to another app's documents (evaluation's score on achievements, a
challenge superseding the need it was promoted from) registers an `Extension` under that
searchable's name. Facet value labels owned by an app (industries, maturity…) are registered
with `register_labels`.
"""

from collections.abc import Callable

# Which index kinds hold each side of a match: offers (成果) are matched to wants (需求, 榜单)
# and back; an object's peers, against which mutual fit is judged, are those of its own side.
OFFER, WANT = "offer", "want"
SIDE_KINDS = {OFFER: ["achievements"], WANT: ["needs", "challenges"]}


class Searchable:
    """One indexed model. Subclasses set the attributes and implement the methods."""

    model = None
    name = ""  # "achievement" | "need" | "challenge": hits' "model", outbox rows, feedback
    side = OFFER
    index_kind = ""  # the index its objects live in ("achievements" | "needs" | "challenges")
    match_limit = 10  # matches_for's default number of matches
    feedback_field = None  # the MatchFeedback field naming this side, or None (no feedback)

    def text(self, obj) -> tuple[str, list[str], str]:
        """(title, keywords, body): what the object is indexed and matched by."""
        raise NotImplementedError

    def document(self, obj, analysed: dict) -> dict:
        """The indexed fields, given the analysed text fields."""
        raise NotImplementedError

    def is_searchable(self, obj) -> bool:
        """Publicly visible (what its matches are shown for)."""
        raise NotImplementedError

    def belongs_in_index(self, obj) -> bool:
        return self.is_searchable(obj)

    def rows(self):
        """Every row, with what a document reads loaded in the same queries."""
        return self.model.objects.all()

    def narrow(self, rows):
        """The rows that belong in the index, in SQL (belongs_in_index, row by row)."""
        raise NotImplementedError

    def published(self):
        """Publicly visible rows (for the API, the feedback form and digests)."""
        raise NotImplementedError

    def for_organizations(self, organizations):
        """Published rows of these organizations for the dashboard's match panel, or None."""
        return None

    def url(self, pk) -> str:
        raise NotImplementedError

    def doc_id(self, pk) -> str:
        """One model an index: a document's id is its object's primary key."""
        return str(pk)


class Extension:
    """Fields another app adds to a searchable's documents."""

    name = ""  # the Searchable.name it extends

    def annotate(self, rows):
        return rows

    def narrow(self, rows):
        """The rows that belong in the index, as far as this extension decides."""
        return rows

    def belongs_in_index(self, obj) -> bool:
        return True

    def fields(self, obj) -> dict:
        return {}


_searchables: dict[str, Searchable] = {}
_extensions: dict[str, list[Extension]] = {}
_labels: dict[str, dict | Callable[[], dict]] = {}
_page_search: list[Callable[[str, int], list]] = []


def register(searchable: Searchable) -> None:
    _searchables[searchable.name] = searchable


def extend(extension: Extension) -> None:
    present = _extensions.setdefault(extension.name, [])
    if not any(type(e) is type(extension) for e in present):
        present.append(extension)


def register_labels(facet: str, labels: dict | Callable[[], dict]) -> None:
    """Labels of a facet's values: a dict, or a callable read at each search (database rows)."""
    _labels[facet] = labels


def register_page_search(search: Callable[[str, int], list]) -> None:
    """The CMS's page search (query, limit) -> pages, shown beside listings on the search page."""
    _page_search[:] = [search]


def search_pages(query: str, limit: int) -> list:
    return _page_search[0](query, limit) if _page_search else []


def labels(facet: str) -> dict:
    found = _labels.get(facet, {})
    return found() if callable(found) else found


def all() -> list[Searchable]:  # noqa: A001 (registry.all() reads as meant)
    """In registration order (INSTALLED_APPS order)."""
    return list(_searchables.values())


def named(name: str) -> Searchable:
    return _searchables[name]


def of(obj) -> Searchable:
    for searchable in _searchables.values():
        if isinstance(obj, searchable.model):
            return searchable
    raise TypeError(f"not a searchable object: {type(obj).__name__}")


def extensions(name: str) -> list[Extension]:
    return _extensions.get(name, [])


def by_document(kind: str, raw_id) -> tuple[Searchable, int]:
    """The searchable and pk of a hit, from its index kind and document id."""
    for searchable in _searchables.values():
        if searchable.index_kind == kind:
            return searchable, int(raw_id)
    raise LookupError(f"no searchable for {kind} document {raw_id}")


def number(value) -> float | None:
    """A money or measure field as a document number (None stays None)."""
    return float(value) if value is not None else None
