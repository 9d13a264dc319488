#!/usr/bin/env bash
# Issue 2 acceptance, on the committed code: the two commands exactly as in the issue, then each
# layout with the default kernel and with the scalar kernel (one fresh JVM per run).
set -e
# Usage: results/fit-256k/run.sh [WORKDIR]   (writes b.csv, o*.csv and *.json there; ~2.5 min)
K="$(cd "$(dirname "$0")/../.." && pwd)/kmlab"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cd "$work"
summ() { python3 -c "
import json,sys; j=json.load(open('$1')); f=j['fits']; p=j['phases_s']
print('%-8s %-7s t=%s ari=%.4f  start %.3f setup %.3f read %.3f fit %.3f (seed %.2f lloyd %.2f) write %.3f  peak RSS %.0f MB  iters %d' % (j['layout'], j['kernel'], j['threads'], j['ari'], p['jvm_start_to_main'], p['setup'], p['read'], p['fit'], sum(x['seed_s'] for x in f), sum(x['lloyd_s'] for x in f), p['write'], j['peak_rss_bytes']/1e6, sum(x['iterations'] for x in f)))"; }
/usr/bin/time -f "gen: wall %e s" $K gen --rows 256000 --features 32 --clusters 32 --seed 1 --output b.csv 2>&1 | grep -v WARNING
/usr/bin/time -f "fit (defaults): wall %e s" $K fit b.csv --k-max 32 --json --output o.csv > default.json 2> default.err; grep wall default.err; summ default.json
for kernel in default scalar; do for layout in boxed rows columns; do
  extra=""; [ $kernel = scalar ] && extra="--kernel scalar"
  /usr/bin/time -f "$layout $kernel: wall %e s" $K fit b.csv --k-max 32 --json --layout $layout $extra --output o_${layout}_$kernel.csv > ${layout}_$kernel.json 2> err.txt; grep wall err.txt; summ ${layout}_$kernel.json
done; done
md5sum o_*_scalar.csv
echo done
