"""Consistency checks shared by the gold files of the project's own test articles.

Each check takes the gold (the shape of shared/gold/seeds.json) and the articles' texts by id.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any


def fold(text: str) -> tuple[str, ...]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return tuple(re.findall(r"[a-z0-9]+", ascii_text))


def meeting_people(meeting: dict[str, Any]) -> list[dict[str, Any]]:
    return meeting["participants"] + meeting["received_by"]


def check_every_gold_document_exists_and_every_document_is_annotated(gold, docs) -> None:
    assert set(gold["documents"]) == set(docs)
    for meeting in gold["meetings"]:
        assert set(meeting["documents"]) <= set(docs), meeting["key"]


def check_stories_cover_each_document_once(gold, docs) -> None:
    seen = [doc for story in gold["stories"] for doc in story]
    assert sorted(seen) == sorted(docs)


def check_every_person_in_a_meeting_is_in_persons(gold) -> None:
    for meeting in gold["meetings"]:
        for entry in meeting_people(meeting):
            assert entry["person"] in gold["persons"], (meeting["key"], entry["person"])
    for tenure in gold["tenures"]:
        assert tenure["person"] in gold["persons"], tenure


def check_every_surface_form_occurs_verbatim_in_its_documents(gold, docs) -> None:
    documents_of: dict[str, set[str]] = {}
    for meeting in gold["meetings"]:
        for entry in meeting_people(meeting):
            documents_of.setdefault(entry["person"], set()).update(meeting["documents"])
    for person, forms in gold["persons"].items():
        assert person in documents_of, f"{person} takes part in no meeting"
        for form in forms:
            assert any(form in docs[d] for d in documents_of[person]), (person, form)


def check_surface_forms_belong_to_one_person_only(gold) -> None:
    owner: dict[tuple[str, ...], str] = {}
    for person, forms in gold["persons"].items():
        for form in forms:
            assert owner.setdefault(fold(form), person) == person, (form, owner[fold(form)], person)


def check_signed_titles_occur_in_the_meeting_documents(gold: dict[str, Any], docs: dict[str, str]) -> None:
    for m in gold["meetings"]:
        for title in m.get("signed", []):
            assert any(title.lower() in docs[d].lower() for d in m["documents"]), title


def check_document_metadata_is_stated_in_the_document(
    gold: dict[str, Any], docs: dict[str, str], raw: dict[str, str]
) -> None:
    for doc_id, meta in gold["documents"].items():
        head = docs[doc_id][:1500].lower()
        if meta["published"]:
            published = date.fromisoformat(meta["published"])
            assert str(published.year) in raw[doc_id] and str(published.day) in raw[doc_id], doc_id
        if meta["source"]:
            assert meta["source"].lower() in docs[doc_id].lower(), doc_id
        if meta["dateline"]:
            assert meta["dateline"].lower() in head, doc_id
