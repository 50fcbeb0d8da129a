"""The one role normaliser: how events, actors and fusion compare the wordings of an office.

``fold_role`` folds what may differ between two wordings of one office (case, accents,
British and American spelling, "adviser"/"advisor", hyphens in "Vice-President" and
"Secretary-General"); ``normalize_role`` is the folded text without articles (stored with
each mention), and ``role_words`` the set of its words without connectors, which joins
"Secretary of the Security Council" and "Security Council Secretary".
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

IGNORED_WORDS = frozenset({"the", "of", "s", "and", "for", "a", "an"})
# each is a pure function of one string, asked again for every mention of a role at every derive:
# memoised (a store holds a few thousand wordings of offices)
_MEMO = 65536


@lru_cache(maxsize=_MEMO)
def fold_role(role: str) -> str:
    """Lower-case ASCII, one spelling: "Vice-President of Defence" → "vice president of defense"."""
    text = anyascii(role).lower().replace("defence", "defense").replace("advisor", "adviser")
    text = re.sub(r"secretary[\s-]+general", "secretary_general", text)
    return re.sub(r"[–—-]", " ", text)


@lru_cache(maxsize=_MEMO)
def normalize_role(role: str) -> str:
    """A comparable form: folded, without articles ("The Secretary-General" → "secretary_general")."""
    words = [w for w in re.findall(r"[a-z_']+", fold_role(role)) if w not in {"the", "a", "an"}]
    return " ".join(words).replace("secretary_general", "secretary general")


@lru_cache(maxsize=_MEMO)
def role_words(role: str) -> frozenset[str]:
    """The words of a role in any order: the key that joins wordings of one office."""
    return frozenset(re.findall(r"[a-z_]+", fold_role(role))) - IGNORED_WORDS
