"""The HTTP API and the pages over a real store (SQLite file and PostgreSQL), through FastAPI's TestClient."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from dateline.cli.serve_command import is_loopback
from dateline.web import create_app
from web_store import HOSTILE_EVENT_TITLE, HOSTILE_TITLE, build_web_store


@pytest.fixture
def client(store_target: str) -> Iterator[TestClient]:
    build_web_store(store_target).close()
    with TestClient(create_app(store_target), raise_server_exceptions=False) as test_client:
        yield test_client


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    return body["error"]


def test_events_list_filters_and_pagination(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 1 and body["items"][0]["id"] == "ev-0001"
    assert body["items"][0]["participants"][0]["actor"].startswith("person:")
    assert client.get("/api/events", params={"country": "RUR"}).json()["total"] == 1
    assert client.get("/api/events", params={"country": "FRE"}).json()["total"] == 0
    assert client.get("/api/events", params={"actor": "person:anna-lee"}).json()["total"] == 1
    assert client.get("/api/events", params={"actor": "person:nobody"}).json()["total"] == 0
    assert client.get("/api/events", params={"from": "2021-05-05"}).json()["total"] == 0
    assert client.get("/api/events", params={"from": "2021-05-01", "to": "2021-05-04"}).json()["total"] == 1
    assert client.get("/api/events", params={"series": "Council of Harbour Ministers"}).json()["total"] == 1
    page = client.get("/api/events", params={"offset": 1, "limit": 5}).json()
    assert page == {"items": [], "total": 1, "limit": 5, "offset": 1}


def test_one_event_and_unknown_event(client: TestClient) -> None:
    event = client.get("/api/events/ev-0001").json()
    assert event["title"] == HOSTILE_EVENT_TITLE  # JSON carries the text as it is; pages escape it
    assert event["conflicts"][0]["field"] == "ordinal"
    assert client.get("/api/events/ev-00").json()["id"] == "ev-0001"  # a unique prefix is enough
    response = client.get("/api/events/no-such-event")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert "no-such-event" in error_of(response)["message"]


def test_errors_share_one_shape(client: TestClient) -> None:
    response = client.get("/api/events", params={"limit": "many"})
    assert response.status_code == 422 and "limit" in error_of(response)["message"]
    assert client.get("/api/events", params={"from": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422
    response = client.get("/api/no-such-endpoint")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    assert client.get("/api/documents/nope").status_code == 404
    assert client.post("/api/events").status_code == 405  # read-only: no write endpoints
    assert error_of(client.post("/api/events"))["code"] == "method_not_allowed"


def test_documents_stories_actors_series(client: TestClient) -> None:
    docs = client.get("/api/documents").json()
    assert docs["total"] == 3 and "text" not in docs["items"][0]
    doc = client.get("/api/documents/doc_a").json()
    assert doc["text"].startswith("ASTRAVIA") and doc["events"] == ["ev-0001"] and doc["story"] == "story-0001"
    assert doc["entities"][0]["label"] == "PERSON"
    assert client.get("/api/stories").json()["items"][0]["events"] == ["ev-0001"]
    assert client.get("/api/stories/story-0001").json()["documents"] == ["doc_a", "doc_b", "doc_evil"]
    found = client.get("/api/actors", params={"q": "petrov"}).json()
    assert [a["id"] for a in found["items"]] == ["person:ivan-petrov"]
    actor = client.get("/api/actors/person:ivan-petrov").json()
    assert actor["events"][0]["event"] == "ev-0001" and actor["events"][0]["part"] == "participant"
    assert error_of(client.get("/api/actors", params={"q": "zzz"}))["code"] == "not_found"
    series = client.get("/api/series").json()["items"]
    assert [s["name"] for s in series] == ["Council of Harbour Ministers"]
    assert client.get(f"/api/series/{series[0]['id']}").json()["meetings"][0]["event"] == "ev-0001"


def test_full_text_search(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "coastal shipping"}).json()
    assert body["total"] == 3
    hit = body["items"][0]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower() in {"coastal", "shipping"}
    assert client.get("/api/search", params={"q": '"in the margin"'}).json()["items"][0]["document"] == "doc_evil"
    assert client.get("/api/search", params={"q": "zeppelin"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": 'AND OR "unclosed NEAR('}).status_code == 200
    assert client.get("/api/search").status_code == 422


def test_pages_render_and_escape_article_text(client: TestClient) -> None:
    for path in ("/", "/events", "/events/ev-0001", "/stories/story-0001", "/documents/doc_evil",
                 "/actors", "/actors/person:ivan-petrov", "/series", "/search?q=margin"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        html = response.text
        assert "<script>window" not in html and "<img src=" not in html and "<b>session" not in html, path
    assert "&lt;script&gt;window.pwned=3&lt;/script&gt;Council &lt;b&gt;session&lt;/b&gt;" in client.get("/").text
    document = client.get("/documents/doc_evil").text
    assert "&lt;img src=&#34;x&#34; onerror=&#34;window.pwned=2&#34;&gt;" in document
    assert HOSTILE_TITLE.replace("<", "&lt;").replace(">", "&gt;") in document
    search = client.get("/search", params={"q": "margin"}).text
    assert "<mark>margin</mark>" in search and "doc_evil" in search
    event = client.get("/events/ev-0001").text
    assert '<tr class="fact conflict" data-field="ordinal"' in event and "Conflicts between reports" in event


def test_evidence_link_highlights_the_sentence(client: TestClient) -> None:
    event = client.get("/api/events/ev-0001").json()
    evidence = event["evidence"][0]
    page = client.get("/events/ev-0001").text
    link = f"/documents/{evidence['document']}?hl={evidence['start']}-{evidence['end']}#focus"
    assert link in page
    document = client.get(link.split("#")[0]).text
    assert 'id="focus"' in document and evidence["text"].split()[1] in document


def test_page_errors_are_pages(client: TestClient) -> None:
    response = client.get("/events/no-such-event")
    assert response.status_code == 404 and "no event" in response.text and "<html" in response.text


def test_docs_are_served_without_a_cdn(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "cdn." not in docs and "http://" not in docs.replace("http://www.w3.org", "")
    assert client.get("/openapi.json").json()["paths"]["/api/events/{event_id}"]
    assert client.get("/static/style.css").status_code == 200


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
