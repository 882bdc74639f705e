"""Provides the app process of one browser session: the review UI as the reviewer the server named.

``workbench serve`` starts ``python -m workbench.serve.session --db FILE`` for
each browser session and puts the reviewer name, which it read from the
session's token, in :data:`REVIEWER_ENV`. Nothing the browser sends reaches
this process except key presses and the terminal size.
"""

from __future__ import annotations

import argparse
import os
import sys

REVIEWER_ENV = "WORKBENCH_SERVE_REVIEWER"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.serve.session")
    parser.add_argument("--db", required=True)
    args = parser.parse_args(argv)
    reviewer = os.environ.get(REVIEWER_ENV)
    if not reviewer:
        # Never fall back to a login name: a served session must carry the token's name.
        print(f"{REVIEWER_ENV} is not set: this process is started by 'workbench serve'", file=sys.stderr)
        return 2
    from ..tui.app import WorkbenchApp

    WorkbenchApp(args.db, reviewer).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
