"""The journal leaving and entering: export to open formats, import from other journals."""
