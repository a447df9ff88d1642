"""reflection-kit: read journals and urge logs into pandas and see honest progress.

Importing has no side effects: no files, no network, no plotting styles.

Examples
--------
>>> import reflection_kit as rk
>>> sorted(rk.formats()["kind"].unique())
['journal', 'urges']
"""

from ._version import __version__
from .errors import DataQualityWarning, ParseError, ReflectionKitError, SchemaError
from .frames import COPING_STRATEGIES, URGE_KINDS, validate_journal, validate_urges
from .load_report import LoadReport
from .reading import formats, inspect, read_journal, read_urges

__all__ = [
    "COPING_STRATEGIES",
    "URGE_KINDS",
    "DataQualityWarning",
    "LoadReport",
    "ParseError",
    "ReflectionKitError",
    "SchemaError",
    "__version__",
    "formats",
    "inspect",
    "read_journal",
    "read_urges",
    "validate_journal",
    "validate_urges",
]
