"""djrh — 党建融合记录工具.

Data flows one way (see docs/architecture.md):
files (`tree`) -> parsed documents with positions (`yaml12`, `load`) -> validated records
(`validate`, `models`) -> rules (`rules`) -> findings (`findings`) -> output (`output`).
"""

__version__ = "0.2.0"
