from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"
    verbose_name = "Meeting records"

    def ready(self):
        from meetings import history_loading
        from meetings.admin import input as admin_input
        from meetings.revisions import capture

        history_loading.connect()
        admin_input.install()
        capture.connect()
