"""The ground floor: widgets, dialogs, theme, preferences, autosave, idle, background calls.

Used by every feature; imports none of them.
"""
