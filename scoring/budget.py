"""Choosing creators within a budget: a 0/1 knapsack with at most ``max_count`` creators.

Costs are rounded UP to a unit ``u`` (``budget / resolution``, made a whole number of currency units
when that is at least 1) and the capacity is ``floor(budget / u)`` units. For any chosen set S the dynamic programme guarantees ``sum(ceil(c_i / u)) <= capacity``,
hence ``sum(c_i) <= sum(ceil(c_i / u) * u) <= capacity * u <= budget``: the real total never
exceeds the budget, whatever the rounding. Rounding up can only make the optimiser miss a set whose
total sits within one unit per creator of the budget (0.05 % of it per creator by default).
A final check on the unrounded costs guards against floating-point surprises all the same, and
the money rounding left unspent is offered to the best remaining items whose real cost fits.

The value maximised is the caller's (the shortlist uses expected engagements per post times
relevance), so several small creators win over one big one whenever together they bring more.
"""

from __future__ import annotations

import math

import numpy as np

# Bound on the decision table (items x counts x capacity) so a large --limit stays cheap.
MAX_TABLE_CELLS = 30_000_000


def choose_within_budget(
    costs: np.ndarray, values: np.ndarray, budget: float, max_count: int, resolution: int = 2000
) -> list[int]:
    """Indices of the chosen items (value-maximising, total cost <= budget, at most max_count)."""
    costs = np.asarray(costs, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    if budget <= 0 or max_count <= 0 or len(costs) == 0:
        return []
    items = len(costs)
    max_count = min(max_count, items)
    resolution = max(10, min(resolution, MAX_TABLE_CELLS // (items * (max_count + 1))))
    unit = budget / resolution
    if unit >= 1:
        unit = float(math.ceil(unit))  # whole currency units: whole-euro rates that fill the budget still fit
    capacity = int(math.floor(budget / unit + 1e-9))
    weights = np.ceil(costs / unit - 1e-12).astype(np.int64)
    weights = np.maximum(weights, 0)
    # Rounding must never make an item cheaper than it is.
    weights = np.where(weights * unit < costs, weights + 1, weights)

    best = np.full((max_count + 1, capacity + 1), -np.inf)
    best[0, :] = 0.0  # best[c, x]: most value from exactly c items costing at most x units
    taken = np.zeros((items, max_count + 1, capacity + 1), dtype=bool)
    for i in range(items):
        w = int(weights[i])
        if w > capacity or values[i] <= 0:
            continue
        for c in range(max_count, 0, -1):
            candidate = best[c - 1, : capacity + 1 - w] + values[i]
            target = best[c, w:]
            better = candidate > target
            if better.any():
                target[better] = candidate[better]
                taken[i, c, w:] = better
    count = int(np.argmax(best[:, capacity]))
    if not np.isfinite(best[count, capacity]) or best[count, capacity] <= 0:
        return []
    chosen = []
    x = capacity
    for i in range(items - 1, -1, -1):
        if count > 0 and taken[i, count, x]:
            chosen.append(i)
            x -= int(weights[i])
            count -= 1
    chosen.reverse()
    while chosen and costs[chosen].sum() > budget:  # unreachable by the argument above; kept as a guard
        chosen.remove(min(chosen, key=lambda j: values[j]))
    # Rounding up may leave real money unspent: add the best remaining items that truly fit.
    left = budget - float(costs[chosen].sum())
    for i in sorted(set(range(items)) - set(chosen), key=lambda j: -values[j]):
        if len(chosen) >= max_count:
            break
        if values[i] > 0 and costs[i] <= left:
            chosen.append(i)
            left -= float(costs[i])
    return sorted(chosen)
