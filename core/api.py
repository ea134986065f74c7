"""What every router of the JSON API shares."""

from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination


class PageNumberPagination(NinjaPageNumberPagination):
    """Ninja's page numbers, but a page past the end is an empty page: ninja slices first, and
    `?page=10**18` became an OFFSET the database cannot hold (a 500)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page_size = self._get_page_size(pagination.page_size)
        count = self._items_count(queryset)
        offset = (pagination.page - 1) * page_size
        items = queryset[offset : offset + page_size] if offset < count else []
        return {self.items_attribute: items, "count": count}
