"""The top floor: start-up, the controller, the main window, settings and the self-test.

Composes the features; no feature imports it.
"""
