from . import main
import sys

raise SystemExit(main(sys.argv[1:]))
