# Shows what DRIP adds: 10,000 in a 4 % quarterly payer growing its dividend 5 %/yr, with and without reinvesting, over 20 years.
set -euo pipefail
passivecalc dividend --capital 10000 --yield 4 --dividend-growth 5 --price-growth 5 --years 20 --drip
passivecalc dividend --capital 10000 --yield 4 --dividend-growth 5 --price-growth 5 --years 20 --no-drip
