"""Export and import windows."""
