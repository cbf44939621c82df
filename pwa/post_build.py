#!/usr/bin/env python3
"""Trunk post-build hook: make the build work offline under a strict Content-Security-Policy.

1. Trunk starts the app with an inline <script type="module">. A CSP without 'unsafe-inline'
   blocks it, so the script moves to its own file, named after a hash of its contents.
2. Writes sw.js from pwa/sw.template.js with the list of every file in the build (never typed by
   hand) and a cache name derived from the files' contents.
3. Writes a gzip copy of each file beside it (`name.gz`, compressed once, at the highest level),
   for servers that send a pre-compressed file (nginx's gzip_static; see publish/). The service
   worker never lists them: a browser asks for the file, and the server chooses.

Runs in Trunk's staging directory (TRUNK_STAGING_DIR); standard library only.
"""
import gzip
import hashlib
import json
import os
import re
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
        p for p in STAGING.rglob("*") if p.is_file() and p.name != "sw.js" and p.suffix != ".gz"
    )
    digest = hashlib.sha256()
    urls = []
    for path in files:
        relative = path.relative_to(STAGING).as_posix()
        urls.append("/" + relative)
        digest.update(relative.encode())
        digest.update(path.read_bytes())
    template = (ROOT / "pwa" / "sw.template.js").read_text(encoding="utf-8")
    worker = template.replace("__CACHE_NAME__", "send-casebook-" + digest.hexdigest()[:16]).replace(
        "__PRECACHE__", json.dumps(urls, indent=2)
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


if __name__ == "__main__":
    externalise_start_script()
    write_service_worker()
    precompress()
