"""Commands: ingest (files and folders into the store, with a progress bar on a terminal) and rebuild."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Annotated as Arg

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from dateline.cli.app import DbOption, app, open_db
from dateline.cli.help import UserCommand
from dateline.cli.render import err_console, say, warn
from dateline.cli.signals import Interrupted, interrupted, interruptible, stopped
from dateline.errors import BatchStopped

if TYPE_CHECKING:
    from dateline.errors import InputError
    from dateline.pipeline import ProgressEvent


def _rejected_line(error: InputError) -> str:
    return f"rejected: {error}"


class _Reporter:
    """Feeds a Rich progress bar (when wanted) and prints each rejected input as it happens."""

    def __init__(self, show_bar: bool, live_errors: bool) -> None:
        self.live_errors = live_errors
        self.last: ProgressEvent | None = None  # where the batch stood: for the message on a signal
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        if show_bar:
            self.bar = Progress(
                TextColumn("[bold]ingest[/bold]"),
                BarColumn(),
                TextColumn("{task.fields[files]}"),
                TextColumn("{task.fields[rate]:.1f} articles/s"),
                TextColumn("{task.fields[errors]} errors"),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self.task = self.bar.add_task("ingest", total=None, rate=0.0, errors=0, files="finding files")

    def __enter__(self) -> _Reporter:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, event: ProgressEvent) -> None:
        self.last = event
        if event.kind == "rejected" and event.error is not None and self.live_errors:
            warn(_rejected_line(event.error))
        if self.bar is not None and self.task is not None:
            handled = event.stored + event.unchanged + event.rejected
            rate = handled / event.seconds if event.seconds > 0 else 0.0
            self.bar.update(
                self.task,
                total=event.files_total,
                completed=event.files_done,
                rate=rate,
                errors=event.rejected,
                files=f"{event.files_done}/{event.files_total} files",
            )


# dateline.ingest.MAX_TEXT_BYTES in MB, not imported from there (that loads trafilatura for every
# command); tests/test_faults.py checks that the two agree
DEFAULT_MAX_TEXT_MB = 1.0


@app.command(cls=UserCommand)
def ingest(
    paths: Arg[
        list[str],
        typer.Argument(metavar="PATH...", help="files (.txt .html .htm .jsonl .json) or folders", show_default=False),
    ],
    db: DbOption = None,
    quiet: Arg[bool, typer.Option("--quiet", "-q", help="no progress bar, no live error lines")] = False,
    batch_size: Arg[
        int, typer.Option("--batch-size", min=1, metavar="N", help="articles per spaCy batch and worker task")
    ] = 32,
    workers: Arg[
        int | None, typer.Option("--workers", min=1, metavar="N", help="local worker processes [default: cores]")
    ] = None,
    scheduler: Arg[
        str | None, typer.Option("--scheduler", metavar="URL", help="a Dask scheduler (tcp://HOST:8786)")
    ] = None,
    max_text_mb: Arg[
        float,
        typer.Option("--max-text-mb", min=0.001, metavar="MB", help="longest article text taken; longer is rejected"),
    ] = DEFAULT_MAX_TEXT_MB,
) -> None:
    """Read articles into the store (created if needed).

    A file's document id is its name without extension (folders below a named folder are
    joined with --, e.g. a--report); a different file with an id already taken gets the next
    free one, and re-ingesting a file updates its document. Every rejected file is printed
    with its reason (on stderr) and listed again at the end. Exit status: 0 all went in,
    1 some input was rejected, 2 usage error or the store failed (disk full, read-only,
    unreachable: the batch stops at once with a summary), 130/143 interrupted by
    SIGINT/SIGTERM (every finished article is kept; run the same command again).

    Example: dateline ingest examples --db demo.db
    """
    from dateline.parallel import open_processor
    from dateline.pipeline import ingest as run_ingest  # spaCy loads only for this command

    show_bar = not quiet and err_console.is_terminal
    reporter = _Reporter(show_bar, live_errors=not quiet)
    try:
        with (
            interruptible(),
            open_db(db, create=True) as store,
            open_processor(workers, scheduler) as process,
            reporter,
        ):
            try:
                report = run_ingest(paths, store, progress=reporter, batch_size=batch_size, process=process,
                                    max_bytes=int(max_text_mb * 1_000_000))  # fmt: skip
            except BatchStopped as stop:
                raise stopped(stop) from stop
    except Interrupted as signal_end:
        raise interrupted(signal_end, reporter.last) from None
    if report.rejected:
        warn(f"{len(report.rejected)} rejected:")
        for error in report.rejected:
            warn(f"  {_rejected_line(error)}")
    for renamed in report.renamed:
        say(f"kept apart: {renamed.path} stored as '{renamed.given}' ('{renamed.wanted}' is {renamed.holder})")
    rate = report.words / report.seconds if report.seconds > 0 else 0.0
    updated = f"; {report.updated} of them updated a document stored before" if report.updated else ""
    say(
        f"stored {report.stored}, unchanged {report.unchanged}, rejected {len(report.rejected)} "
        f"({report.words:,} words in {report.seconds:.1f} s, {rate:,.0f} words/s){updated}"
    )
    if report.rejected:
        raise typer.Exit(1)


@app.command(cls=UserCommand)
def rebuild(db: DbOption = None) -> None:
    """Recompute every cross-article record (actors, events, stories) from the stored extractions.

    Example: dateline rebuild --db demo.db
    """
    from dateline.derive import rebuild as run_rebuild

    with open_db(db, readonly=False) as store:
        run_rebuild(store)
        count = len(store.stories())
        label = store.label
    say(f"rebuilt {label}: {count} stories")
