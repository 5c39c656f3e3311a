"""Digital signatures on PDF documents: PAdES baseline signing (pyHanko) and verification.

The signer comes from configuration (docs/documents-signing.md):

- a PKCS#12 file (``.p12``/``.pfx``) and its passphrase: ``THIDUA_SIGNING_PKCS12``, ``THIDUA_SIGNING_PASSPHRASE``;
- or a PKCS#11 token (the USB tokens of the Government Cipher Committee's CA and of the commercial CAs):
  ``THIDUA_SIGNING_PKCS11_MODULE`` (the vendor's ``.so``), ``THIDUA_SIGNING_PKCS11_TOKEN`` (token label),
  ``THIDUA_SIGNING_PKCS11_KEY`` (key label), ``THIDUA_SIGNING_PKCS11_CERT`` (certificate label, defaults to the
  key label), ``THIDUA_SIGNING_PKCS11_PIN``. The token path needs the ``python-pkcs11`` package.

Optionally ``THIDUA_SIGNING_TSA_URL``: a time-stamping authority, which makes the signature PAdES B-T instead of B-B;
``THIDUA_SIGNING_TRUST_ROOTS``: a PEM bundle of the root certificates verification trusts.

This module imports no domain app: callers pass PDF bytes and get PDF bytes back.
"""

from __future__ import annotations

import asyncio
import datetime
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509 as pyca_x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

__all__ = [
    "ENV_PKCS11_CERT",
    "ENV_PKCS11_KEY",
    "ENV_PKCS11_MODULE",
    "ENV_PKCS11_PIN",
    "ENV_PKCS11_TOKEN",
    "ENV_PKCS12",
    "ENV_PASSPHRASE",
    "ENV_TRUST_ROOTS",
    "ENV_TSA_URL",
    "Pkcs11Config",
    "Pkcs12Config",
    "SignatureCheck",
    "SigningConfigError",
    "Verification",
    "open_signer",
    "sign_pdf",
    "signer_config_from_env",
    "trust_roots_from_env",
    "verify_pdf",
]

ENV_PKCS12 = "THIDUA_SIGNING_PKCS12"
ENV_PASSPHRASE = "THIDUA_SIGNING_PASSPHRASE"
ENV_PKCS11_MODULE = "THIDUA_SIGNING_PKCS11_MODULE"
ENV_PKCS11_TOKEN = "THIDUA_SIGNING_PKCS11_TOKEN"
ENV_PKCS11_KEY = "THIDUA_SIGNING_PKCS11_KEY"
ENV_PKCS11_CERT = "THIDUA_SIGNING_PKCS11_CERT"
ENV_PKCS11_PIN = "THIDUA_SIGNING_PKCS11_PIN"
ENV_TSA_URL = "THIDUA_SIGNING_TSA_URL"
ENV_TRUST_ROOTS = "THIDUA_SIGNING_TRUST_ROOTS"

DEFAULT_FIELD = "ChuKySo"


class SigningConfigError(Exception):
    """The signer is not configured, or its configuration cannot be used (the message is for the officer)."""


@dataclass(frozen=True)
class Pkcs12Config:
    """A signer's key and certificate in a PKCS#12 file."""

    path: Path
    passphrase: str | None = None
    timestamp_url: str | None = None


@dataclass(frozen=True)
class Pkcs11Config:
    """A signer's key on a PKCS#11 token (the PIN unlocks the token; never logged)."""

    module_path: str
    token_label: str
    key_label: str
    cert_label: str | None = None
    pin: str | None = field(default=None, repr=False)
    timestamp_url: str | None = None


SignerConfig = Pkcs12Config | Pkcs11Config


def signer_config_from_env(environ: Mapping[str, str] | None = None) -> SignerConfig | None:
    """The signer configured in the environment, or ``None`` when none is.

    A PKCS#11 module wins over a PKCS#12 file when both are set. A half-configured token (a module without a
    token or key label) is an error rather than a silent fallback to the file.
    """
    env = os.environ if environ is None else environ
    tsa = env.get(ENV_TSA_URL) or None
    module = env.get(ENV_PKCS11_MODULE)
    if module:
        token, key = env.get(ENV_PKCS11_TOKEN), env.get(ENV_PKCS11_KEY)
        if not token or not key:
            raise SigningConfigError(
                _("Cấu hình token ký số thiếu nhãn token ({token}) hoặc nhãn khóa ({key}).").format(
                    token=ENV_PKCS11_TOKEN, key=ENV_PKCS11_KEY
                )
            )
        return Pkcs11Config(
            module_path=module,
            token_label=token,
            key_label=key,
            cert_label=env.get(ENV_PKCS11_CERT) or None,
            pin=env.get(ENV_PKCS11_PIN) or None,
            timestamp_url=tsa,
        )
    path = env.get(ENV_PKCS12)
    if path:
        return Pkcs12Config(path=Path(path), passphrase=env.get(ENV_PASSPHRASE) or None, timestamp_url=tsa)
    return None


def _pkcs12_signer(config: Pkcs12Config) -> signers.SimpleSigner:
    try:
        data = config.path.read_bytes()
    except OSError as exc:
        raise SigningConfigError(
            _("Không đọc được tệp chứng thư số {path}: {error}").format(path=config.path, error=exc.strerror)
        ) from exc
    passphrase = config.passphrase.encode("utf-8") if config.passphrase is not None else None
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase)
    except ValueError as exc:
        raise SigningConfigError(
            _("Không mở được tệp chứng thư số {path}: sai mật khẩu hoặc tệp hỏng.").format(path=config.path)
        ) from exc


@contextmanager
def _pkcs11_signer(config: Pkcs11Config) -> Iterator[signers.Signer]:
    try:
        from pyhanko.config.pkcs11 import PKCS11SignatureConfig, TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11SigningContext
    except ImportError as exc:  # python-pkcs11 is not installed
        raise SigningConfigError(
            _("Ký bằng token PKCS#11 cần gói python-pkcs11, gói này chưa được cài trên máy chủ.")
        ) from exc
    p11 = PKCS11SignatureConfig(
        module_path=config.module_path,
        token_criteria=TokenCriteria(label=config.token_label),
        key_label=config.key_label,
        cert_label=config.cert_label or config.key_label,
        user_pin=config.pin,
    )
    try:
        with PKCS11SigningContext(p11) as signer:
            yield signer
    except SigningError as exc:
        raise SigningConfigError(_("Không mở được token ký số: {error}").format(error=exc)) from exc


@contextmanager
def open_signer(config: SignerConfig | None = None) -> Iterator[signers.Signer]:
    """The configured signer, open for the duration of the ``with`` block (a token session is closed after it).

    Without ``config``, the environment's (:func:`signer_config_from_env`); none there → :class:`SigningConfigError`.
    """
    config = config if config is not None else signer_config_from_env()
    if config is None:
        raise SigningConfigError(
            _("Chưa cấu hình chữ ký số: đặt {pkcs12} hoặc {pkcs11}.").format(
                pkcs12=ENV_PKCS12, pkcs11=ENV_PKCS11_MODULE
            )
        )
    if isinstance(config, Pkcs11Config):
        with _pkcs11_signer(config) as signer:
            yield signer
    else:
        yield _pkcs12_signer(config)


def sign_pdf(
    pdf: bytes,
    *,
    signer: signers.Signer | None = None,
    config: SignerConfig | None = None,
    field_name: str = DEFAULT_FIELD,
    reason: str | None = None,
    location: str | None = None,
    timestamp_url: str | None = None,
) -> bytes:
    """The PDF with a PAdES baseline signature appended as an incremental update (the original bytes are kept).

    Pass an open ``signer`` (from :func:`open_signer`, to sign many files in one token session) or a ``config``;
    with neither, the environment's signer is used. A ``timestamp_url`` (or the configuration's) adds a
    time-stamp from that authority (PAdES B-T); without one the signing time is the signer's clock (B-B).
    """
    if signer is None:
        with open_signer(config) as opened:
            tsa = timestamp_url or _config_tsa(config)
            return sign_pdf(
                pdf, signer=opened, field_name=field_name, reason=reason, location=location, timestamp_url=tsa
            )
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        use_pades_lta=False,
    )
    timestamper = timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = _outside_event_loop(signers.sign_pdf, writer, meta, signer=signer, timestamper=timestamper)
    return out.getvalue()


def _outside_event_loop[T](func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call one of pyHanko's synchronous functions, which run their coroutine with `asyncio.run`: directly when
    this thread has no running event loop (a Django view, a command, a worker), else in a short-lived thread
    (an ASGI server, or a test process where Playwright's loop is running)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return func(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func, *args, **kwargs).result()


def _config_tsa(config: SignerConfig | None) -> str | None:
    if config is None:
        config = signer_config_from_env()
    return config.timestamp_url if config is not None else None


@dataclass(frozen=True)
class SignatureCheck:
    """What a verifier learns about one signature in a PDF."""

    field_name: str
    signer_name: str  # the certificate's common name
    signer_subject: str  # the whole distinguished name, as people read it
    issuer_name: str
    serial_number: int
    signed_at: datetime.datetime | None  # the signer's clock, or the time-stamp's when there is one
    timestamped: bool
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks out
    trusted: bool  # the certificate chains to one of the given roots
    modified_after: bool  # something was appended after this signature
    modification_level: str  # pyHanko's judgement of that appendix: NONE, LTA_UPDATES, FORM_FILLING, ...
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Intact, valid, trusted, and nothing appended after it but validation data or further signatures."""
        return self.intact and self.valid and self.trusted and not self.problems


@dataclass(frozen=True)
class Verification:
    """The verification of a PDF: every signature in it, in signing order."""

    signatures: tuple[SignatureCheck, ...]
    problems: tuple[str, ...] = ()

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def ok(self) -> bool:
        """Signed, readable, and every signature :attr:`SignatureCheck.ok`."""
        return self.signed and not self.problems and all(sig.ok for sig in self.signatures)


_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)


def trust_roots_from_env(environ: Mapping[str, str] | None = None) -> list[bytes]:
    """The certificates ``verify_pdf`` trusts, from the PEM bundle named by ``THIDUA_SIGNING_TRUST_ROOTS`` (the
    Government CA's root and the licensed CAs' roots, one after another); ``[]`` when the variable is not set."""
    env = os.environ if environ is None else environ
    path = env.get(ENV_TRUST_ROOTS)
    if not path:
        return []
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningConfigError(
            _("Không đọc được tệp chứng thư gốc {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    blocks = _PEM_BLOCK.findall(data)
    if not blocks:
        raise SigningConfigError(
            _("Tệp chứng thư gốc {path} không chứa chứng thư PEM nào.").format(path=path)
        )
    return blocks


def _as_asn1(cert: bytes | pyca_x509.Certificate | asn1_x509.Certificate) -> asn1_x509.Certificate:
    if isinstance(cert, asn1_x509.Certificate):
        return cert
    if isinstance(cert, pyca_x509.Certificate):
        return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
    if cert.lstrip().startswith(b"-----BEGIN"):
        return asn1_x509.Certificate.load(
            pyca_x509.load_pem_x509_certificate(cert).public_bytes(Encoding.DER)
        )
    return asn1_x509.Certificate.load(cert)


def verify_pdf(
    pdf: bytes,
    *,
    trust_roots: Iterable[bytes | pyca_x509.Certificate | asn1_x509.Certificate],
    at: datetime.datetime | None = None,
) -> Verification:
    """Check every signature in ``pdf`` against ``trust_roots`` (PEM or DER bytes, or certificate objects).

    Offline: no OCSP or CRL is fetched (revocation is "soft-fail": unknown status does not fail the check).
    ``at`` validates as of that moment instead of now. A file that cannot be read is reported, not raised.
    """
    roots = [_as_asn1(c) for c in trust_roots]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # any unreadable file is simply "not verified"
        return Verification(signatures=(), problems=(_("Không đọc được tệp PDF: {error}").format(error=exc),))
    if not embedded:
        return Verification(signatures=(), problems=(_("Tệp PDF không có chữ ký số."),))
    checks = []
    for sig in embedded:
        context = ValidationContext(
            trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail", moment=at
        )
        try:
            status = _outside_event_loop(validate_pdf_signature, sig, signer_validation_context=context)
        except Exception as exc:  # a broken signature dictionary fails
            checks.append(_broken(sig.field_name, exc))
            continue
        checks.append(_check(sig.field_name, status))
    return Verification(signatures=tuple(checks))


def _broken(field_name: str, exc: Exception) -> SignatureCheck:
    return SignatureCheck(
        field_name=field_name,
        signer_name="",
        signer_subject="",
        issuer_name="",
        serial_number=0,
        signed_at=None,
        timestamped=False,
        intact=False,
        valid=False,
        trusted=False,
        modified_after=True,
        modification_level="",
        problems=(_("Chữ ký không kiểm tra được: {error}").format(error=exc),),
    )


def _check(field_name: str, status: PdfSignatureStatus) -> SignatureCheck:
    cert = status.signing_cert
    level = status.modification_level
    modified_after = status.coverage != SignatureCoverageLevel.ENTIRE_FILE
    problems = []
    if not status.intact:
        problems.append(_("Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp)."))
    elif not status.valid:
        problems.append(_("Chữ ký không hợp lệ về mật mã."))
    if not status.trusted:
        problems.append(_("Chứng thư số của người ký không thuộc tổ chức chứng thực được tin cậy."))
    # Allowed after a signature: validation data and time-stamps (LTA_UPDATES) and the filling of form fields,
    # which is how a second signature is added (FORM_FILLING), within what the first signer's DocMDP permits.
    if modified_after and (
        level is None or level > ModificationLevel.FORM_FILLING or status.docmdp_ok is False
    ):
        problems.append(_("Tài liệu đã bị sửa đổi sau khi ký."))
    timestamp = status.timestamp_validity
    signed_at = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    return SignatureCheck(
        field_name=field_name,
        signer_name=cert.subject.native.get("common_name", "") or "",
        signer_subject=cert.subject.human_friendly,
        issuer_name=cert.issuer.native.get("common_name", "") or cert.issuer.human_friendly,
        serial_number=cert.serial_number,
        signed_at=signed_at,
        timestamped=timestamp is not None,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        modified_after=modified_after,
        modification_level=level.name if level is not None else "",
        problems=tuple(problems),
    )
