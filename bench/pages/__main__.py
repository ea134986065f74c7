import sys

from bench.pages.run import main

sys.exit(main())
