"""Getting in: the first-run window, unlock, passphrase forms."""
