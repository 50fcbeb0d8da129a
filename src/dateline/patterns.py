"""Regular expressions made from words met in text (a surname, a city), compiled once per word.

``re``'s own cache holds 512 patterns; a stream of articles brings a new surname or city in
almost every one, so patterns built per article would be compiled again and again, and would
push the fixed patterns of the stages out of that cache as well.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1 << 13)
def whole_word(word: str, before: str = r"[\w-]") -> re.Pattern[str]:
    """``word`` literally, not preceded by a character of the class ``before`` nor followed by a
    word character or hyphen: ``(?<!BEFORE)WORD(?![\\w-])``."""
    return re.compile(rf"(?<!{before}){re.escape(word)}(?![\w-])")
