"""Build, check or preview the Samenspel site: ``python build.py --help``."""
from samenspel.cli import main

raise SystemExit(main())
