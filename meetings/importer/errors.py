class DocumentImportError(Exception):
    """A file that cannot be imported, with a message for the person who gave it.

    Deliberately not the builtin `ImportError`, which means a Python module failed to load.
    """
