"""PAdES signing and verification of a real document PDF, with a throwaway CA (thidua/documents/signing.py)."""

from __future__ import annotations

import asyncio
import datetime
import io
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader

from thidua.documents import signing
from thidua.documents.layout import render_pdf
from thidua.documents.layout.samples import seed_letter_document
from thidua.documents.pki import Identity, make_ca, make_signer

SIGNER_NAME = "Vũ Xuân Hội"


@pytest.fixture(scope="module")
def ca() -> Identity:
    return make_ca()


@pytest.fixture(scope="module")
def director(ca) -> Identity:
    return make_signer(ca, SIGNER_NAME)


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    return render_pdf(seed_letter_document())


@pytest.fixture
def p12_config(tmp_path, ca, director) -> signing.Pkcs12Config:
    path = tmp_path / "giam-doc.p12"
    path.write_bytes(director.pkcs12(b"mat-khau", chain=(ca.cert,)))
    return signing.Pkcs12Config(path=path, passphrase="mat-khau")


@pytest.fixture
def signed_pdf(letter_pdf, p12_config) -> bytes:
    return signing.sign_pdf(letter_pdf, config=p12_config, reason="Ban hành", location="Yên Bái")


def test_signed_pdf_verifies_and_names_the_signer(signed_pdf, letter_pdf, ca, director):
    # An incremental update: the original bytes come first, unchanged.
    assert signed_pdf.startswith(letter_pdf)
    result = signing.verify_pdf(signed_pdf, trust_roots=[ca.cert_pem])
    assert result.ok, result
    [sig] = result.signatures
    assert sig.signer_name == SIGNER_NAME
    assert sig.issuer_name == "CA thử nghiệm"
    assert sig.serial_number == director.cert.serial_number
    assert sig.intact and sig.valid and sig.trusted
    assert not sig.modified_after
    assert sig.signed_at is not None and sig.signed_at.tzinfo is not None
    assert not sig.timestamped
    # PAdES: the ETSI sub-filter, and the PDF still reads as the same document.
    reader = PdfFileReader(io.BytesIO(signed_pdf))
    [embedded] = reader.embedded_signatures
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert embedded.sig_object["/Reason"] == "Ban hành"
    # PAdES baseline B-B: the signed attributes bind the signer's certificate (ESS signing-certificate v2),
    # and the signing time is not a CMS attribute but the signature dictionary's /M.
    signed_attrs = {attr["type"].native for attr in embedded.signer_info["signed_attrs"]}
    assert "signing_certificate_v2" in signed_attrs
    assert "signing_time" not in signed_attrs
    assert "/M" in embedded.sig_object
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(signed_pdf)).pages)
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text


def test_changed_bytes_fail_verification(signed_pdf, ca):
    # WeasyPrint's name in the document information: inside the signed byte range.
    assert signed_pdf.count(b"WeasyPrint") >= 1
    tampered = signed_pdf.replace(b"WeasyPrint", b"WeasyPrinX", 1)
    result = signing.verify_pdf(tampered, trust_roots=[ca.cert_pem])
    assert not result.ok
    [sig] = result.signatures
    assert not sig.intact
    assert any("bị thay đổi" in p for p in sig.problems)


def test_incremental_update_after_signing_is_reported(signed_pdf, ca):
    # Someone appends a revision that draws on the signed page: the signed bytes are intact, the document is not.
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    stream = writer.add_object(generic.StreamObject(stream_data=b"0 0 m 500 500 l S"))
    writer.add_stream_to_page(0, stream)
    out = io.BytesIO()
    writer.write(out)
    result = signing.verify_pdf(out.getvalue(), trust_roots=[ca.cert_pem])
    assert not result.ok
    [sig] = result.signatures
    assert sig.intact and sig.valid and sig.trusted
    assert sig.modified_after
    assert sig.modification_level == "OTHER"
    assert any("sửa đổi sau khi ký" in p for p in sig.problems)


def test_signature_from_an_untrusted_ca_is_not_trusted(signed_pdf):
    other_root = make_ca("CA khác")
    result = signing.verify_pdf(signed_pdf, trust_roots=[other_root.cert])
    [sig] = result.signatures
    assert sig.intact and sig.valid
    assert not sig.trusted
    assert not result.ok


def test_verification_at_a_moment_after_the_certificate_expired(signed_pdf, ca, director):
    later = director.cert.not_valid_after_utc + datetime.timedelta(days=1)
    result = signing.verify_pdf(signed_pdf, trust_roots=[ca.cert_pem], at=later)
    [sig] = result.signatures
    assert sig.intact and not sig.trusted and not result.ok


def test_unsigned_and_unreadable_files(letter_pdf, ca):
    unsigned = signing.verify_pdf(letter_pdf, trust_roots=[ca.cert_pem])
    assert not unsigned.signed and not unsigned.ok
    assert unsigned.problems == ("Tệp PDF không có chữ ký số.",)
    garbage = signing.verify_pdf(b"not a pdf", trust_roots=[ca.cert_pem])
    assert not garbage.ok and garbage.problems


def test_trust_roots_accept_der_and_pem(signed_pdf, ca):
    der = ca.cert.public_bytes(serialization.Encoding.DER)
    assert signing.verify_pdf(signed_pdf, trust_roots=[der]).ok
    assert signing.verify_pdf(signed_pdf, trust_roots=[ca.cert_pem]).ok


def test_config_from_environment(tmp_path):
    assert signing.signer_config_from_env({}) is None
    p12 = signing.signer_config_from_env(
        {
            signing.ENV_PKCS12: "/etc/thidua/ky.p12",
            signing.ENV_PASSPHRASE: "x",
            signing.ENV_TSA_URL: "http://tsa",
        }
    )
    assert p12 == signing.Pkcs12Config(
        path=Path("/etc/thidua/ky.p12"), passphrase="x", timestamp_url="http://tsa"
    )
    token = signing.signer_config_from_env(
        {
            signing.ENV_PKCS12: "/etc/thidua/ky.p12",
            signing.ENV_PKCS11_MODULE: "/usr/lib/vnpt-ca/libsigner.so",
            signing.ENV_PKCS11_TOKEN: "VNPT-CA",
            signing.ENV_PKCS11_KEY: "giam-doc",
            signing.ENV_PKCS11_PIN: "123456",
        }
    )
    assert isinstance(token, signing.Pkcs11Config)  # the token wins over the file
    assert token.key_label == "giam-doc" and token.cert_label is None and token.pin == "123456"
    assert "123456" not in repr(token)  # the PIN stays out of logs and tracebacks
    with pytest.raises(signing.SigningConfigError):
        signing.signer_config_from_env({signing.ENV_PKCS11_MODULE: "/usr/lib/x.so"})


def test_trust_roots_from_a_pem_bundle(tmp_path, signed_pdf, ca):
    assert signing.trust_roots_from_env({}) == []
    bundle = tmp_path / "roots.pem"
    bundle.write_bytes(make_ca("CA khác").cert_pem + b"\n" + ca.cert_pem)
    roots = signing.trust_roots_from_env({signing.ENV_TRUST_ROOTS: str(bundle)})
    assert len(roots) == 2
    assert signing.verify_pdf(signed_pdf, trust_roots=roots).ok
    assert not signing.verify_pdf(signed_pdf, trust_roots=roots[:1]).ok
    bundle.write_text("không có chứng thư")
    with pytest.raises(signing.SigningConfigError, match="không chứa"):
        signing.trust_roots_from_env({signing.ENV_TRUST_ROOTS: str(bundle)})
    with pytest.raises(signing.SigningConfigError, match="Không đọc được"):
        signing.trust_roots_from_env({signing.ENV_TRUST_ROOTS: str(tmp_path / "none.pem")})


def test_environment_signer_signs(monkeypatch, letter_pdf, p12_config, ca):
    monkeypatch.setenv(signing.ENV_PKCS12, str(p12_config.path))
    monkeypatch.setenv(signing.ENV_PASSPHRASE, "mat-khau")
    monkeypatch.delenv(signing.ENV_PKCS11_MODULE, raising=False)
    monkeypatch.delenv(signing.ENV_TSA_URL, raising=False)
    assert signing.verify_pdf(signing.sign_pdf(letter_pdf), trust_roots=[ca.cert_pem]).ok


def test_bad_configuration_is_explained(tmp_path, letter_pdf, p12_config, monkeypatch):
    with pytest.raises(signing.SigningConfigError, match="sai mật khẩu"):
        signing.sign_pdf(letter_pdf, config=signing.Pkcs12Config(path=p12_config.path, passphrase="sai"))
    with pytest.raises(signing.SigningConfigError, match="Không đọc được"):
        signing.sign_pdf(letter_pdf, config=signing.Pkcs12Config(path=tmp_path / "none.p12"))
    for name in (signing.ENV_PKCS12, signing.ENV_PKCS11_MODULE):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(signing.SigningConfigError, match="Chưa cấu hình"):
        signing.sign_pdf(letter_pdf)


def test_one_open_signer_signs_several_files(letter_pdf, p12_config, ca):
    with signing.open_signer(p12_config) as signer:
        first = signing.sign_pdf(letter_pdf, signer=signer)
        second = signing.sign_pdf(first, signer=signer, field_name="ChuKySo2")
    result = signing.verify_pdf(second, trust_roots=[ca.cert_pem])
    assert [s.field_name for s in result.signatures] == ["ChuKySo", "ChuKySo2"]
    # The second signature is an update after the first that pyHanko accepts (a signature added to a form field).
    assert result.signatures[0].modified_after
    assert result.signatures[0].modification_level == "FORM_FILLING"
    assert result.signatures[1].ok
    assert result.ok


SOFTHSM = Path("/usr/lib/softhsm/libsofthsm2.so")


def test_pkcs11_token_signs(tmp_path, monkeypatch, letter_pdf, ca, director):
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))

    def softhsm(*args: str) -> None:
        env = {"SOFTHSM2_CONF": str(conf), "PATH": "/usr/bin:/bin"}
        subprocess.run(["softhsm2-util", *args], check=True, capture_output=True, env=env)

    softhsm("--init-token", "--free", "--label", "thidua", "--pin", "123456", "--so-pin", "000000")
    key_pem = tmp_path / "key.pem"
    key_pem.write_bytes(
        director.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    softhsm(
        "--import", str(key_pem), "--token", "thidua", "--label", "giam-doc", "--id", "01", "--pin", "123456"
    )
    lib = pkcs11.lib(str(SOFTHSM))
    with lib.get_token(token_label="thidua").open(rw=True, user_pin="123456") as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "giam-doc",
                Attribute.ID: b"\x01",
                Attribute.VALUE: director.cert.public_bytes(serialization.Encoding.DER),
                Attribute.SUBJECT: director.cert.subject.public_bytes(),
                Attribute.ISSUER: director.cert.issuer.public_bytes(),
            }
        )
    config = signing.Pkcs11Config(
        module_path=str(SOFTHSM), token_label="thidua", key_label="giam-doc", pin="123456"
    )
    result = signing.verify_pdf(signing.sign_pdf(letter_pdf, config=config), trust_roots=[ca.cert_pem])
    assert result.ok, result
    assert result.signatures[0].signer_name == SIGNER_NAME
    wrong = signing.Pkcs11Config(
        module_path=str(SOFTHSM), token_label="khong-co", key_label="giam-doc", pin="1"
    )
    with pytest.raises(signing.SigningConfigError, match="token"):
        signing.sign_pdf(letter_pdf, config=wrong)


def test_signing_and_verifying_work_where_an_event_loop_is_running(letter_pdf, p12_config, ca):
    """pyHanko's synchronous calls run their own event loop; under an ASGI server (or beside Playwright in the test
    process) a loop is already running in the thread, and signing must still work."""

    async def inside_a_loop() -> tuple[bytes, signing.Verification]:
        signed = signing.sign_pdf(letter_pdf, config=p12_config)
        return signed, signing.verify_pdf(signed, trust_roots=[ca.cert_pem])

    # A thread of its own, so that the loop it starts is the only one there (Playwright's tests may run one here).
    with ThreadPoolExecutor(max_workers=1) as pool:
        signed, result = pool.submit(asyncio.run, inside_a_loop()).result()
    assert signed.startswith(letter_pdf)
    assert result.ok, result
