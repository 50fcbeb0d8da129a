"""The events stage: meetings, receptions and signings one article reports, with evidence."""

from dateline.events.detect import extract

__all__ = ["extract"]
