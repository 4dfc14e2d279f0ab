from django.apps import AppConfig


class BlogConfig(AppConfig):
    """News and articles of the network."""

    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .comments import shown_comments_changed
        from .models import Comment

        post_save.connect(shown_comments_changed, sender=Comment, dispatch_uid="blog-comment-save")
        post_delete.connect(
            shown_comments_changed, sender=Comment, dispatch_uid="blog-comment-delete"
        )
