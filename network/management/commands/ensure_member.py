"""Create the demo network member's login with a random password, once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from network.members import members_group


class Command(BaseCommand):
    help = (
        "Create a user in the “Network members” group with a random password and print it, "
        "unless the user exists. The password is never stored anywhere but in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="member")

    def handle(self, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The member login {username!r} exists already. Forgot the password? "
                f"Run: .venv/bin/python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, email="", password=password)
        user.groups.add(members_group())
        self.stdout.write(
            self.style.SUCCESS(
                f"Network member created. Sign in to the members' area as {username!r} "
                f"with the password {password!r}"
            )
        )
