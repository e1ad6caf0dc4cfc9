"""Kredsgraf: a knowledge graph of Danish police–municipality cooperation.

Importing this package is cheap: heavy libraries (rdflib, pyoxigraph, owlready2, networkx,
pyvis) are imported inside the functions that need them, so ``kg --help`` stays instant.
"""

__version__ = "0.1.0"
