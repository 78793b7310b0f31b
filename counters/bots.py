"""Obvious robots, recognised by their user agent. Keep the list short and readable.

Crawlers, link previewers, monitors and HTTP libraries announce themselves; a request
with no user agent at all is not a browser either. Add a token here when a new one shows
up in the logs (matching is case-insensitive, on substrings).
"""

import re
from functools import lru_cache

BOT_TOKENS = (
    # generic words crawlers put in their names
    "bot",
    "crawl",
    "spider",
    "slurp",
    "scrape",
    "archiver",
    "fetcher",
    # search engines and social previews that do not say "bot"
    "mediapartners-google",
    "google-inspectiontool",
    "feedfetcher",
    "coccoc",
    "yandex",
    "baiduspider",
    "facebookexternalhit",
    "facebookcatalog",
    "zalo-preview",
    "whatsapp",
    "telegram",
    "skypeuripreview",
    "embedly",
    "quora link preview",
    "pinterest",
    "vkshare",
    "ia_archiver",
    # monitors and audits
    "uptime",
    "pingdom",
    "statuscake",
    "monitor",
    "lighthouse",
    "pagespeed",
    "gtmetrix",
    "headlesschrome",
    "phantomjs",
    # HTTP libraries and command-line tools
    "curl/",
    "wget/",
    "python-requests",
    "python-urllib",
    "python-httpx",
    "aiohttp",
    "httpclient",
    "okhttp",
    "go-http-client",
    "java/",
    "libwww-perl",
    "node-fetch",
    "axios/",
    "postmanruntime",
    "insomnia",
    "apachebench",
    "wrk",
    "hey/",
    "k6/",
    "locust",
)

_BOT_RE = re.compile("|".join(re.escape(token) for token in BOT_TOKENS), re.IGNORECASE)


def is_bot(user_agent: str | None) -> bool:
    """True for an empty user agent or one naming a robot, a monitor or an HTTP library."""
    if not user_agent or not user_agent.strip():
        return True
    if len(user_agent) <= 512:  # a few browsers send most requests: remember the answer
        return _names_robot(user_agent)
    return _BOT_RE.search(user_agent) is not None


@lru_cache(maxsize=2048)  # bounded: at most 2048 × 512 characters per process
def _names_robot(user_agent):
    return _BOT_RE.search(user_agent) is not None
