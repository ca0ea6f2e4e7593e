"""The built-in plugins of ``convert``, one module or package per format.

Each is registered through the ``convert.plugins`` entry-point group in
``pyproject.toml``, exactly as a third-party plugin would be.
"""
