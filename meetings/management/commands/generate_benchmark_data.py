"""Grow the database with generated meetings for benchmarks (see meetings.benchdata)."""

from django.core.management.base import BaseCommand, CommandError

from meetings.benchdata import generate


class Command(BaseCommand):
    help = (
        "Add N generated meetings with their documents, agreements, participations and action items, in the "
        "proportions of the real archive (about 32 agreements a meeting: 31,000 meetings make a million "
        "agreements), about 5 %% drafts and some withdrawn. Set-based SQL on PostgreSQL, batched inserts "
        "elsewhere. For benchmarks only: the records are made up and have no edit history."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, required=True, help="how many meetings to add")
        parser.add_argument("--seed", type=int, default=12, help="random seed (the same seed, the same records)")
        parser.add_argument(
            "--method", choices=["sql", "orm"], help="sql (PostgreSQL only; the default there) or orm (elsewhere)"
        )

    def handle(self, *args, meetings, seed, method, **options):
        if meetings < 1:
            raise CommandError("--meetings must be at least 1.")
        try:
            tag = generate(meetings, seed=seed, method=method, report=self._say(options["verbosity"]))
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            self.stdout.write(f"Done: the new meetings' slugs start with bench-{tag}-.")

    def _say(self, verbosity: int):
        return (lambda line: self.stdout.write(line)) if verbosity else (lambda line: None)
