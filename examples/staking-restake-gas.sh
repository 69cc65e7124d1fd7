# Shows what restake gas does to staking rewards: 1,000 tokens at 12 % APR, gas 0.50 a restake, daily against weekly, with the best interval noted.
set -euo pipefail
passivecalc staking --amount 1000 --price 5 --apr 12 --restake-cost 0.5 --compound daily --years 3
passivecalc staking --amount 1000 --price 5 --apr 12 --restake-cost 0.5 --compound weekly --years 3
