"""Create the local "admin" account on a development machine, once."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = 'Create a superuser "admin" with password "admin" if no superuser exists. Development (DEBUG) only.'

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a known password outside development (DEBUG is off).")
        users = get_user_model().objects
        if users.filter(is_superuser=True).exists():
            self.stdout.write("A superuser already exists; leaving accounts as they are.")
            return
        users.create_superuser("admin", "admin@localhost", "admin")
        self.stdout.write('Created the local superuser "admin" (password "admin").')
