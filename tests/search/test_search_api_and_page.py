import pytest

pytestmark = pytest.mark.django_db


def test_search_api_returns_results_facets_and_pages(indexed, client):
    body = client.get("/api/v1/search?q=机器视觉&kind=achievements").json()
    assert body["total"] >= 1
    assert body["results"][0]["title"] == "单板表面缺陷机器视觉分级系统"
    assert "<mark>" in body["results"][0]["title_html"]
    assert body["facets"]["kind"]["values"][0]["value"] == "achievements"
    assert body["pages"] == 1


def test_search_api_is_described_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/search" in paths
    assert "/api/v1/needs/{ident}/matches" in paths


def test_header_suggestions_complete_titles(indexed, client):
    body = client.get("/api/v1/search/suggest?q=果蔬").json()
    assert body[0]["title"] == "果蔬产地差压预冷装置"
    assert body[0]["url"]


def test_search_page_shows_facets_highlights_and_sorting(indexed, client):
    html = client.get("/search/?q=胶黏剂").content.decode()
    assert "<mark>胶黏剂</mark>" in html
    assert "产业" in html and "报价从低到高" in html


def test_search_page_suggests_words_when_nothing_matches(indexed, client):
    response = client.get("/search/?q=量子通信卫星")
    assert response.status_code == 200
    assert "没有找到" in response.content.decode()


@pytest.mark.parametrize("page", ["501", "1000000000000000000"])
def test_a_search_page_past_elasticsearchs_window_is_empty_not_a_server_error(
    indexed, client, page
):
    response = client.get(f"/api/v1/search?page={page}")
    assert response.status_code == 200
    body = response.json()
    assert body["results"] == [] and body["total"] >= 1
    assert client.get(f"/search/?page={page}").status_code == 200


@pytest.mark.parametrize("ident", ["%C2%B36", "%D9%A3", "99999999999999999999999", "id:%C2%B3"])
def test_matches_of_an_id_with_non_ascii_digits_are_not_found(client, ident):
    assert client.get(f"/api/v1/achievements/{ident}/matches").status_code == 404
    assert client.get(f"/api/v1/needs/{ident}/matches").status_code == 404
