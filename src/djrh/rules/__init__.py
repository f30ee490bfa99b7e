"""The rule catalogue (SPEC section 3): every rule is one unit in one of these modules.

Importing this package registers every rule in `RULES`, in catalogue order, and its messages in the
i18n catalogue.
"""

from djrh.rules import (  # noqa: F401  (registration order = catalogue order)
    syntax, schema, ids, refs, org, themedays, meetings, pilots, brands, deadlines, privacy, waivers,
)
from djrh.rules.base import RULES, Context, Param, Rule, RuleContext, rule

__all__ = ["RULES", "Context", "Param", "Rule", "RuleContext", "rule"]
