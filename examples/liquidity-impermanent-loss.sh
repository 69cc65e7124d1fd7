# Shows impermanent loss against fees: a 50/50 pool and an 80/20 pool while the volatile asset doubles over 3 years, month by month as CSV.
set -euo pipefail
passivecalc liquidity --capital 10000 --fee-apr 8 --price-change 100 --years 3
passivecalc liquidity --capital 10000 --fee-apr 8 --price-change 100 --weight 80 --years 3 --period month --format csv
