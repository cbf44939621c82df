#!/usr/bin/env python3
"""Serves the release build in dist/ on 127.0.0.1, as a static host would.

Any path that is not a file gets its pre-rendered page from pages/ if the build has one (the
guide's pages), or else index.html (the app's router shows the page, or its own "Page not
found"), so deep links such as /guide/mediation work on a first visit. Sends the same
Content-Security-Policy as index.html's meta tag, plus the parts only a header can carry.
Standard library only. Usage: serve.py [--port 8080] [--dir dist]
"""
import argparse
import functools
import http.server
import os

CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)


class AppHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
        ".js": "text/javascript",
    }

    def send_head(self):
        # Always send the whole file. Python answers If-Modified-Since to the second, so a file
        # changed in the same second as the copy the browser holds got "304 Not Modified": the
        # browser then saw no new service worker and never offered the new version (the update
        # test's occasional failure). The files are small and local; nothing is lost.
        if "If-Modified-Since" in self.headers:
            del self.headers["If-Modified-Since"]
        path = self.translate_path(self.path)
        if not os.path.isfile(path) and not self.path.startswith("/sw.js"):
            # A pre-rendered page if the build has one for this address (the guide's pages),
            # else the app's shell.
            address = self.path.split("?", 1)[0].split("#", 1)[0].rstrip("/")
            page = "/pages/index.html" if address == "" else f"/pages{address}.html"
            if ".." not in address and os.path.isfile(self.translate_path(page)):
                self.path = page
            else:
                self.path = "/index.html"
        return super().send_head()

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        # Always revalidate: the service worker does the offline caching, not the HTTP cache.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        if os.environ.get("SERVE_QUIET") != "1":
            super().log_message(format, *args)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--dir", default="dist")
    args = parser.parse_args()
    handler = functools.partial(AppHandler, directory=args.dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    print(f"SEND Casebook is at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
