# Shows a dropshipping store at price 50 with 25 of costs per order (break-even ROAS 2.0): profitable ads at ROAS 3, and the flag when ROAS 1.8 loses money.
set -euo pipefail
passivecalc dropship --price 50 --product-cost 20 --shipping 5 --payment-fee 0 --payment-fee-fixed 0 --return-rate 0 \
  --ad-spend 1000 --roas 3 --organic-orders 10 --growth 10 --years 3
passivecalc dropship --price 50 --product-cost 20 --shipping 5 --payment-fee 0 --payment-fee-fixed 0 --return-rate 0 \
  --ad-spend 1000 --roas 1.8 --years 1 --format csv
