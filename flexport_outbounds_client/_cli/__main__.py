"""`python -m flexport_outbounds_client._cli`: the same as the `flexport-outbounds` console script."""

from . import main

main()
