#!/usr/bin/env python3
"""Fits the place-name matcher's weights (names.cc kPlaceWeights) on labelled pairs.

  build/sitrep eval names --pairs PAIRS.tsv --features /tmp/f.tsv
  scripts/fit_place_matcher.py /tmp/f.tsv

Logistic regression (Newton's method, a small L2 penalty, no bias penalty). Two-fold: fits
the weights and chooses the threshold on the file's first half and scores F1 on the second,
and vice versa (also at 0.5, the logistic's own even odds, which names.h's kSamePlace keeps:
a threshold chosen on one half did no better on the other); then fits on the whole file and
prints the weights to paste into names.cc (kPlaceWeights). Plain Python.
"""
import math
import sys

L2 = 1.0


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            cols = line.split()
            rows.append((int(cols[0]), [float(x) for x in cols[1:]]))
    return rows


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                k = m[r][c] / m[c][c]
                for j in range(c, n + 1):
                    m[r][j] -= k * m[c][j]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def sigmoid(z):
    return 1 / (1 + math.exp(-max(-50, min(50, z))))


def fit(rows):
    d = len(rows[0][1])
    w = [0.0] * d
    for _ in range(30):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for y, x in rows:
            p = sigmoid(sum(wi * xi for wi, xi in zip(w, x)))
            g = p - y
            s = p * (1 - p)
            for i in range(d):
                grad[i] += g * x[i]
                si = s * x[i]
                for j in range(d):
                    hess[i][j] += si * x[j]
        for i in range(1, d):  # feature 0 is the bias
            grad[i] += L2 * w[i]
            hess[i][i] += L2
        for i in range(d):
            hess[i][i] += 1e-9
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return w


def f1(rows, w, threshold=0.5):
    tp = fp = fn = 0
    for y, x in rows:
        same = sigmoid(sum(wi * xi for wi, xi in zip(w, x))) >= threshold
        tp += same and y
        fp += same and not y
        fn += (not same) and y
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    return (2 * p * r / (p + r) if p + r else 0), p, r


def best_threshold(rows, w):
    grid = [t / 100 for t in range(30, 71, 2)]
    return max(grid, key=lambda t: (f1(rows, w, t)[0], -abs(t - 0.5)))


def main():
    rows = load(sys.argv[1])
    half = len(rows) // 2
    first, second = rows[:half], rows[half:]
    for name, train, test in (("first", first, second), ("second", second, first)):
        w = fit(train)
        t = best_threshold(train, w)
        print("fit on the %s half, F1 on the other at 0.5: %.3f (P %.3f R %.3f); at the "
              "threshold chosen on the %s half (%.2f): %.3f"
              % ((name,) + f1(test, w) + (name, t, f1(test, w, t)[0])))
    w = fit(rows)
    t = best_threshold(rows, w)
    print("fit on all, F1 on all (in-sample) at 0.5: %.3f (P %.3f R %.3f); best threshold %.2f"
          % (f1(rows, w) + (t,)))
    print("weights: {" + ", ".join("%.4f" % x for x in w) + "}")


if __name__ == "__main__":
    main()
