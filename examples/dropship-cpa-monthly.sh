# Shows a store buying orders at a CPA of 12 with real payment fees and 8 % returns, month by month in JSON (notes say whether the ads pay).
set -euo pipefail
passivecalc dropship --price 35 --product-cost 9 --shipping 4 --return-rate 8 --ad-spend 600 --cpa 12 \
  --hours-per-order 0.15 --hours-per-month 12 --years 1 --period month --format json
