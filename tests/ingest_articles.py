"""Short invented news articles for the ingest, pipeline and reliability tests (written at run time)."""

from __future__ import annotations

from pathlib import Path

CITIES = ["MOSCOW", "BEIJING", "TASHKENT", "BISHKEK", "DUSHANBE", "ASTANA", "BAKU", "MINSK"]
AGENCIES = ["(Northwire)", "/TASS/.", "(Xinhua) --", ". KAZINFORM -", "(Reuters) -", "/Kabar/."]
PEOPLE = ["Ivan Petrov", "Anna Lee", "Karl Berg", "Omar Said", "Li Wen", "Sara Holm", "Tomas Vik", "Aida Nur"]
COUNTRIES = ["Ruritania", "Freedonia", "Sylvania", "Genovia", "Latveria", "Elbonia"]


def article_text(i: int) -> str:
    """A short article (about 60 words) in one of several dateline styles; ``i`` varies everything."""
    city = CITIES[i % len(CITIES)]
    agency = AGENCIES[i % len(AGENCIES)]
    host, guest = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 3) % len(PEOPLE)]
    a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i + 1) % len(COUNTRIES)]
    day = 1 + i % 28
    separator = " " if agency.startswith(".") else ", "
    head = f"{city}{agency}" if agency.startswith(".") else f"{city}{separator}{day} May 2021 {agency}"
    return (
        f"{head} Minister of Foreign Affairs of {a} {host} met Minister of Trade of {b} {guest} "
        f"on {day} May 2021 to discuss cooperation number {i}.\n\n"
        f"The ministers signed a memorandum on trade and agreed that the next meeting will be held in {b}. "
        f"President of {a} received the delegation of {b} after the talks.\n"
    )


def write_corpus(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` articles as .txt files ``art-NNN.txt`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"art-{i:03d}.txt"
        path.write_text(article_text(i), encoding="utf-8")
        paths.append(path)
    return paths
