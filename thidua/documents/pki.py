"""A throwaway public-key infrastructure: a root CA and the signers it certifies — for the signing tests and for
the demo signer of a development server (never in production, where the signer is the agency's own, configured)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class Identity:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def pkcs12(self, passphrase: bytes, *, chain: tuple[x509.Certificate, ...] = ()) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            name=b"signer",
            key=self.key,
            cert=self.cert,
            cas=list(chain) or None,
            encryption_algorithm=serialization.BestAvailableEncryption(passphrase),
        )


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Thử nghiệm thidua"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_ca(common_name: str = "CA thử nghiệm") -> Identity:
    key = _key()
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key=key, cert=cert)


def make_signer(ca: Identity, common_name: str) -> Identity:
    key = _key()
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
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
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Identity(key=key, cert=cert)


DEMO_PASSPHRASE = b"thidua-demo"


def demo_signer_files(
    directory: Path, *, common_name: str = "Giám đốc Sở (chứng thư thử nghiệm)"
) -> tuple[Path, Path]:
    """The demo signer of a development server: ``(signer.p12, root.pem)`` under ``directory``, made once.

    The certificate says it is a test one ("thử nghiệm") and its root is trusted only where the development
    settings add it; a production server refuses to sign without the agency's own signer (docs/decisions.md)."""
    directory.mkdir(parents=True, exist_ok=True)
    p12, root = directory / "demo-signer.p12", directory / "demo-root.pem"
    if not (p12.exists() and root.exists()):
        ca = make_ca("CA thử nghiệm của thidua (không có giá trị pháp lý)")
        signer = make_signer(ca, common_name)
        p12.write_bytes(signer.pkcs12(DEMO_PASSPHRASE, chain=(ca.cert,)))
        root.write_bytes(ca.cert_pem)
    return p12, root
