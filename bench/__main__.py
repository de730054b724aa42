"""`make bench`: every benchmark, each printing its figures beside a baseline
measured in the same run."""

from __future__ import annotations

from bench import chat_triage, console, crypto, intake, purge, triage

if __name__ == "__main__":
    triage.main()
    chat_triage.main()
    intake.main([])
    crypto.main([])
    console.main()
    purge.main()
