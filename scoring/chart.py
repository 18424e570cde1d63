"""A picture of a shortlist: each creator's score as stacked bars, one segment per factor.

Each segment is the factor's contribution to the 0-100 score (weight x factor x 100), so the bar
length is the score and the colours show where it comes from. Rendered with matplotlib's Agg
backend (no display needed) and DejaVu Sans, which ships with matplotlib: nothing is downloaded.
"""

from __future__ import annotations

import io

from scoring.config import FACTORS, load_scoring_config
from scoring.models import Shortlist

LABELS = {
    "relevance": "relevance",
    "engagement": "engagement",
    "authenticity": "authenticity",
    "audience_fit": "audience fit",
    "cost_efficiency": "cost efficiency",
    "activity": "activity",
}
# Colour-blind-safe palette (Okabe-Ito).
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


def render_factor_chart(shortlist: Shortlist) -> bytes:
    """PNG bytes of the shortlist's score factors (a short note when the list is empty)."""
    from matplotlib.figure import (
        Figure,  # a bare Figure draws with the Agg canvas: no display, no pyplot state
    )

    weights = shortlist.weights or load_scoring_config().weights
    creators = shortlist.creators
    height = 1.6 + 0.42 * max(len(creators), 1)
    figure = Figure(figsize=(9, height), dpi=110)
    axes = figure.add_subplot()
    title = f"Score factors — {shortlist.niche}" if shortlist.niche else "Score factors"
    axes.set_title(title, fontsize=12, loc="left", fontfamily="DejaVu Sans")
    if not creators:
        axes.text(0.5, 0.5, "No creator matched this request.", ha="center", va="center", fontsize=11)
        axes.set_axis_off()
    else:
        names = [f"@{c.handle} ({c.platform}, {c.tier})" for c in creators]
        positions = list(range(len(creators)))[::-1]  # best at the top
        left = [0.0] * len(creators)
        for factor, colour in zip(FACTORS, COLOURS):
            widths = [100 * weights[factor] * c.factors.get(factor, 0.0) for c in creators]
            axes.barh(positions, widths, left=left, color=colour, label=LABELS[factor], height=0.7)
            left = [a + b for a, b in zip(left, widths)]
        for position, creator, end in zip(positions, creators, left):
            axes.text(end + 1, position, f"{creator.score:.0f}", va="center", fontsize=9)
        axes.set_yticks(positions, names, fontsize=9)
        axes.set_xlim(0, 108)
        axes.set_xlabel("score (0-100): each segment is weight × factor")
        axes.spines[["top", "right"]].set_visible(False)
        figure.legend(*axes.get_legend_handles_labels(), ncols=6, fontsize=8, loc="lower center", frameon=False)
    # Leave room at the bottom for the legend (about 0.35 inch whatever the figure's height).
    figure.tight_layout(rect=(0, 0.35 / height if creators else 0, 1, 1))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
