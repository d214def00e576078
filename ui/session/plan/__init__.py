"""The Action plan tab: insights, each with its concrete actions."""
