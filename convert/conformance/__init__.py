"""The conformance kits: ready pytest checks for writers, readers and
transforms, exported from :mod:`convert.testing`.

Each kit is a class to subclass in a plugin's tests.  It takes the plugin's
format or transform name and, optionally, the plugin module itself
(``plugin = my_plugin``), so that a plugin can be tested before it is
installed; an unknown name is one failing test that says so.
"""

from convert.conformance.reader import ReaderConformance
from convert.conformance.transform import TransformConformance
from convert.conformance.writer import WriterConformance, first_missing_word

__all__ = ["ReaderConformance", "TransformConformance", "WriterConformance", "first_missing_word"]
