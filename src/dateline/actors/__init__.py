"""The actors stage: person names, resolution across articles, offices held over time."""
