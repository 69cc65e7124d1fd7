# Shows the month-by-month CSV of a saver adding 500 a month to an ETF, ready for a spreadsheet.
set -euo pipefail
passivecalc dividend --capital 0 --contribution 500 --contribution-growth 3 --yield 3 --price-growth 6 --dividend-growth 6 --drip --years 15 --period month --format csv
