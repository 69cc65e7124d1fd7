# Shows 20 domains leased at 10 % occupancy on 24-month lease-to-own terms: domains leave the book as they sell, and their book value comes back as returned capital.
set -euo pipefail
passivecalc domains --domains 20 --acquisition-cost 300 --renewal 12 --lease 100 --occupancy 10 --marketplace-fee 15 \
  --lease-to-own-months 24 --years 5
passivecalc domains --domains 20 --acquisition-cost 300 --occupancy 5 --holding-value 0 --years 10 --format csv
