# Shows the spread of a dividend plan under price swings and dividend cuts: 10,000 simulated paths, how many reach 200 a month, and compare with the same draws for P2P.
set -euo pipefail
passivecalc dividend --capital 20000 --contribution 300 --drip --years 10 --simulate 10000 --seed 7 --target 200
passivecalc compare "stocks: dividend --drip --years 10" "loans: p2p --years 10" --simulate 5000 --seed 7 --target 60 --chart none
