"""The NLP stage: sentences, named entities and dates of each document (spaCy, loaded once)."""

from dateline.nlp.dates import find_dates
from dateline.nlp.pipeline import annotate, load_model

__all__ = ["annotate", "find_dates", "load_model"]
