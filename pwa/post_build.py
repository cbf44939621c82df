#!/usr/bin/env python3
"""Trunk post-build hook: make the build work offline under a strict Content-Security-Policy.

1. Trunk starts the app with an inline <script type="module">. A CSP without 'unsafe-inline'
   blocks it, so the script moves to its own file, named after a hash of its contents.
2. Writes sw.js from pwa/sw.template.js with the list of every file in the build (never typed by
   hand) with each file's integrity hash, and a cache name derived from the files' contents.
3. Pre-renders the guide's pages with pwa/prerender.mjs (the app draws them in headless
   Chromium; they go into pages/, which the service worker does not list).
4. Writes a gzip copy of each file beside it (`name.gz`, compressed once, at the highest level),
   for servers that send a pre-compressed file (nginx's gzip_static; see publish/). The service
   worker never lists them: a browser asks for the file, and the server chooses.

Runs in Trunk's staging directory (TRUNK_STAGING_DIR); standard library only.
"""
import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGING = Path(os.environ.get("TRUNK_STAGING_DIR") or sys.argv[1])
INLINE_MODULE = re.compile(r'<script type="module"(?: nonce="[^"]*")?>(.*?)</script>', re.S)


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def externalise_start_script() -> None:
    index = STAGING / "index.html"
    html = index.read_text(encoding="utf-8")
    scripts = INLINE_MODULE.findall(html)
    if len(scripts) != 1:
        sys.exit(f"post_build: expected one inline start-up script in index.html, found {len(scripts)}")
    body = scripts[0].strip() + "\n"
    name = f"boot-{short_hash(body.encode())}.js"
    (STAGING / name).write_text(body, encoding="utf-8")
    html = INLINE_MODULE.sub(f'<script type="module" src="/{name}"></script>', html, count=1)
    index.write_text(html, encoding="utf-8")


def write_service_worker() -> None:
    files = sorted(
        p
        for p in STAGING.rglob("*")
        if p.is_file()
        and p.name != "sw.js"
        and p.suffix != ".gz"
        and p.relative_to(STAGING).parts[0] != "pages"
    )
    digest = hashlib.sha256()
    urls = []
    for path in files:
        relative = path.relative_to(STAGING).as_posix()
        data = path.read_bytes()
        # Each file with its Subresource Integrity hash: the worker refuses a file whose bytes
        # are not this build's (a half-finished upload, an old copy), so a version is cached
        # whole or not at all.
        integrity = "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()
        urls.append({"url": "/" + relative, "integrity": integrity})
        digest.update(relative.encode())
        digest.update(data)
    # The pre-rendered pages, by address, with their hashes: not downloaded at install, but kept
    # with this version once a visit has fetched them (see the template).
    pages = {}
    for path in sorted((STAGING / "pages").rglob("*.html")) if (STAGING / "pages").is_dir() else []:
        relative = path.relative_to(STAGING).as_posix()
        address = "/" + relative[len("pages/") : -len(".html")]
        address = "/" if address == "/index" else address
        data = path.read_bytes()
        digest.update(relative.encode())
        digest.update(data)
        integrity = "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()
        pages[address] = {"url": "/" + relative, "integrity": integrity}
    template = (ROOT / "pwa" / "sw.template.js").read_text(encoding="utf-8")
    worker = (
        template.replace("__CACHE_NAME__", "send-casebook-" + digest.hexdigest()[:16])
        .replace("__PRECACHE__", json.dumps(urls, indent=2))
        .replace("__PAGES__", json.dumps(pages, indent=2))
    )
    (STAGING / "sw.js").write_text(worker, encoding="utf-8")
    print(f"post_build: service worker precaches {len(urls)} files")


def precompress() -> None:
    count = 0
    for path in sorted(STAGING.rglob("*")):
        if not path.is_file() or path.suffix == ".gz":
            continue
        data = path.read_bytes()
        # mtime=0: the same file always gives the same bytes.
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < len(data):
            path.with_name(path.name + ".gz").write_bytes(packed)
            count += 1
    print(f"post_build: {count} files pre-compressed (.gz)")


def prerender() -> None:
    if shutil.which("node") is None:
        print("post_build: pre-rendering skipped (no node)")
        return
    subprocess.run(["node", str(ROOT / "pwa" / "prerender.mjs"), str(STAGING)], check=True)


if __name__ == "__main__":
    externalise_start_script()
    prerender()
    write_service_worker()
    precompress()
