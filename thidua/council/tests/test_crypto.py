"""Sealing: only the tally code opens a ballot; sealed ballots have one length and share nothing."""

import base64

import pytest

from thidua.council import crypto


def test_the_tally_code_rebuilds_the_key_and_opens_the_ballot():
    code, public = crypto.ballot_keys()
    assert len(code) == 39 and code.count("-") == 7
    receipt = crypto.new_receipt()
    sealed = crypto.seal(public_key=public, choice="agree", receipt=receipt, context="item:1")
    private = crypto.private_key_from_code(code.lower().replace("-", " "))  # typed loosely
    assert crypto.unseal(private=private, sealed=sealed, context="item:1") == ("agree", receipt)
    assert crypto.code_opens(code, public)


def test_another_code_or_another_item_does_not_open_it():
    code, public = crypto.ballot_keys()
    other, _ = crypto.ballot_keys()
    sealed = crypto.seal(public_key=public, choice="disagree", receipt="ABCD-EFGH", context="item:1")
    assert not crypto.code_opens(other, public)
    assert not crypto.code_opens("not a code", public)
    with pytest.raises(crypto.SealError):
        crypto.unseal(private=crypto.private_key_from_code(other), sealed=sealed, context="item:1")
    with pytest.raises(crypto.SealError):  # moved to another item's urn
        crypto.unseal(private=crypto.private_key_from_code(code), sealed=sealed, context="item:2")


def test_a_tampered_ballot_does_not_open():
    code, public = crypto.ballot_keys()
    sealed = bytearray(
        base64.b64decode(crypto.seal(public_key=public, choice="agree", receipt="ABCD-EFGH", context="c"))
    )
    sealed[-1] ^= 1
    with pytest.raises(crypto.SealError):
        crypto.unseal(
            private=crypto.private_key_from_code(code),
            sealed=base64.b64encode(bytes(sealed)).decode(),
            context="c",
        )


def test_sealed_ballots_have_one_length_and_differ_for_the_same_choice():
    _code, public = crypto.ballot_keys()
    sealed = [
        crypto.seal(public_key=public, choice=choice, receipt=crypto.new_receipt(), context="c")
        for choice in ("agree", "agree", "disagree", "abstain")
    ]
    assert len({len(s) for s in sealed}) == 1
    assert len(set(sealed)) == 4
    raw = [base64.b64decode(s) for s in sealed]
    assert raw[0][:32] != raw[1][:32]  # fresh ephemeral keys


def test_receipts_are_random_and_well_formed():
    receipts = {crypto.new_receipt() for _ in range(200)}
    assert len(receipts) == 200
    assert all(len(r) == 9 and r[4] == "-" and set(r) <= set(crypto.ALPHABET + "-") for r in receipts)
