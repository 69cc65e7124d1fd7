# Shows goal seeking: the capital, the monthly saving, the sites and the confidence it takes to reach a target monthly income.
set -euo pipefail
passivecalc goal dividend --target 2000 --yield 4
passivecalc goal dividend --target 2000 --solve contribution --capital 0 --yield 3 --dividend-growth 6 --price-growth 5 --drip --years 25 --inflation 2.5 --real
passivecalc goal rank-rent --target 3000 --format csv
passivecalc goal dividend --target 2000 --yield 4 --confidence 90 --paths 1000 --seed 7 --format json
