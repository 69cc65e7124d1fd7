# Shows staking with a validator's commission, unbonding and network inflation next to lending the same money on a platform, as JSON summaries.
set -euo pipefail
passivecalc staking --capital 10000 --price 2.5 --apy 7 --commission 8 --unbonding-days 21 --network-inflation 5 --price-growth 10 --tax 25 --years 5 --format json
passivecalc crypto-lending --capital 10000 --price 2.5 --apy 6 --platform-fee 10 --price-growth 10 --tax 25 --years 5 --format json
