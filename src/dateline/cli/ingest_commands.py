"""Commands: ingest (files and folders into the store) and documents (what the store holds)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING
from typing import Annotated as Arg

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from dateline.cli.app import DbOption, app, console, err_console, open_db

if TYPE_CHECKING:
    from dateline.errors import InputError
    from dateline.pipeline import ProgressEvent


def _rejected_line(error: InputError) -> str:
    return f"rejected: {error}"


class _Reporter:
    """Feeds a Rich progress bar (when wanted) and prints each rejected input as it happens."""

    def __init__(self, show_bar: bool, live_errors: bool) -> None:
        self.live_errors = live_errors
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        if show_bar:
            self.bar = Progress(
                TextColumn("[bold]ingest[/bold]"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total} files"),
                TextColumn("{task.fields[rate]:.1f} articles/s"),
                TextColumn("{task.fields[errors]} errors"),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self.task = self.bar.add_task("ingest", total=None, rate=0.0, errors=0)

    def __enter__(self) -> _Reporter:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, event: ProgressEvent) -> None:
        if event.kind == "rejected" and event.error is not None and self.live_errors:
            err_console.print(_rejected_line(event.error), markup=False, highlight=False, soft_wrap=True)
        if self.bar is not None and self.task is not None:
            handled = event.stored + event.unchanged + event.rejected
            rate = handled / event.seconds if event.seconds > 0 else 0.0
            self.bar.update(
                self.task,
                total=event.files_total,
                completed=event.files_done,
                rate=rate,
                errors=event.rejected,
            )


@app.command()
def ingest(
    paths: Arg[list[str], typer.Argument(help="files (.txt .html .htm .jsonl .json) or folders", show_default=False)],
    db: DbOption = None,
    quiet: Arg[bool, typer.Option("--quiet", "-q", help="no progress bar, no live error lines")] = False,
    batch_size: Arg[int, typer.Option("--batch-size", min=1, help="articles per spaCy batch")] = 32,
) -> None:
    """Read articles, find their events and store them; re-ingesting unchanged files changes nothing.

    Every rejected file is printed with its reason (on stderr) as it happens and listed again
    at the end. Exit status: 0 all went in, 1 some input was rejected, 2 usage error.
    """
    from dateline.pipeline import ingest as run_ingest  # spaCy loads only for this command

    show_bar = not quiet and err_console.is_terminal
    with open_db(db) as store, _Reporter(show_bar, live_errors=not quiet) as reporter:
        report = run_ingest(paths, store, progress=reporter, batch_size=batch_size)
    if report.rejected:
        err_console.print(f"{len(report.rejected)} rejected:", markup=False, highlight=False)
        for error in report.rejected:
            err_console.print(f"  {_rejected_line(error)}", markup=False, highlight=False, soft_wrap=True)
    rate = report.words / report.seconds if report.seconds > 0 else 0.0
    console.print(
        f"stored {report.stored}, unchanged {report.unchanged}, rejected {len(report.rejected)} "
        f"({report.words:,} words in {report.seconds:.1f} s, {rate:,.0f} words/s)",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if report.rejected:
        raise typer.Exit(1)


@app.command()
def documents(db: DbOption = None) -> None:
    """List the stored documents (id, published, source, dateline, title) and their named entities."""
    with open_db(db) as store:
        docs = store.documents()
        if not docs:
            console.print(f"no documents in {store.label}", markup=False, highlight=False)
            return
        table = Table(title=f"{len(docs)} documents in {store.label}", title_justify="left")
        table.add_column("id", no_wrap=True)
        table.add_column("published", no_wrap=True)
        table.add_column("source")
        table.add_column("dateline")
        table.add_column("title")
        for doc in docs:
            published = doc.published.isoformat() if doc.published else ""
            table.add_row(doc.id, published, doc.source or "", doc.dateline or "", doc.title or "")
        console.print(table)

        entities = Table(title="entities by document and label", title_justify="left")
        entities.add_column("document", no_wrap=True)
        entities.add_column("label", no_wrap=True)
        entities.add_column("entities (× mentions)")
        for doc in docs:
            grouped: dict[str, Counter[str]] = defaultdict(Counter)
            for mention in store.entities(doc.id):
                grouped[mention.label][mention.text] += 1
            for i, label in enumerate(sorted(grouped)):
                names = ", ".join(name if count == 1 else f"{name} ×{count}" for name, count in grouped[label].items())
                entities.add_row(doc.id if i == 0 else "", label, names)
            if not grouped:
                entities.add_row(doc.id, "", "(none)")
        console.print(entities)
