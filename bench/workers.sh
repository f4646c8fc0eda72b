#!/bin/sh
# Ingest throughput with 1, 2 and 4 `sitrep ingest` workers sharing one PostgreSQL store.
# The corpus (its first N articles) is cut into one slice a worker; every run starts on an
# empty schema. Prints articles/s (wall clock, the slowest worker's end) and the peak memory
# of the largest worker, the median of R runs; each worker builds articles on
# max(1, cores / workers) threads, so all runs use the same cores.
#   bench/workers.sh [-n ARTICLES] [-r RUNS] [-w "1 2 4"] [-d POSTGRES_URI]
# The URI defaults to $SITREP_TEST_POSTGRES (scripts/start-postgres prints one).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
sitrep=$here/build/sitrep
corpus=$here/../shared/corpora/reuters21578/reuters21578.jsonl
articles=19043 runs=3 workers="1 2 4" uri=${SITREP_TEST_POSTGRES:-}
while getopts n:r:w:d: o; do
  case $o in
    n) articles=$OPTARG ;; r) runs=$OPTARG ;; w) workers=$OPTARG ;; d) uri=$OPTARG ;;
    *) exit 2 ;;
  esac
done
[ -n "$uri" ] || { echo "bench/workers.sh: no PostgreSQL URI (-d or SITREP_TEST_POSTGRES)" >&2; exit 2; }
[ -x "$sitrep" ] || { echo "bench/workers.sh: build $sitrep first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'psql -q "$uri" -c "DROP SCHEMA IF EXISTS bench_workers CASCADE" 2>/dev/null; rm -rf "$tmp"' EXIT
head -n "$articles" "$corpus" > "$tmp/all.jsonl"
total=$(wc -l < "$tmp/all.jsonl")
cores=$(nproc)
sep='?'; case $uri in *\?*) sep='&' ;; esac
spec="$uri${sep}options=-csearch_path%3Dbench_workers"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for w in $workers; do
  threads=$((cores / w)); [ "$threads" -ge 1 ] || threads=1
  split -n "l/$w" -d "$tmp/all.jsonl" "$tmp/part$w."
  : > "$tmp/rates" ; : > "$tmp/peaks"
  r=0
  while [ "$r" -lt "$runs" ]; do
    psql -q "$uri" -c "DROP SCHEMA IF EXISTS bench_workers CASCADE; CREATE SCHEMA bench_workers" 2>/dev/null
    "$sitrep" articles --db "$spec" --limit 1 > /dev/null  # makes the tables before the clock starts
    start=$(date +%s.%N)
    for part in "$tmp/part$w".*; do
      /usr/bin/time -f %M -o "$part.rss" "$sitrep" ingest --db "$spec" --threads "$threads" "$part" \
        > /dev/null 2> "$part.err" &
    done
    wait
    end=$(date +%s.%N)
    stored=$(psql -qAt "$spec" -c "SELECT count(*) FROM articles")
    echo "$stored $start $end" | awk '{ printf "%.1f\n", $1 / ($3 - $2) }' >> "$tmp/rates"
    cat "$tmp/part$w".*.rss | sort -n | tail -1 >> "$tmp/peaks"
    r=$((r + 1))
  done
  printf '%d worker(s) x %d thread(s), %d articles (%s stored): %s articles/s (median of %d: %s), peak %s MiB a worker\n' \
    "$w" "$threads" "$total" "$stored" "$(median < "$tmp/rates")" "$runs" \
    "$(tr '\n' ' ' < "$tmp/rates" | sed 's/ $//')" "$(median < "$tmp/peaks" | awk '{ printf "%.0f", $1 / 1024 }')"
  rm -f "$tmp/part$w".*
done
