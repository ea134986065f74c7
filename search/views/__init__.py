"""Pages of the search app: the search page, 我的订阅 (saved searches), match feedback."""

from .feedback import match_feedback, my_matches
from .saved import saved_search_create, saved_search_delete, saved_search_list, saved_search_update
from .search import search_page

__all__ = [
    "match_feedback",
    "my_matches",
    "saved_search_create",
    "saved_search_delete",
    "saved_search_list",
    "saved_search_update",
    "search_page",
]
