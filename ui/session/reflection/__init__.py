"""The Reflection tab: chosen questions, answers and check-ins."""
