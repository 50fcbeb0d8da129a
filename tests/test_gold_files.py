"""The checks every gold file of the project's own test articles must pass (tests/data/*_gold.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import gold_checks
from test_events_gold import read_corpus, read_raw

DATA = Path(__file__).resolve().parent / "data"
SETS = ("events", "heldout", "heldout2")
GoldAndDocs = tuple[dict[str, Any], dict[str, str]]  # tests/data/<set>/ with tests/data/<set>_gold.json


@pytest.fixture(scope="module", params=SETS)
def gold_and_docs(request: pytest.FixtureRequest) -> GoldAndDocs:
    gold = json.loads((DATA / f"{request.param}_gold.json").read_text(encoding="utf-8"))
    return gold, read_corpus(DATA / request.param)


def test_every_gold_document_exists_and_every_document_is_annotated(
    gold_and_docs: tuple[dict[str, Any], dict[str, str]],
) -> None:
    gold_checks.check_every_gold_document_exists_and_every_document_is_annotated(*gold_and_docs)


def test_stories_cover_each_document_once(gold_and_docs: GoldAndDocs) -> None:
    gold_checks.check_stories_cover_each_document_once(*gold_and_docs)


def test_every_person_in_a_meeting_is_in_persons(gold_and_docs: GoldAndDocs) -> None:
    gold_checks.check_every_person_in_a_meeting_is_in_persons(gold_and_docs[0])


def test_every_surface_form_occurs_verbatim_in_its_documents(
    gold_and_docs: tuple[dict[str, Any], dict[str, str]],
) -> None:
    gold_checks.check_every_surface_form_occurs_verbatim_in_its_documents(*gold_and_docs)


def test_surface_forms_belong_to_one_person_only(gold_and_docs: GoldAndDocs) -> None:
    gold_checks.check_surface_forms_belong_to_one_person_only(gold_and_docs[0])


def test_signed_titles_occur_in_the_meeting_documents(gold_and_docs: GoldAndDocs) -> None:
    gold_checks.check_signed_titles_occur_in_the_meeting_documents(*gold_and_docs)


@pytest.mark.parametrize("corpus", SETS)
def test_document_metadata_is_stated_in_the_document(corpus: str) -> None:
    gold = json.loads((DATA / f"{corpus}_gold.json").read_text(encoding="utf-8"))
    gold_checks.check_document_metadata_is_stated_in_the_document(
        gold, read_corpus(DATA / corpus), read_raw(DATA / corpus)
    )
