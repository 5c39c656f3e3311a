"""Settings, split by concern and read from the environment.

Each module owns one concern; the order matters only where a later module reads an earlier one's value.
`THIDUA_ENV=production` makes the security module refuse to start on a missing secret.
"""

from .base import *  # noqa: F403
from .database import *  # noqa: F403
from .i18n import *  # noqa: F403
from .security import *  # noqa: F403
from .storage import *  # noqa: F403
from .tasks import *  # noqa: F403
from .thidua import *  # noqa: F403
