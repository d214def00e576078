"""Follow-through: timeline, revisit offers, this week and the weekly review."""
