#!/usr/bin/env python3
"""The README's serial layout and fixed-cost figures, from the recorded runs (no new timing).

  python3 results/study-xeon/serial_layouts.py

crossover-xeon: serial wall (median of 5) per layout x regime x algorithm x workload at n = 64,000,
and in brackets the paired median of boxed / layout (same dataset and repeat).
layouts-xeon: serial wall and summed Lloyd time (medians of 5) per layout x kernel at each cell.
fixed-costs-xeon and -2: kmlab's defaults (cold) over each other implementation, the median over
the six cells of each cell's paired median, and the medians at 1,000 x 8.
"""
import collections
import json
import os
import statistics

HERE = os.path.dirname(os.path.abspath(__file__))


def groups(folder):
    by = collections.defaultdict(dict)
    with open(os.path.join(HERE, '..', folder, 'runs.jsonl')) as f:
        for line in f:
            r = json.loads(line)
            if r['status'] == 'ok':
                by[r['key'].rsplit('/', 1)[0]][r['implementation']] = r
    return by


def crossover():
    by = groups('crossover-xeon')
    print('crossover-xeon, serial, n = 64,000: wall s (paired boxed / layout)')
    for mode in ['sweep', 'single']:
        for alg in ['lloyd', 'hamerly']:
            for jvm in ['cold', 'aot', 'warm']:
                cells = [g for k, g in by.items() if '_n64000_' in k and '/%s_' % mode in k]
                base = 'boxed-%s-%s' % (alg, jvm)
                parts = []
                for lay in ['boxed', 'boxed-scattered', 'rows', 'columns']:
                    name = '%s-%s-%s' % (lay, alg, jvm)
                    mine = [g for g in cells if name in g and base in g]
                    wall = statistics.median(g[name]['wall_s'] for g in mine)
                    ratio = statistics.median(g[base]['wall_s'] / g[name]['wall_s'] for g in mine)
                    parts.append('%s %.3f (%.2f)' % (lay, wall, ratio))
                print('  %-6s %-7s %-4s  %s' % (mode, alg, jvm, ' | '.join(parts)))


def layouts():
    by = groups('layouts-xeon')
    impls = ['boxed-scalar', 'rows-scalar', 'columns-scalar', 'boxed-simd', 'rows-simd', 'columns-simd']
    print('layouts-xeon, serial: wall s / Lloyd s')
    for n in [16000, 128000]:
        for d in [8, 32]:
            for mode in ['sweep', 'single']:
                cells = [g for k, g in by.items() if '_n%d_d%d_' % (n, d) in k and '/%s_' % mode in k]
                parts = []
                for i in impls:
                    wall = statistics.median(g[i]['wall_s'] for g in cells)
                    lloyd = statistics.median(sum(f['lloyd_s'] for f in g[i]['fits']) for g in cells)
                    parts.append('%s %.2f/%.2f' % (i, wall, lloyd))
                print('  n=%d d=%d %-6s %s' % (n, d, mode, ' '.join(parts)))


def fixed_costs():
    for folder in ['fixed-costs-xeon', 'fixed-costs-xeon-2']:
        by = groups(folder)
        cells = collections.defaultdict(list)
        for k, g in by.items():
            cells[k.rsplit('/', 1)[0]].append(g)
        ratios = []
        for other in ['rust', 'numpy', 'boxed-scalar', 'kmlab-default-aot']:
            per_cell = [statistics.median(g['kmlab-default']['wall_s'] / g[other]['wall_s'] for g in gs)
                        for gs in cells.values()]
            ratios.append('/%s %.2f' % (other, statistics.median(per_cell)))
        small = [g for k, g in by.items() if '_n1000_d8_' in k]
        ms = ['%s %.1f ms' % (i, 1e3 * statistics.median(g[i]['wall_s'] for g in small))
              for i in ['kmlab-default', 'kmlab-default-aot', 'numpy', 'rust']]
        print('%s: %s; at 1,000 x 8: %s' % (folder, ' '.join(ratios), ', '.join(ms)))


if __name__ == '__main__':
    crossover()
    layouts()
    fixed_costs()
