"""Print the score of the last `make mutation` run (from mutmut's exported counts)."""

from __future__ import annotations

import json
from pathlib import Path


def main() -> None:
    stats = json.loads(Path("mutants/mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    killed, total = stats["killed"], stats["total"]
    print(
        f"mutation score {killed / total:.1%}: {killed} of {total} mutants killed, "
        f"{stats['survived']} survived, {stats['no_tests']} without tests, "
        f"{stats['timeout']} timed out (survivors: .venv/bin/mutmut results)"
    )


if __name__ == "__main__":
    main()
