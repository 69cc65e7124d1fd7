# Shows three rank-and-rent sites that take six months to rank, then rent at 500 a month at 70 % occupancy.
set -euo pipefail
passivecalc rank-rent --sites 3 --build-cost 300 --build-hours 40 --months-to-rank 6 --rent 500 --occupancy 70 \
  --hosting 10 --upkeep-hours 2 --years 3
