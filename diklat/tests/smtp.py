"""A real SMTP server for the tests (aiosmtpd on a free loopback port) that keeps what it receives."""

import logging
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO; a failing test shows enough without them.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerSmtp:
    """aiosmtpd in a thread of the test process; ``diterima`` holds each message that arrived, parsed.

    ``tolak = "451 4.3.0 Coba lagi nanti"`` (or a 5xx reply) makes it refuse every message after the
    data; ``berhenti()`` stops it, so that a send finds the port closed.
    """

    host = "127.0.0.1"

    def __init__(self) -> None:
        self.port = _port_bebas()
        self.diterima: list[EmailMessage] = []
        self.amplop: list[tuple[str, list[str]]] = []
        self.tolak: str | None = None
        self.ditolak = 0
        self._tiba = threading.Condition()
        self._controller = Controller(self, hostname=self.host, port=self.port)

    async def handle_DATA(self, server, session, envelope):
        if self.tolak:
            self.ditolak += 1
            return self.tolak
        with self._tiba:
            self.amplop.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self.diterima.append(message_from_bytes(envelope.original_content, policy=policy.default))
            self._tiba.notify_all()
        return "250 OK"

    def mulai(self) -> None:
        self._controller.start()

    def berhenti(self) -> None:
        if self._controller.loop.is_running():
            self._controller.stop()

    def tunggu(self, jumlah: int = 1, detik: float = 30) -> list[EmailMessage]:
        """Wait until ``jumlah`` messages have arrived (sent by another process, e.g. a worker); return them."""
        batas = time.monotonic() + detik
        with self._tiba:
            while len(self.diterima) < jumlah and time.monotonic() < batas:
                self._tiba.wait(timeout=0.2)
            return list(self.diterima)


def bagian(pesan: EmailMessage, jenis: str) -> str:
    """Return the text of a message's ``text/plain`` or ``text/html`` part, decoded."""
    isi = pesan.get_body(preferencelist=(jenis.split("/")[1],))
    assert isi is not None and isi.get_content_type() == jenis, f"no {jenis} part in:\n{pesan}"
    return isi.get_content()
