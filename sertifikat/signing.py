"""Electronic signature (PAdES B-B) of certificate PDFs."""

import functools
import io

from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.attributes import CMSAttributeProvider, SignedAttributeProviderSpec
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.general import SigningError, as_signing_certificate_v2
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params

NAMA_BIDANG = "Sertifikat"
ALASAN = "Sertifikat pelatihan BPSDM Kementerian Dalam Negeri"
# Room in the CMS for what is neither a certificate nor the signature value nor the issuer name:
# framing, algorithm identifiers, the message digest (about 500 bytes); the unused part stays zeros.
CADANGAN_CMS = 1024


class _SertifikatPenandaTangan(CMSAttributeProvider):
    attribute_type = "signing_certificate_v2"

    def __init__(self, nilai: tsp.SigningCertificateV2):
        self.nilai = nilai

    async def build_attr_value(self, dry_run: bool = False) -> tsp.SigningCertificateV2:
        return self.nilai


class _AtributPAdES(SignedAttributeProviderSpec):
    # pyHanko's own PAdES attributes minus the per-signature rebuild: with no signing time (PAdES
    # forbids it), no time stamp and no CAdES extras, only the digest changes, and pyHanko adds that.
    def __init__(self, sertifikat: asn1_x509.Certificate):
        # Loaded back from DER, so asn1crypto reuses the bytes instead of encoding the issuer name
        # again for every signature, which cost more than half of a signature's time.
        self.sertifikat_v2 = tsp.SigningCertificateV2.load(as_signing_certificate_v2(sertifikat).dump())

    def signed_attr_providers(self, data_digest: bytes, digest_algorithm: str):
        yield _SertifikatPenandaTangan(self.sertifikat_v2)


class PenandaTangan(Signer):
    """Sign with a private key decoded once, not once per signature as pyHanko's SimpleSigner does."""

    def __init__(
        self,
        *,
        kunci: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
        sertifikat: asn1_x509.Certificate,
        rantai: list[asn1_x509.Certificate],
    ):
        registry = SimpleCertificateStore()
        registry.register_multiple(rantai)
        super().__init__(signing_cert=sertifikat, cert_registry=registry)
        self.kunci = kunci
        self.signed_attr_prov_spec = _AtributPAdES(sertifikat)
        # A fixed reservation spares pyHanko a dry-run signature to measure the CMS; the signing
        # certificate, its chain and the issuer name (twice) are what make it long.
        if isinstance(kunci, rsa.RSAPrivateKey):
            panjang_nilai = kunci.key_size // 8
        else:
            panjang_nilai = 2 * (kunci.key_size + 7) // 8 + 9  # DER SEQUENCE of two INTEGERs
        perkiraan = (
            sum(len(s.dump()) for s in (sertifikat, *rantai))
            + 2 * len(sertifikat.issuer.dump())
            + panjang_nilai
            + CADANGAN_CMS
        )
        # Counted in hex digits, as /Contents holds them: two per byte.
        self.bytes_reserved = 2 * (-(-perkiraan // 256) * 256)

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        return self.sign_raw(data, digest_algorithm)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        """Return the raw signature of data by the loaded key."""
        mekanisme = self.get_signature_mechanism_for_digest(digest_algorithm)
        algoritme = mekanisme.signature_algo
        if algoritme == "rsassa_pkcs1v15":
            return self.kunci.sign(data, padding.PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        if algoritme == "rsassa_pss":
            pss, hash_algo = process_pss_params(mekanisme["parameters"])
            return self.kunci.sign(data, pss, hash_algo)
        if algoritme == "ecdsa":
            return self.kunci.sign(data, ec.ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
        raise SigningError(f"Unsupported signature mechanism {algoritme}")


@functools.lru_cache(maxsize=4)
def _penanda_tangan_load(path: str, sandi: str) -> PenandaTangan:
    try:
        with open(path, "rb") as berkas:
            data = berkas.read()
    except OSError as e:
        raise ImproperlyConfigured(
            _("Berkas kunci tanda tangan (SERTIFIKAT_KUNCI_P12) tidak dapat dibaca: %(path)s (%(galat)s).")
            % {"path": path, "galat": e.strerror}
        ) from e
    try:
        kunci, sertifikat, rantai = pkcs12.load_key_and_certificates(data, sandi.encode() if sandi else None)
    except ValueError as e:
        raise ImproperlyConfigured(
            _(
                "Berkas kunci tanda tangan %(path)s tidak dapat dibuka: kata sandinya "
                "(SERTIFIKAT_KUNCI_SANDI) salah atau berkas itu bukan PKCS#12."
            )
            % {"path": path}
        ) from e
    if kunci is None or sertifikat is None:
        raise ImproperlyConfigured(
            _("Berkas kunci tanda tangan %(path)s tidak memuat kunci privat beserta sertifikatnya.") % {"path": path}
        )
    if not isinstance(kunci, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ImproperlyConfigured(_("Kunci tanda tangan di %(path)s harus berjenis RSA atau EC.") % {"path": path})
    return PenandaTangan(
        kunci=kunci,
        sertifikat=translate_pyca_cryptography_cert_to_asn1(sertifikat),
        rantai=[translate_pyca_cryptography_cert_to_asn1(c) for c in rantai],
    )


def penanda_tangan_aktif() -> PenandaTangan | None:
    """Return the signer configured in settings, or None when no key is configured."""
    path = str(settings.SERTIFIKAT_KUNCI_P12 or "")
    if not path:
        return None
    # Cached per process: decoding the PKCS#12 file takes longer than a signature.
    return _penanda_tangan_load(path, settings.SERTIFIKAT_KUNCI_SANDI or "")


def pdf_sign(data: bytes, *, signer: Signer | None = None) -> bytes:
    """Return data with a PAdES B-B signature added in an incremental update."""
    signer = signer or penanda_tangan_aktif()
    if signer is None:
        raise ImproperlyConfigured(_("Tidak ada kunci tanda tangan: atur SERTIFIKAT_KUNCI_P12."))
    metadata = PdfSignatureMetadata(
        field_name=NAMA_BIDANG,
        reason=ALASAN,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
    )
    # An incremental update leaves the bytes WeasyPrint and pikepdf wrote untouched before the signature.
    penulis = IncrementalPdfFileWriter(io.BytesIO(data))
    keluaran = PdfSigner(metadata, signer=signer).sign_pdf(
        penulis, bytes_reserved=getattr(signer, "bytes_reserved", None)
    )
    return keluaran.getvalue()
