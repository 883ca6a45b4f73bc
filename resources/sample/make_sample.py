#!/usr/bin/env python3
"""Builds the bundled sample from ../shared/data/sp500-daily (run from the repository root):

    python3 resources/sample/make_sample.py ../shared/data/sp500-daily resources/sample

Picks 100 tickers that have every one of the 1,259 trading days, no row the importer rejects
(a few real files have a zero-price day or a high below the open) and a known sector, spread
over all 11 GICS sectors in proportion to their size (evenly through each sector's
alphabetical list), and writes
  - prices.csv.qz: one long-format CSV (ticker,Date,Open,High,Low,Close,Volume,Adj Close),
    compressed in qCompress' format (4-byte big-endian length + zlib stream);
  - sectors.csv: ticker,sector for every ticker of sectors.csv.
Prices are written with the fewest digits that give back the same 32-bit float the source
holds (the source files are float32 values printed as doubles), volumes as integers.
"""
import csv
import os
import struct
import sys
import zlib

SAMPLE_SIZE = 100
FULL_HISTORY = 1259


def shortest_float32(text):
    value = struct.unpack('f', struct.pack('f', float(text)))[0]
    for digits in range(1, 10):
        candidate = '%.*g' % (digits, value)
        if struct.unpack('f', struct.pack('f', float(candidate)))[0] == value:
            return candidate
    return repr(value)


def is_valid(row):
    o, h, l, c = (float(row[k]) for k in ('Open', 'High', 'Low', 'Close'))
    return min(o, h, l, c) > 0 and l <= min(o, c) and h >= max(o, c) and float(row['Volume']) >= 0


def main(source, target):
    with open(os.path.join(source, 'sectors.csv'), newline='') as f:
        sectors = {row['ticker']: row['sector'] for row in csv.DictReader(f)}
    by_sector = {}
    for ticker in sorted(sectors):
        path = os.path.join(source, 'prices', ticker + '_data.csv')
        if os.path.exists(path):
            with open(path, newline='') as f:
                rows = list(csv.DictReader(f))
            if len(rows) == FULL_HISTORY and all(is_valid(row) for row in rows):
                by_sector.setdefault(sectors[ticker], []).append(ticker)

    total = sum(len(t) for t in by_sector.values())
    quotas = {s: SAMPLE_SIZE * len(t) / total for s, t in by_sector.items()}
    counts = {s: max(1, int(q)) for s, q in quotas.items()}
    for s in sorted(quotas, key=lambda s: quotas[s] - int(quotas[s]), reverse=True):
        if sum(counts.values()) >= SAMPLE_SIZE:
            break
        counts[s] += 1

    chosen = []
    for sector, tickers in sorted(by_sector.items()):
        step = len(tickers) / counts[sector]
        chosen += [tickers[int(i * step)] for i in range(counts[sector])]
    assert len(chosen) == SAMPLE_SIZE, len(chosen)

    lines = ['ticker,Date,Open,High,Low,Close,Volume,Adj Close']
    for ticker in sorted(chosen):
        with open(os.path.join(source, 'prices', ticker + '_data.csv'), newline='') as f:
            for row in csv.DictReader(f):
                prices = [shortest_float32(row[c]) for c in ('Open', 'High', 'Low', 'Close')]
                lines.append(','.join([ticker, row['Date']] + prices
                                      + ['%d' % float(row['Volume']),
                                         shortest_float32(row['Adj Close'])]))
    data = ('\n'.join(lines) + '\n').encode()
    with open(os.path.join(target, 'prices.csv.qz'), 'wb') as f:
        f.write(struct.pack('>I', len(data)) + zlib.compress(data, 9))
    with open(os.path.join(target, 'sectors.csv'), 'w', newline='') as f:
        f.write('ticker,sector\n')
        for ticker in sorted(sectors):
            f.write('%s,%s\n' % (ticker, sectors[ticker]))
    print('%d tickers, %d rows, %d bytes -> %d compressed' % (
        len(chosen), len(lines) - 1, len(data), os.path.getsize(os.path.join(target, 'prices.csv.qz'))))
    for sector in sorted(counts):
        print('  %-24s %d' % (sector, counts[sector]))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
