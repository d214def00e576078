"""Integration Journal's core: the encrypted vault and the journal model. No GUI here."""

APP_NAME = "Integration Journal"
