"""Sealing ballot choices (pure Python on the `cryptography` package; no Django).

- When a ballot opens, `ballot_keys()` draws a random tally code (160 bits, shown once as eight groups of four
  letters and digits) and derives from it an X25519 key pair. Only the public key is stored.
- Each choice is sealed with `seal()`: an ephemeral X25519 key agreement with the ballot's public key, HKDF-SHA256,
  ChaCha20-Poly1305 with a random nonce and the item's id as associated data. The plaintext has a fixed length
  (choice, receipt code, random padding), so every sealed ballot has the same length and two ballots with the
  same choice share no byte pattern.
- At closing the tally code is typed again; `private_key_from_code()` rebuilds the private key, which must match
  the stored public key, and `unseal()` opens each ballot in memory.
"""

from __future__ import annotations

import base64
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Crockford's base32 alphabet: no I, L, O, U (read aloud and typed without confusion).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
CODE_BYTES = 20  # 160 bits: 32 characters
RECEIPT_LENGTH = 8  # 40 bits, shown as XXXX-XXXX
CHOICE_BYTES = {"agree": b"A", "disagree": b"D", "abstain": b"X"}
_CHOICES = {v: k for k, v in CHOICE_BYTES.items()}
PLAINTEXT_LENGTH = 32  # choice (1) + receipt (9) + random padding (22)
_INFO = b"thidua council ballot v1"


class SealError(ValueError):
    """A tally code that does not open this ballot, or a sealed ballot that does not open."""


def _groups(text: str) -> str:
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def _encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(len(data) * 8 // 5):
        chars.append(ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


def _decode(text: str, length: int) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) != length * 8 // 5 or any(ch not in _DECODE for ch in cleaned):
        raise SealError("malformed code")
    number = 0
    for ch in cleaned:
        number = (number << 5) | _DECODE[ch]
    return number.to_bytes(length, "big")


def new_tally_code() -> str:
    return _groups(_encode(secrets.token_bytes(CODE_BYTES)))


def new_receipt() -> str:
    return _groups("".join(secrets.choice(ALPHABET) for _ in range(RECEIPT_LENGTH)))


def private_key_from_code(code: str) -> X25519PrivateKey:
    seed = _decode(code, CODE_BYTES)
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO + b" key").derive(seed)
    return X25519PrivateKey.from_private_bytes(raw)


def public_hex(private: X25519PrivateKey) -> str:
    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def ballot_keys() -> tuple[str, str]:
    """A new ballot: (tally code, public key in hex). The code is the only way back to the private key."""
    code = new_tally_code()
    return code, public_hex(private_key_from_code(code))


def code_opens(code: str, public_key: str) -> bool:
    try:
        return secrets.compare_digest(public_hex(private_key_from_code(code)), public_key)
    except SealError:
        return False


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO + ephemeral + recipient).derive(
        shared
    )


def seal(*, public_key: str, choice: str, receipt: str, context: str) -> str:
    """One sealed ballot (base64): `choice` and `receipt` for the holder of the ballot's private key only."""
    recipient = bytes.fromhex(public_key)
    plaintext = CHOICE_BYTES[choice] + receipt.encode("ascii") + os.urandom(22)
    if len(plaintext) != PLAINTEXT_LENGTH:
        raise ValueError("a receipt has the form XXXX-XXXX")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = os.urandom(12)
    sealed = ChaCha20Poly1305(_key(shared, ephemeral_public, recipient)).encrypt(
        nonce, plaintext, context.encode()
    )
    return base64.b64encode(ephemeral_public + nonce + sealed).decode("ascii")


def unseal(*, private: X25519PrivateKey, sealed: str, context: str) -> tuple[str, str]:
    """(choice, receipt) of one sealed ballot; SealError when it does not open with `private`."""
    try:
        data = base64.b64decode(sealed, validate=True)
    except ValueError as error:
        raise SealError("malformed ballot") from error
    ephemeral_public, nonce, body = data[:32], data[32:44], data[44:]
    recipient = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        plaintext = ChaCha20Poly1305(_key(shared, ephemeral_public, recipient)).decrypt(
            nonce, body, context.encode()
        )
    except (InvalidTag, ValueError) as error:
        raise SealError("ballot does not open") from error
    if len(plaintext) != PLAINTEXT_LENGTH or plaintext[:1] not in _CHOICES:
        raise SealError("malformed ballot")
    return _CHOICES[plaintext[:1]], plaintext[1:10].decode("ascii")
