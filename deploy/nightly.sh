#!/usr/bin/env bash
# Nightly crawl for cron: one run per site, never two at once, a JSON line per run in logs/runs.jsonl,
# and output (so a mail from cron) only when the run did not end ok.
#   exit 0 ok · 1 degraded or interrupted · 2 usage/configuration · 3 another run holds the lock · 4 failed
set -uo pipefail
cd "$(dirname "$0")/.."
site="${1:-bocongan}"
db="${ARCHIVE_DB:-archive.db}"
mkdir -p logs
# flock here as well as inside the crawler: a stuck run also keeps cron from piling up wrappers.
summary=$(flock --nonblock --conflict-exit-code 3 "logs/nightly-$site.lock" \
  .venv/bin/python -m crawler crawl --site "$site" --db "$db" --log-file "logs/crawl-$site.log" 2>>"logs/crawl-$site.stderr")
code=$?
[ -n "$summary" ] && echo "$summary" >> logs/runs.jsonl
if [ "$code" -ne 0 ]; then
  echo "crawl of $site ended with exit code $code"
  echo "$summary"
  tail -n 20 "logs/crawl-$site.stderr" 2>/dev/null
  echo "See logs/crawl-$site.log, the crawl_runs table, and README 'When a run is degraded'."
fi
exit "$code"
