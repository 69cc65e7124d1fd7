# Shows what re-lending adds to a P2P book: 10,000 in 36-month loans at 12 % with 4 % defaults, re-lent or paid out, over 10 years, with the net annualised return (NAR).
set -euo pipefail
passivecalc p2p --capital 10000 --rate 12 --term 36 --default-rate 4 --recovery 15 --recovery-lag 6 --fee 1 --years 10 --reinvest --cash-drag 1
passivecalc p2p --capital 10000 --rate 12 --term 36 --default-rate 4 --recovery 15 --recovery-lag 6 --fee 1 --years 10 --no-reinvest
