"""The address of the client behind the request, seen through the reverse proxies we trust.

Behind nginx every request arrives from the proxy's address; the client's is the last hop nginx appended to
`X-Forwarded-For`. That header is believed only when the immediate peer is a trusted proxy
(`THIDUA_TRUSTED_PROXIES`), and only as far back as the chain of trusted proxies reaches: the first untrusted
hop from the right is the client, and whatever it claims before that is its own invention.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

type _Address = ipaddress.IPv4Address | ipaddress.IPv6Address
type _Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _trusted_networks(proxies: tuple[str, ...]) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(value: str | None) -> _Address | None:
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: _Address, networks: tuple[_Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: `REMOTE_ADDR`, or from `X-Forwarded-For` when the peer is a trusted proxy."""
    peer = _parse(request.META.get("REMOTE_ADDR"))
    if peer is None:
        return None
    networks = _trusted_networks(tuple(getattr(settings, "THIDUA_TRUSTED_PROXIES", ())))
    client = peer
    if _is_trusted(peer, networks):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            address = _parse(hop)
            if address is None:  # a garbled hop: nothing to its left can be believed
                break
            client = address
            if not _is_trusted(address, networks):
                break
    return str(client)
