"""An e-mail backend that notes how many barrier reports were stored when a mail went out."""

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

stored_when_sent = []


class EmailBackend(LocmemBackend):
    def send_messages(self, messages):
        from accessibility.models import BarrierReport

        stored_when_sent.append(BarrierReport.objects.count())
        return super().send_messages(messages)
