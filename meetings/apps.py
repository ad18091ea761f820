from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"
    verbose_name = "Meeting records"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from meetings import history_loading
        from meetings.admin import input as admin_input
        from meetings.revisions import capture
        from meetings.search.vocabulary import VOCABULARY_MODELS, forget_vocabulary
        from meetings.text import register_fold

        history_loading.connect()
        admin_input.install()
        capture.connect()
        # SQLite's search fallback compares text without case or accents through this function.
        connection_created.connect(register_fold, dispatch_uid="meetings.register_fold")
        # Search keeps the vocabulary's names in memory; a change to them rebuilds the index.
        for model in VOCABULARY_MODELS:
            post_save.connect(forget_vocabulary, sender=model, dispatch_uid=f"forget_names_saved_{model.__name__}")
            post_delete.connect(forget_vocabulary, sender=model, dispatch_uid=f"forget_names_deleted_{model.__name__}")
