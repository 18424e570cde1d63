"""Knowledge base: ingestion, embeddings, Chroma store, hybrid retrieval and grounded answers."""

from pathlib import Path

CORPUS_DIR = Path(__file__).parent / "corpus"  # the shipped knowledge base, written for Relais
