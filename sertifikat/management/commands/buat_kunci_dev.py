"""Create the self-signed development key that signs certificates on a developer's machine."""

import datetime
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

SANDI_BAWAAN = "diklat-dev"
MASA_BERLAKU = datetime.timedelta(days=5 * 365)


def kunci_dev_create(*, sandi: str) -> bytes:
    """Return a PKCS#12 archive holding a new RSA 2048 key and its self-signed certificate."""
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    nama = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "diklat — kunci pengembangan (bukan BSrE)"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "BPSDM Kementerian Dalam Negeri"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    # A minute back, so a clock that lags slightly still sees a certificate already valid.
    mulai = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    kunci_publik = kunci.public_key()
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(nama)
        .issuer_name(nama)
        .public_key(kunci_publik)
        .serial_number(x509.random_serial_number())
        .not_valid_before(mulai)
        .not_valid_after(mulai + MASA_BERLAKU)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation, which pyHanko asks of a signer by default
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci_publik), critical=False)
        .sign(kunci, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        name=b"diklat-dev",
        key=kunci,
        cert=sertifikat,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(sandi.encode()),
    )


class Command(BaseCommand):
    help = _("Membuat kunci dan sertifikat pengembangan (swa-tanda-tangan) untuk menandatangani sertifikat PDF.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--keluaran",
            type=Path,
            default=None,
            help=_("Berkas PKCS#12 yang ditulis (bawaan: SERTIFIKAT_KUNCI_DEV)."),
        )
        parser.add_argument(
            "--sandi", default=SANDI_BAWAAN, help=_("Kata sandi berkas PKCS#12 (bawaan: %s).") % SANDI_BAWAAN
        )
        parser.add_argument("--ganti", action="store_true", help=_("Ganti berkas yang sudah ada dengan kunci baru."))

    def handle(self, *args, keluaran: Path | None, sandi: str, ganti: bool, **options):
        keluaran = Path(keluaran or settings.SERTIFIKAT_KUNCI_DEV)
        if keluaran.exists() and not ganti:
            # Safe to repeat (setup scripts call it): a certificate a developer already trusts in a PDF reader stays valid.
            self.stdout.write(
                _("Kunci pengembangan sudah ada di %(berkas)s; berkas dibiarkan.") % {"berkas": keluaran}
            )
            return
        keluaran.parent.mkdir(parents=True, exist_ok=True)
        data = kunci_dev_create(sandi=sandi)
        # Written under a temporary name, then renamed: a reader never sees half a file,
        # and the key is readable by its owner only from the first byte.
        sementara = keluaran.with_name(f".{keluaran.name}.{os.getpid()}.tmp")
        fd = os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as berkas:
                berkas.write(data)
            os.chmod(sementara, 0o600)
            os.replace(sementara, keluaran)
        except BaseException:
            sementara.unlink(missing_ok=True)
            raise
        self.stdout.write(
            self.style.SUCCESS(
                _("Kunci pengembangan ditulis ke %(berkas)s (bukan kunci BSrE; hanya untuk pengembangan).")
                % {"berkas": keluaran}
            )
        )
