from __future__ import annotations

import itertools
import random

import numpy as np

from scoring.budget import choose_within_budget


def best_by_brute_force(costs, values, budget, max_count):
    best = 0.0
    for size in range(max_count + 1):
        for subset in itertools.combinations(range(len(costs)), size):
            if sum(costs[i] for i in subset) <= budget:
                best = max(best, sum(values[i] for i in subset))
    return best


def test_never_over_budget_and_close_to_optimal():
    rng = random.Random(2)
    for _ in range(400):
        n = rng.randint(1, 8)
        costs = [round(rng.uniform(1, 500), 2) for _ in range(n)]
        values = [rng.uniform(0, 100) for _ in range(n)]
        budget = rng.uniform(1, 1500)
        max_count = rng.randint(1, 5)
        chosen = choose_within_budget(np.array(costs), np.array(values), budget, max_count)
        assert len(set(chosen)) == len(chosen) <= max_count
        assert sum(costs[i] for i in chosen) <= budget
        # Costs are rounded up to budget/2000: at worst a set within that margin is missed.
        assert sum(values[i] for i in chosen) >= best_by_brute_force(costs, values, budget * (1 - n / 2000), max_count) - 1e-9


def test_spreads_over_small_creators_when_that_wins():
    costs = np.array([3000.0, 500.0, 500.0, 500.0, 500.0, 500.0, 500.0])
    values = np.array([2000.0, 500.0, 500.0, 500.0, 500.0, 500.0, 500.0])
    assert sorted(choose_within_budget(costs, values, 3000, 10)) == [1, 2, 3, 4, 5, 6]
    assert choose_within_budget(costs, values, 3000, 1) == [0]  # one creator only: the big one is worth most
    assert choose_within_budget(costs, values, 100, 10) == []


def test_whole_euro_rates_can_fill_the_budget_exactly():
    assert choose_within_budget(np.array([1000.0, 1000.0, 1000.0]), np.ones(3), 3000.0, 3) == [0, 1, 2]
    costs = np.array([1000.01, 999.99, 1000.0, 0.02])
    chosen = choose_within_budget(costs, np.array([1.0, 1.0, 1.0, 0.1]), 3000.0, 4)
    assert costs[chosen].sum() <= 3000.0
