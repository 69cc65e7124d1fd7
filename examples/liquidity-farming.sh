# Shows liquidity mining with a falling reward token: fees and rewards compounded weekly, the asset up 20 % a year.
set -euo pipefail
passivecalc liquidity --capital 5000 --fee-apr 12 --reward-apr 30 --reward-price-growth -40 --price-change 20 --price-change-over year --compound weekly --tax 15 --years 4
