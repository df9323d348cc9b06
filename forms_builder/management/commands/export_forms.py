from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Write published forms and option lists to configs/ as YAML (load them back with load_configs)."

    def add_arguments(self, parser):
        parser.add_argument("--path", help="Folder to write to (default: the repository's configs/).")

    def handle(self, *args, **options):
        extra = {"path": options["path"]} if options["path"] else {}
        call_command("export_configs", only=["option_lists", "forms"], stdout=self.stdout, **extra)
