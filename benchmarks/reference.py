"""The reference: the bare framework (FastAPI on uvicorn, as Ticketry runs) serving a stored JSON body.

    python -m benchmarks.reference --body /tmp/issue.json --port 8099

Every path answers 200 with the stored bytes, so the load driver's view_issue action runs against it
unchanged. Ticketry's `GET issue` throughput divided by this one's, measured in the same run, is the
ratio the guide's target is about (absolute numbers on a shared machine vary by 30-50%).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from fastapi import FastAPI, Response

from ticketry.serving import Workers, serve


def make_app(body: bytes) -> FastAPI:
    app = FastAPI()

    @app.get("/rest/api/2/issue/{key}")
    def issue(key: str) -> Response:
        return Response(body, media_type="application/json;charset=UTF-8")

    return app


def app_from_env() -> FastAPI:
    """The factory uvicorn's worker processes call: the body's path comes through the environment."""
    return make_app(Path(os.environ["TICKETRY_BENCH_BODY"]).read_bytes())


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--body", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    os.environ["TICKETRY_BENCH_BODY"] = str(args.body.resolve())
    # The same server settings as `ticketry serve`: loopback only, no access log, same worker processes.
    if args.workers > 1:
        serve(Workers("benchmarks.reference:app_from_env", "127.0.0.1", args.port, args.workers, "warning",
                      factory=True))
    else:
        uvicorn.run("benchmarks.reference:app_from_env", factory=True, host="127.0.0.1", port=args.port,
                    log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
