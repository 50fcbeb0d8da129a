"""Dateline: a sourced, queryable record of meetings, receptions and agreements from news articles."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
